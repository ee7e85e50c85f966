"""Quizzes and reviews on the web: one question at a time with htmx, feedback after each
answer, the score at the end — and the key nowhere in a page before the answer."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape

from skillpath.knowledge import selectors
from skillpath.knowledge.models import Card, QuizAttempt
from skillpath.knowledge.services import item_question
from tests.knowledge.test_quiz_services import right_response
from tests.web.conftest import in_language
from tests.web.learner import body

HTMX = {"HTTP_HX_REQUEST": "true"}


def form_data(item, response: dict) -> dict:
    """The form fields a browser sends for `response` (see web.answer_forms)."""
    data: dict = {"position": item.position}
    if "choice" in response:
        data["choice"] = response["choice"]
    if "choices" in response:
        data["choices"] = response["choices"]
    if "answer" in response:
        data["answer"] = "true" if response["answer"] else "false"
    if "text" in response:
        data["text"] = response["text"]
    if "value" in response:
        data["value"] = str(response["value"]).replace(".", ",")
    if "matches" in response:
        data.update({f"match-{i}": shown for i, shown in enumerate(response["matches"])})
    if "order" in response:
        data.update({f"rank-{shown}": place for place, shown in enumerate(response["order"], 1)})
    return data


def secrets_of(item) -> list[str]:
    """Texts that would give the answer away if a page showed them before the answer."""
    q = item_question(item)
    found = [q.explanation.en, q.explanation.ru]
    found += [c.feedback.en for c in q.choices if c.feedback]
    found += list(q.accepted_en) + list(q.accepted_ru)
    return [s for s in found if s]


def without_tokens(page: str) -> str:
    """The page without its CSRF tokens: a short key such as "So" may turn up by chance
    inside 64 random characters."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def start(client, scope="topic", slug="git"):
    response = client.post("/quiz/start/", {"curriculum": "backend", "scope": scope, "slug": slug})
    assert response.status_code == 302
    return QuizAttempt.objects.latest("id"), response["Location"]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_topic_quiz_from_the_topic_page_to_the_score(client, git_bank, alice, language):
    client.force_login(alice)
    in_language(client, language)
    topic_page = body(client.get("/c/backend/topics/git/"))
    assert 'action="/quiz/start/"' in topic_page
    attempt, location = start(client)
    assert location == f"/quiz/{attempt.pk}/"
    for n, item in enumerate(selectors.attempt_items(attempt), start=1):
        page = without_tokens(body(client.get(location)))
        assert f'name="position" value="{item.position}"' in page
        for secret in secrets_of(item):
            assert escape(secret) not in page, f"the key of {item.data['slug']} is in the page"
        answer = client.post(
            f"/quiz/{attempt.pk}/answer/", form_data(item, right_response(item)), **HTMX
        )
        shown = body(answer)
        assert answer.status_code == 200 and 'id="quiz-panel"' in shown
        assert "is-right" in shown
        explanation = item_question(item).explanation
        assert escape(explanation.ru if language == "ru" else explanation.en) in shown
        assert f"{n} " in shown  # "n of 5 answered"
    summary = body(client.get(location))
    assert "100%" in summary
    assert Card.objects.filter(learner=alice).count() == 5


def test_a_wrong_answer_shows_the_key_and_the_feedback(client, git_bank, alice):
    client.force_login(alice)
    in_language(client, "en")
    attempt, _location = start(client)
    item = next(
        i for i in selectors.attempt_items(attempt) if i.data["slug"] == "git-conflict-markers"
    )
    q = item_question(item)
    from skillpath.knowledge.presentation import shuffled

    order = shuffled(len(q.choices), attempt.seed, q.slug)
    tempting = next(shown for shown, index in enumerate(order) if q.choices[index].feedback)
    response = client.post(
        f"/quiz/{attempt.pk}/answer/", {"position": item.position, "choice": tempting}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"?shown={item.position}")
    page = body(client.get(response["Location"]))
    assert "Not right." in page
    assert escape(q.choices[order[tempting]].feedback.en) in page
    assert escape(q.choices[0].text.en) in page


