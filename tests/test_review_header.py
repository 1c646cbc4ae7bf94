"""The workspace header's live state: every in-place save returns the translation's status,
the blockers that gate "Mark ready" and whether the user may press it; the page renders
the same state (the browser side is in tests/test_review_header_browser.py)."""

from __future__ import annotations

import re

from newsdesk.extensions import db
from newsdesk.models import Status, Story
from newsdesk.review.sentences import text_token
from tests.review_helpers import approve_all, segments

pytest_plugins = ["tests.review_fixtures"]

JSON = {"Accept": "application/json"}
KEYS = {"status", "status_label", "blockers", "messages", "blocked", "can_mark_ready"}


def _url(story_id, rest=""):
    return f"/editor/stories/{story_id}/review/ru{rest}"


def _save(client, story_id, seg_id, text, base, button="approve"):
    response = client.post(
        _url(story_id, f"/sentences/{seg_id}"),
        data={"text": text, "base": base, button: "1"},
        headers=JSON,
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["header"]


def _sentences(app, story_id):
    with app.app_context():
        return [(s.id, s.target_text) for s in segments(story_id)]


def test_each_confirmation_returns_the_new_header_state(app, client, login, make_user, mt_story):
    login(make_user("tr", role="translator", languages="ru"))
    rows = _sentences(app, mt_story)
    assert len(rows) == 7
    machine = []
    for number, (seg_id, text) in enumerate(rows):
        header = _save(client, mt_story, seg_id, text, text_token(text))
        assert set(header) == KEYS
        assert set(header["blockers"]) == {"machine", "stale", "missing", "errors"}
        # The first human touch turns the machine draft into a draft.
        assert (header["status"], header["status_label"]) == ("draft", "Draft")
        machine.append(header["blockers"]["machine"])
        last = number == len(rows) - 1
        assert header["blocked"] is not last and header["can_mark_ready"] is last
        if not last:
            assert header["messages"] == [
                f"{7 - number - 1} sentence{'s are' if number < 5 else ' is'} untouched "
                "machine output."
            ]
    assert machine == [6, 5, 4, 3, 2, 1, 0]
    assert header == {
        "status": "draft",
        "status_label": "Draft",
        "blockers": {"machine": 0, "stale": 0, "missing": 0, "errors": 0},
        "messages": [],
        "blocked": False,
        "can_mark_ready": True,
    }
    assert client.post(_url(mt_story, "/ready")).status_code == 302
    with app.app_context():
        assert db.session.get(Story, mt_story).article("ru").status == Status.READY


def test_a_blocking_qa_finding_counts_until_it_is_fixed(app, client, login, make_user, mt_story):
    login(make_user("tr", role="translator", languages="ru"))
    with app.app_context():
        approve_all(mt_story)
        seg = segments(mt_story)[3]  # "It cost $2.5 million."
        seg_id, text = seg.id, seg.target_text
    wrong = "Она стоила 2.5 млн $."  # the number in English notation: a blocking finding
    # saved, not approved: a blocking finding refuses the approval (issue 16)
    header = _save(client, mt_story, seg_id, wrong, text_token(text), button="save")
    assert header["blockers"] == {"machine": 0, "stale": 0, "missing": 0, "errors": 1}
    assert header["messages"] == ["1 blocking QA finding remains."]
    assert header["blocked"] and not header["can_mark_ready"]
    header = _save(client, mt_story, seg_id, "Она стоила 2,5\u00a0млн $.", text_token(wrong))
    assert header["blockers"]["errors"] == 0 and header["can_mark_ready"]


def test_an_editor_may_always_press_mark_ready(app, client, login, make_user, mt_story):
    login(make_user("ed"))
    seg_id, text = _sentences(app, mt_story)[0]
    header = _save(client, mt_story, seg_id, text, text_token(text), button="save")
    assert header["blocked"] and header["can_mark_ready"]  # an override with a reason
    assert header["blockers"]["machine"] == 7  # saved unchanged, not approved


def test_the_page_renders_the_same_state(app, client, login, make_user, mt_story):
    login(make_user("tr", role="translator", languages="ru"))
    page = client.get(_url(mt_story)).get_data(as_text=True)
    status = re.search(r'<span id="review-status"([^>]*)>(.*?)</span></span>', page)
    assert 'aria-live="polite"' in status.group(1)
    assert 'class="badge badge-mt_draft">Machine draft' in status.group(2)
    button = re.search(r"<input[^>]*id=\"mark-ready\"[^>]*>", page).group()
    assert "disabled" in button
    assert re.search(r'<ul class="blockers" id="ready-blockers">\s*<li>7 sentences', page)
    assert re.search(r'<p class="all-clear" id="ready-clear" hidden>', page)
    with app.app_context():
        approve_all(mt_story)
    page = client.get(_url(mt_story)).get_data(as_text=True)
    assert "disabled" not in re.search(r"<input[^>]*id=\"mark-ready\"[^>]*>", page).group()
    assert '<ul class="blockers" id="ready-blockers" hidden></ul>' in page
    assert '<p class="all-clear" id="ready-clear">' in page
    assert 'class="badge badge-draft">Draft' in page


def test_the_state_follows_the_interface_language(app, client, login, make_user, mt_story):
    login(make_user("tr", role="translator", languages="ru", locale="ru"))
    seg_id, text = _sentences(app, mt_story)[0]
    header = _save(client, mt_story, seg_id, text, text_token(text))
    assert header["status_label"] == "Черновик"
    assert header["messages"] == ["6 предложений — машинный перевод без правки."]
