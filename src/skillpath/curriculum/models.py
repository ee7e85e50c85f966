"""The curriculum: a plan of phases, months, two-week blocks and topics, with the practices,
milestones, projects, resources, assessment policy, career tracks and KPI targets around it.

Curricula are shared content, written only by the importer (`services.import_curriculum`)
and the admin. Every text has a Russian and an English column; `obj.title` reads the active
language. Every item has a slug unique within its curriculum that survives re-imports, so
a learner's progress can point at it.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from skillpath.core.translated import Translated


def _texts() -> tuple[models.TextField, models.TextField]:
    return models.TextField(blank=True), models.TextField(blank=True)


class Level(models.TextChoices):
    JUNIOR = "junior", _("Junior")
    MIDDLE = "middle", _("Middle")
    SENIOR = "senior", _("Senior")
    TECH_LEAD = "tech_lead", _("Tech lead")


class ResourceKind(models.TextChoices):
    BOOK = "book", _("Book")
    COURSE = "course", _("Course")
    PLATFORM = "platform", _("Platform")


class MaterialKind(models.TextChoices):
    DOCS = "docs", _("Documentation")
    SPEC = "spec", _("Specification")
    BOOK = "book", _("Book")
    COURSE = "course", _("Course")
    TUTORIAL = "tutorial", _("Tutorial")
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    INTERACTIVE = "interactive", _("Interactive")


class PartKind(models.TextChoices):
    CHAPTER = "chapter", _("Chapter")
    MODULE = "module", _("Module")
    DOMAIN = "domain", _("Exam domain")


class TimeKind(models.TextChoices):
    THEORY = "theory", _("Theory")
    PRACTICE = "practice", _("Practice")
    RESEARCH = "research", _("Research")


class Curriculum(models.Model):
    slug = models.SlugField(max_length=100, unique=True)
    version = models.CharField(max_length=40, default="1")
    title_ru, title_en = _texts()
    subtitle_ru, subtitle_en = _texts()
    goal_ru, goal_en = _texts()
    target_level_ru, target_level_en = _texts()
    duration_min_months = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_max_months = models.PositiveSmallIntegerField(null=True, blank=True)
    hours_per_week_min = models.PositiveSmallIntegerField(null=True, blank=True)
    hours_per_week_max = models.PositiveSmallIntegerField(null=True, blank=True)
    practice_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    theory_percent = models.PositiveSmallIntegerField(null=True, blank=True)
    next_steps_intro_ru, next_steps_intro_en = _texts()
    closing_ru, closing_en = _texts()
    is_builtin = models.BooleanField(default=False)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    title = Translated()
    subtitle = Translated()
    goal = Translated()
    target_level = Translated()
    next_steps_intro = Translated()
    closing = Translated()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("curriculum")
        verbose_name_plural = _("curricula")

    def __str__(self) -> str:
        return str(self.title or self.slug)


class CurriculumItem(models.Model):
    """Something that belongs to one curriculum, with a slug unique within it and a place."""

    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE)
    slug = models.SlugField(max_length=100)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum", "slug"], name="%(app_label)s_%(class)s_unique_slug"
            )
        ]

    def __str__(self) -> str:
        title = getattr(self, "title", "") or getattr(self, "text", "")
        return str(title or self.slug)


class Phase(CurriculumItem):
    number = models.PositiveSmallIntegerField()
    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")


class Month(CurriculumItem):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="months")
    number = models.PositiveSmallIntegerField()
    title_ru, title_en = _texts()
    goal_ru, goal_en = _texts()
    title = Translated()
    goal = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("month")
        verbose_name_plural = _("months")


class Block(CurriculumItem):
    """Two weeks (in the seed) of a month, holding its topics."""

    month = models.ForeignKey(Month, on_delete=models.CASCADE, related_name="blocks")
    week_from = models.PositiveSmallIntegerField()
    week_to = models.PositiveSmallIntegerField()
    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("block")
        verbose_name_plural = _("blocks")


class Topic(CurriculumItem):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="topics")
    title_ru, title_en = _texts()
    description_ru, description_en = _texts()
    estimated_hours = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    exercise_ru, exercise_en = _texts()
    title = Translated()
    description = Translated()
    exercise = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    # Read from `points`, prefetched by the selectors that show a topic in full.
    @property
    def objectives(self) -> list[TopicPoint]:
        return [p for p in self.points.all() if p.kind == TopicPoint.Kind.OBJECTIVE]

    @property
    def concepts(self) -> list[TopicPoint]:
        return [p for p in self.points.all() if p.kind == TopicPoint.Kind.CONCEPT]


class TopicPoint(CurriculumItem):
    """One learning objective or key concept of a topic (slug: "<topic>--objective-1")."""

    class Kind(models.TextChoices):
        OBJECTIVE = "objective", _("Learning objective")
        CONCEPT = "concept", _("Key concept")

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text_ru, text_en = _texts()
    text = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("topic point")
        verbose_name_plural = _("topic points")


class TopicMaterial(CurriculumItem):
    """Something to study a topic from (slug: "<topic>--<material>", unique in the curriculum,
    so the importer's slug-keyed sync keeps it across re-imports like every other item)."""

    slug = models.SlugField(max_length=200)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=20, choices=MaterialKind.choices)
    title_ru, title_en = _texts()
    url = models.URLField(max_length=500)
    language = models.CharField(max_length=2)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("topic material")
        verbose_name_plural = _("topic materials")

    def slug_in_topic(self, topic_slug: str) -> str:
        """The slug within its topic, as the plan writes it."""
        return self.slug.removeprefix(f"{topic_slug}--")


