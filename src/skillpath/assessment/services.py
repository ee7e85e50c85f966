"""Writes of the assessment app. KPIs from git: registering repositories and addresses,
and scanning (docs/kpi.md). Git is read before each repository's transaction, so a long
scan never holds the database."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from skillpath.assessment import git, kpi
from skillpath.assessment.models import AuthorAddress, CountedCommit, Repository
from skillpath.core.errors import DomainError

# Called with (repository path, commits read, commits to read) as a scan goes.
Progress = Callable[[str, int, int], None]


class KpiInputError(DomainError):
    """A path or an address the learner gave cannot be used."""


class NoAuthorError(DomainError):
    """No address to tell the learner's commits by."""


@dataclass(frozen=True)
class RepositoryScan:
    path: str
    head: str | None
    counted: int
    is_from_scratch: bool
    problem: str | None = None


def _checked_email(email: str) -> str:
    normalized = kpi.normalize_email(email)
    try:
        validate_email(normalized)
    except ValidationError:
        raise KpiInputError(_("not an e-mail address: %(email)s") % {"email": email}) from None
    return normalized


def _checked_root(path: str) -> str:
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise KpiInputError(_("no such folder: %(path)s") % {"path": path})
    root = git.repository_root(folder.resolve())
    if root is None:
        raise KpiInputError(_("not a git repository: %(path)s") % {"path": path})
    return str(root)


def register_author(*, learner: AbstractBaseUser, email: str) -> AuthorAddress:
    """Add an address the learner commits with (idempotent); KpiInputError if invalid."""
    address, _created = AuthorAddress.objects.get_or_create(
        learner=learner, email=_checked_email(email)
    )
    return address


def register_repository(*, learner: AbstractBaseUser, path: str) -> Repository:
    """Add a repository to scan (idempotent); KpiInputError unless it is a git repository."""
    repository, _created = Repository.objects.get_or_create(
        learner=learner, path=_checked_root(path)
    )
    return repository


def scan_kpis(
    *,
    learner: AbstractBaseUser,
    paths: Sequence[str] = (),
    emails: Sequence[str] = (),
    progress: Progress | None = None,
) -> list[RepositoryScan]:
    """Register `paths` and `emails` (all checked first: bad input stores nothing), then
    scan `paths`, or every registered repository when none is given."""
    addresses = [_checked_email(email) for email in emails]
    roots = [_checked_root(path) for path in paths]
    # One transaction: a scan that cannot start registers nothing either.
    with transaction.atomic():
        for email in addresses:
            AuthorAddress.objects.get_or_create(learner=learner, email=email)
        chosen = [Repository.objects.get_or_create(learner=learner, path=r)[0] for r in roots]
        if not paths:
            chosen = list(Repository.objects.filter(learner=learner).order_by("path"))
        known = set(AuthorAddress.objects.filter(learner=learner).values_list("email", flat=True))
        if not known:
            raise NoAuthorError(
                _("no author address yet: add the e-mail you commit with (--author EMAIL)")
            )
        if not chosen:
            raise KpiInputError(
                _("no repository yet: give the path of one (skillpath kpi scan PATH)")
            )
    unique = list(dict.fromkeys(chosen))
    return [scan_repository(repository=r, addresses=known, progress=progress) for r in unique]


def scan_repository(
    *, repository: Repository, addresses: set[str], progress: Progress | None = None
) -> RepositoryScan:
    """Count the repository's new commits by `addresses` (all of them after a rewritten
    history or a change of addresses); one transaction. Safe to run twice."""
    root = Path(repository.path)
    fingerprint = "\n".join(sorted(addresses))
    if str(git.repository_root(root)) != repository.path:
        problem = _("no longer a git repository: %(path)s") % {"path": repository.path}
        return RepositoryScan(repository.path, None, 0, False, problem)
    head = git.head_commit(root)
    since = repository.last_commit or None
    if since and head == since and repository.scanned_authors == fingerprint:
        Repository.objects.filter(pk=repository.pk).update(scanned_at=timezone.now())
        return RepositoryScan(repository.path, head, 0, False)
    from_scratch = (
        since is None
        or head is None
        or repository.scanned_authors != fingerprint
        or not git.is_ancestor(root, since, head)
    )
    listed = git.commit_list(root, head, None if from_scratch else since) if head else []
    ours = [c for c in listed if kpi.is_counted_commit(c, addresses)]
    counted = dict(
        CountedCommit.objects.filter(learner_id=repository.learner_id).values_list("sha", "id")
    )
    new = [c for c in ours if c.sha not in counted]
    counts = _count(root, new, progress, repository.path)
    _store(repository, counts, [c.sha for c in ours], head, fingerprint, from_scratch)
    return RepositoryScan(repository.path, head, len(counts), from_scratch)


def _count(
    root: Path, commits: list[kpi.CommitHead], progress: Progress | None, label: str
) -> list[kpi.CommitCount]:
    """Each commit's count, from its patch and (where the patch does not show them) the
    first lines of its files, read in one batch."""
    by_sha = {c.sha: c for c in commits}
    patched = []
    for done, patch in enumerate(git.patches(root, by_sha), start=1):
        patched.append(patch)
        if progress is not None:
            progress(label, done, len(by_sha))
    blobs = [f.blob for p in patched for f in p.files if kpi.needs_header(f) and f.blob]
    headers = git.blob_headers(root, blobs)
    return [kpi.count_commit(by_sha[p.sha], p, headers) for p in patched]


def _store(
    repository: Repository,
    counts: list[kpi.CommitCount],
    held: list[str],
    head: str | None,
    fingerprint: str,
    from_scratch: bool,
) -> None:
    learner_id = repository.learner_id
    Link = CountedCommit.repositories.through
    with transaction.atomic():
        # Two scans of one repository take turns here (SQLite serializes writers anyway).
        Repository.objects.select_for_update().filter(pk=repository.pk).first()
        CountedCommit.objects.bulk_create(
            [
                CountedCommit(
                    learner_id=learner_id,
                    sha=c.sha,
                    authored_at=c.authored_at,
                    lines=c.lines,
                    lines_by_language=c.lines_by_language,
                    test_lines=c.test_lines,
                    docs_pages=c.docs_pages,
                )
                for c in counts
            ],
            batch_size=500,
            ignore_conflicts=True,
        )
        ids = dict(CountedCommit.objects.filter(learner_id=learner_id).values_list("sha", "id"))
        wanted = {ids[sha] for sha in held if sha in ids}
        links = Link.objects.filter(repository_id=repository.pk)
        linked = set(links.values_list("countedcommit_id", flat=True))
        Link.objects.bulk_create(
            [Link(repository_id=repository.pk, countedcommit_id=i) for i in wanted - linked],
            batch_size=500,
            ignore_conflicts=True,
        )
        if from_scratch:
            # What the repository no longer holds stops counting once no repository does.
            stale = sorted(linked - wanted)
            for start in range(0, len(stale), 500):
                links.filter(countedcommit_id__in=stale[start : start + 500]).delete()
            CountedCommit.objects.filter(learner_id=learner_id, repositories=None).delete()
        Repository.objects.filter(pk=repository.pk).update(
            last_commit=head or "", scanned_authors=fingerprint, scanned_at=timezone.now()
        )
    repository.last_commit, repository.scanned_authors = head or "", fingerprint
