"""Evidence links in their canonical form (tracking.links): a link saved twice written two
ways (`https://GitHub.com/me/repo` and `https://github.com/me/repo`) is one link now; the
first saved is kept, the later copies are removed."""

from django.db import migrations

# The rule itself, not a copy: it is pure, and what the service stores must match it.
from skillpath.tracking.links import canonical_url


def keep_canonical_urls(apps, schema_editor):
    EvidenceLink = apps.get_model("tracking", "EvidenceLink")
    max_chars = EvidenceLink._meta.get_field("url").max_length
    kept: set[tuple[int, str]] = set()
    later: list[int] = []
    renamed: list[tuple[int, str]] = []
    rows = EvidenceLink.objects.order_by("progress_id", "created_at", "id")
    for pk, progress_id, url in rows.values_list("id", "progress_id", "url").iterator():
        canonical = canonical_url(url)
        if len(canonical) > max_chars:
            canonical = url  # as the service does: the column would refuse it
        if (progress_id, canonical) in kept:
            later.append(pk)
            continue
        kept.add((progress_id, canonical))
        if canonical != url:
            renamed.append((pk, canonical))
    # Copies go first: a link renamed to its canonical form may take the address of one.
    for start in range(0, len(later), 500):
        EvidenceLink.objects.filter(pk__in=later[start : start + 500]).delete()
    for pk, canonical in renamed:
        EvidenceLink.objects.filter(pk=pk).update(url=canonical)


class Migration(migrations.Migration):
    dependencies = [("tracking", "0002_evidence_once_public")]

    operations = [
        migrations.RunPython(keep_canonical_urls, migrations.RunPython.noop, elidable=True),
    ]
