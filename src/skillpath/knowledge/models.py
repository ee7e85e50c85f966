"""Knowledge checks: the question bank, quiz attempts with every answer, and each learner's
review cards scheduled by FSRS.

Questions are curriculum content (written by the bank importer); attempts, cards and reviews
belong to a learner. An attempt keeps a copy of each question as it was asked, so editing the
bank later changes neither what an old attempt shows nor its score.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from skillpath.curriculum.models import Curriculum, Topic
from skillpath.knowledge.bank import Kind


class QuestionKind(models.TextChoices):
    SINGLE = Kind.SINGLE.value, _("Single choice")
    MULTIPLE = Kind.MULTIPLE.value, _("Multiple choice")
    TRUE_FALSE = Kind.TRUE_FALSE.value, _("True or false")
    SHORT = Kind.SHORT.value, _("Short answer")
    NUMERIC = Kind.NUMERIC.value, _("Numeric")
    MATCHING = Kind.MATCHING.value, _("Matching")
    ORDERING = Kind.ORDERING.value, _("Ordering")


class Question(models.Model):
    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE, related_name="questions")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="questions")
    slug = models.SlugField(max_length=120)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    difficulty = models.PositiveSmallIntegerField(default=1)
    practical = models.BooleanField(default=False)
    # The whole question as the bank's YAML mapping (bank.Question.to_data()).
    data = models.JSONField()
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum", "slug"], name="knowledge_question_unique_slug"
            )
        ]
        indexes = [models.Index(fields=["topic", "position"])]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.slug


class QuizScope(models.TextChoices):
    TOPIC = "topic", _("Topic quiz")
    MONTH = "month", _("Month quiz")
    MILESTONE = "milestone", _("Milestone quiz")


class QuizAttempt(models.Model):
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=20, choices=QuizScope.choices)
    scope_slug = models.SlugField(max_length=100)
    # Seeds the choice shuffle: replaying an attempt shows exactly what the learner saw.
    seed = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["learner", "started_at"])]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")

    def __str__(self) -> str:
        return f"{self.scope} {self.scope_slug} ({self.started_at:%Y-%m-%d})"


class AttemptItem(models.Model):
    """One question of an attempt: a copy of it as asked, and the learner's answer."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(
        Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField()
    response = models.JSONField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="knowledge_item_unique_position"
            )
        ]
        indexes = [models.Index(fields=["topic", "answered_at"])]
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")

    def __str__(self) -> str:
        return f"{self.attempt_id}#{self.position}"


class CardState(models.IntegerChoices):
    # fsrs.State's values.
    LEARNING = 1, _("Learning")
    REVIEW = 2, _("Review")
    RELEARNING = 3, _("Relearning")


class Card(models.Model):
    """A learner's review card for one question, in FSRS's terms."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards"
    )
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="cards")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="+")
    state = models.PositiveSmallIntegerField(choices=CardState.choices, default=CardState.LEARNING)
    step = models.PositiveSmallIntegerField(null=True, blank=True)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    due = models.DateTimeField()
    last_review = models.DateTimeField(null=True, blank=True)
    reviews = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["learner", "question"], name="knowledge_one_card")
        ]
        # Due count and next card: one range scan of this index.
        indexes = [models.Index(fields=["learner", "due"])]
        verbose_name = _("review card")
        verbose_name_plural = _("review cards")

    def __str__(self) -> str:
        return f"{self.learner_id}:{self.question_id} due {self.due:%Y-%m-%d}"


class Rating(models.IntegerChoices):
    # fsrs.Rating's values.
    AGAIN = 1, _("Again")
    HARD = 2, _("Hard")
    GOOD = 3, _("Good")
    EASY = 4, _("Easy")


class Review(models.Model):
    """One review of a card: what FSRS's optimizer learns a learner's memory from."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviews"
    )
    card = models.ForeignKey(Card, on_delete=models.CASCADE, related_name="review_log")
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    score = models.FloatField(null=True, blank=True)
    reviewed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(null=True, blank=True)
    # The card as it was before this review, so a right answer's grade can be changed.
    before = models.JSONField(default=dict)

    class Meta:
        ordering = ["reviewed_at"]
        indexes = [models.Index(fields=["learner", "reviewed_at"])]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.card_id} {self.rating} {self.reviewed_at:%Y-%m-%d}"


class ReviewSettings(models.Model):
    """A learner's review settings and, once optimised from their history, FSRS parameters."""

    learner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_settings"
    )
    desired_retention = models.FloatField(default=0.9)
    parameters = models.JSONField(null=True, blank=True)
    optimized_at = models.DateTimeField(null=True, blank=True)
    optimized_reviews = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")

    def __str__(self) -> str:
        return f"{self.learner_id} retention {self.desired_retention}"
