"""A topic quiz and a review session in a real browser, in both languages: the quiz from the
topic page to the score with htmx (no page reload per question), then, days later, the
review with the keyboard — Space shows the answer, a digit grades it. No console errors
and no Content-Security-Policy violations."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from skillpath.knowledge.models import Card, QuizAttempt
from tests.conftest import load_git_bank
from tests.e2e.test_learner_browser import expect, expect_clean, learner_page

pytestmark = pytest.mark.browser

TEXTS = {
    "en": {
        "locale": "en-US",
        "take": "Take the quiz",
        "answer": "Answer",
        "next": re.compile("Next question|See your score"),
        "score": "Your score",
        "nothing": "Nothing to review now.",
        "due": "5 reviews due",
        "left": "4 reviews due",
        "mastery": "Mastery",
    },
    "ru": {
        "locale": "ru-RU",
        "take": "Пройти тест",
        "answer": "Ответить",
        "next": re.compile("Следующий вопрос|Посмотреть результат"),
        "score": "Ваш результат",
        "nothing": "Сейчас повторять нечего.",
        "due": "5 карточек к повторению",
        "left": "4 карточки к повторению",
        "mastery": "Усвоение",
    },
}


def answer_whatever_is_asked(page) -> None:
    """Fill the question's inputs with some answer (right or wrong) the form accepts."""
    form = page.locator("#quiz-panel form")
    if form.locator("input[name=choice]").count():
        form.locator("input[name=choice]").first.check()
    elif form.locator("input[name=choices]").count():
        form.locator("input[name=choices]").first.check()
    elif form.locator("input[name=answer]").count():
        form.locator("input[name=answer]").first.check()
    elif form.locator("input[name=text]").count():
        form.locator("input[name=text]").fill("git log --oneline")
    elif form.locator("input[name=value]").count():
        form.locator("input[name=value]").fill("40")
    else:
        selects = form.locator("select")
        for index in range(selects.count()):
            select = selects.nth(index)
            if select.get_attribute("name").startswith("rank-"):
                select.select_option(str(index + 1))
            else:
                select.select_option(index=index + 1)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_topic_quiz_then_the_review_the_next_day(new_page, errors, builtin, language):
    words = TEXTS[language]
    load_git_bank(builtin)
    page = learner_page(new_page, locale=words["locale"])
    page.goto("/c/backend/topics/git/")
    page.get_by_role("button", name=words["take"]).click()
    page.wait_for_url(re.compile(r"/quiz/\d+/$"))
    attempt = QuizAttempt.objects.get()
    # htmx swaps the panel: the page is never reloaded while the quiz runs.
    page.evaluate("window.__spSamePage = true")
    for number in range(1, 6):
        # The next question has been swapped in (the key of the last one is gone).
        expect(page.locator(".sp-answer-key")).to_have_count(0)
        expect(page.locator("#quiz-panel input[name=position]")).to_have_value(str(number))
        answer_whatever_is_asked(page)
        page.locator("#quiz-panel").get_by_role("button", name=words["answer"]).click()
        expect(page.locator(".sp-answer-key")).to_be_visible()
        page.locator("#quiz-panel").get_by_role("link", name=words["next"]).click()
    expect(page.locator("#quiz-panel h2")).to_contain_text(words["score"])
    assert page.evaluate("window.__spSamePage") is True
    attempt.refresh_from_db()
    assert attempt.finished_at is not None

    page.goto("/review/")
    expect(page.get_by_text(words["nothing"])).to_be_visible()
    # Three days later.
    Card.objects.update(
        due=timezone.now() - timedelta(minutes=1), last_review=F("last_review") - timedelta(days=3)
    )
    page.goto("/review/")
    expect(page.locator("#reviews-due")).to_have_text(words["due"])
    page.keyboard.press("Space")
    expect(page.locator(".sp-answer-key.is-revealed")).to_be_visible()
    page.keyboard.press("3")
    expect(page.locator("#reviews-due")).to_have_text(words["left"])
    assert Card.objects.filter(reviews=2).count() == 1

    page.goto("/c/backend/")
    expect(page.locator("#month-1 .sp-mastery")).to_contain_text(words["mastery"])
    expect_clean(page, errors)