def test_an_incomplete_answer_is_asked_again_with_a_message(client, git_bank, alice):
    client.force_login(alice)
    in_language(client, "en")
    attempt, _ = start(client)
    item = selectors.next_item(attempt)
    response = client.post(f"/quiz/{attempt.pk}/answer/", {"position": item.position}, **HTMX)
    assert response.status_code == 200
    assert 'role="alert"' in body(response)
    item.refresh_from_db()
    assert item.answered_at is None


def test_another_learners_quiz_is_not_found(client, git_bank, alice, bob):
    client.force_login(alice)
    attempt, location = start(client)
    client.force_login(bob)
    assert client.get(location).status_code == 404
    assert client.post(f"/quiz/{attempt.pk}/answer/", {"position": 1}).status_code == 404


def test_the_review_session_the_next_day(client, git_bank, alice, settings):
    client.force_login(alice)
    in_language(client, "en")
    attempt, _ = start(client)
    for item in selectors.attempt_items(attempt):
        client.post(
            f"/quiz/{attempt.pk}/answer/",
            form_data(
                item,
                {
                    "text": "wrong",
                    "value": 1,
                    "choice": 0,
                    "matches": [0, 1, 2][: len(item.data.get("pairs", [])) or 3],
                    "order": list(range(len(item.data.get("items", []) or [0, 0, 0]))),
                },
            ),
        )
    wrong = Card.objects.filter(learner=alice, reviews=1, review_log__rating=1).count()
    assert wrong >= 1
    page = body(client.get("/review/"))
    assert "Nothing to review now." in page and "workload-chart" in page
    # Days later: move the quiz back in time rather than the clock forward.
    Card.objects.filter(learner=alice).update(
        due=timezone.now() - timedelta(minutes=1), last_review=F("last_review") - timedelta(days=3)
    )
    page = body(client.get("/review/"))
    due = int(re.search(r"(\d+) reviews? due", page).group(1))
    assert due == 5
    card = selectors.next_card(alice)
    revealed = body(client.get(f"/review/{card.pk}/reveal/", **HTMX))
    assert 'data-sp-key="1"' in revealed and 'data-sp-key="4"' in revealed
    graded = body(client.post(f"/review/{card.pk}/grade/", {"rating": 4}, **HTMX))
    assert 'id="review-panel"' in graded and "4 reviews due" in graded
    card.refresh_from_db()
    assert card.reviews == 2 and card.review_log.latest("reviewed_at").rating == 4
    assert card.due > timezone.now() + timedelta(days=1)


def test_desired_retention_is_a_setting(client, git_bank, alice):
    client.force_login(alice)
    assert client.post("/review/settings/", {"desired_retention": "85"}).status_code == 302
    from skillpath.knowledge.services import settings_of

    assert settings_of(alice).desired_retention == 0.85
    client.post("/review/settings/", {"desired_retention": "12"})
    assert settings_of(alice).desired_retention == 0.85


def test_a_quiz_with_no_questions_says_so_and_goes_back(client, git_bank, alice):
    client.force_login(alice)
    in_language(client, "en")
    response = client.post(
        "/quiz/start/",
        {"curriculum": "backend", "scope": "topic", "slug": "linux", "next": "/c/backend/"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/c/backend/"
    assert "The topic “linux” has no questions yet." in body(response)
    assert not QuizAttempt.objects.exists()


def test_today_offers_a_quiz_on_the_topic_at_hand(client, enrolled, git_bank, alice):
    client.force_login(alice)
    in_language(client, "en")
    page = body(client.get("/today/"))
    assert 'action="/quiz/start/"' in page and 'name="scope" value="topic"' in page


def test_a_nul_byte_names_no_quiz_and_is_not_kept_in_an_answer(client, git_bank, alice):
    client.force_login(alice)
    for field in ("curriculum", "scope", "slug"):
        data = {"curriculum": "backend", "scope": "topic", "slug": "git", field: "git\x00"}
        assert client.post("/quiz/start/", data).status_code == 404
    attempt, _location = start(client)
    item = next(i for i in selectors.attempt_items(attempt) if i.data["kind"] == "short")
    client.post(f"/quiz/{attempt.pk}/answer/", {"position": item.position, "text": "git\x00 log"})
    item.refresh_from_db()
    assert item.response == {"text": "git log"}