class Practice(CurriculumItem):
    """The practice task that closes a month; the last one is the capstone."""

    month = models.OneToOneField(Month, on_delete=models.CASCADE, related_name="practice")
    text_ru, text_en = _texts()
    is_capstone = models.BooleanField(default=False)
    text = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("practice")
        verbose_name_plural = _("practices")


class Milestone(CurriculumItem):
    number = models.PositiveSmallIntegerField()
    after_month = models.ForeignKey(Month, on_delete=models.CASCADE, related_name="milestones")
    text_ru, text_en = _texts()
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    text = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")


class Project(CurriculumItem):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="projects")
    number = models.PositiveSmallIntegerField()
    title_ru, title_en = _texts()
    summary_ru, summary_en = _texts()
    title = Translated()
    summary = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("project")
        verbose_name_plural = _("projects")


class Resource(CurriculumItem):
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    phase = models.ForeignKey(
        Phase, on_delete=models.CASCADE, null=True, blank=True, related_name="resources"
    )
    category_ru, category_en = _texts()
    title_ru, title_en = _texts()
    url = models.URLField(max_length=500, blank=True)
    # Names as the book's cover gives them, in order (a list, not a text to split).
    authors = models.JSONField(default=list, blank=True)
    category = Translated()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("resource")
        verbose_name_plural = _("resources")


class Certification(CurriculumItem):
    """A certification a resource leads to (slug unique in the curriculum: "cka")."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="certifications")
    title_ru, title_en = _texts()
    url = models.URLField(max_length=500, blank=True)
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")


class ResourcePart(CurriculumItem):
    """A chapter, module or exam domain of a resource (slug: "<resource>--<part>", unique
    in the curriculum, so a learner's ticks survive a re-import)."""

    slug = models.SlugField(max_length=200)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="parts")
    kind = models.CharField(max_length=20, choices=PartKind.choices)
    title_ru, title_en = _texts()
    group_ru, group_en = _texts()
    pages = models.PositiveIntegerField(null=True, blank=True)
    weight = models.PositiveSmallIntegerField(null=True, blank=True)
    certification = models.ForeignKey(
        Certification, on_delete=models.SET_NULL, null=True, blank=True, related_name="domains"
    )
    title = Translated()
    group = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("resource part")
        verbose_name_plural = _("resource parts")

    def slug_in_resource(self, resource_slug: str) -> str:
        """The slug within its resource, as the plan writes it."""
        return self.slug.removeprefix(f"{resource_slug}--")


class ResourceTopic(CurriculumItem):
    """A topic a resource serves (slug: "<resource>--<topic>"): a row per pair, so the
    importer's slug-keyed sync keeps the plan's order like every other item."""

    slug = models.SlugField(max_length=200)
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="resource_links")

    class Meta(CurriculumItem.Meta):
        verbose_name = _("resource topic")
        verbose_name_plural = _("resource topics")


class WeeklyTarget(CurriculumItem):
    """A share of weekly study time by kind (the seed's 30/50/20); the slug is the kind."""

    kind = models.CharField(max_length=20, choices=TimeKind.choices)
    percent = models.PositiveSmallIntegerField()
    text_ru, text_en = _texts()
    text = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("weekly target")
        verbose_name_plural = _("weekly targets")


class MonthlyActivity(CurriculumItem):
    """Code review, tech talk, pair programming, mock interview: done every month."""

    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("monthly activity")
        verbose_name_plural = _("monthly activities")


class LevelCheck(CurriculumItem):
    """A periodic level assessment (the seed's "quarterly" Q1–Q4)."""

    label = models.CharField(max_length=20)
    text_ru, text_en = _texts()
    text = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("level check")
        verbose_name_plural = _("level checks")


class CareerTrack(CurriculumItem):
    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("career track")
        verbose_name_plural = _("career tracks")


class CareerRole(CurriculumItem):
    track = models.ForeignKey(CareerTrack, on_delete=models.CASCADE, related_name="roles")
    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("career role")
        verbose_name_plural = _("career roles")


class SkillCategory(CurriculumItem):
    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("skill category")
        verbose_name_plural = _("skill categories")


class Skill(CurriculumItem):
    category = models.ForeignKey(SkillCategory, on_delete=models.CASCADE, related_name="skills")
    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("skill")
        verbose_name_plural = _("skills")


class KpiCategory(CurriculumItem):
    title_ru, title_en = _texts()
    title = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("KPI category")
        verbose_name_plural = _("KPI categories")


class KpiTarget(CurriculumItem):
    category = models.ForeignKey(KpiCategory, on_delete=models.CASCADE, related_name="kpis")
    name_ru, name_en = _texts()
    target_ru, target_en = _texts()
    # The number in the target ("50,000+" -> 50000), when it has one, for measuring later.
    target_value = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=100, blank=True)
    name = Translated()
    target = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")


class NextStep(CurriculumItem):
    title_ru, title_en = _texts()
    text_ru, text_en = _texts()
    title = Translated()
    text = Translated()

    class Meta(CurriculumItem.Meta):
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
