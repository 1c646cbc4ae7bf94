"""The translator's desk: "Waiting for me" per language, the story × language status table
with sentence counts and filters, the login landing, and a constant number of statements."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from newsdesk.desk import service as desk
from newsdesk.extensions import db
from newsdesk.models import User
from tests.review_helpers import approve_all, edit_source

pytest_plugins = ["tests.review_fixtures"]


@pytest.fixture
def translator(make_user):
    return make_user("tr", role="translator", languages="ru")


def _desk(app, user, **filters):
    with app.app_context():
        return desk.build_desk(db.session.get(User, user.id), **filters)


def _row(result, story_id, lang="ru"):
    return next(r for r in result.rows if (r.story_id, r.lang) == (story_id, lang))


def test_a_machine_draft_waits_with_its_counts(app, mt_story, translator):
    result = _desk(app, translator)
    assert result.langs == ["ru"]
    assert [r.story_id for r in result.waiting["ru"]["machine"]] == [mt_story]
    row = _row(result, mt_story)
    assert (row.state, row.total, row.approved, row.stale, row.machine) == ("machine", 7, 0, 0, 7)
    assert result.counts["ru"] == {"machine": 1}


def test_stale_then_ready_as_the_work_goes_on(app, mt_story, translator, make_story):
    plain = make_story(en="Only English")
    with app.app_context():
        approve_all(mt_story)
    row = _row(_desk(app, translator), mt_story)
    assert (row.state, row.approved, row.machine) == ("ready", 7, 0)
    with app.app_context():
        edit_source(mt_story, lambda body: body.replace("new laboratory", "big new laboratory"))
    result = _desk(app, translator)
    row = _row(result, mt_story)
    assert row.state == "stale" and row.stale == 1 and row.approved == 6
    assert result.stale_sentences["ru"] == 1
    assert _row(result, plain.id).state == "untranslated"
    filtered = _desk(app, translator, state="untranslated")
    assert [r.story_id for r in filtered.rows] == [plain.id]


def test_an_editor_sees_both_languages_a_translator_only_theirs(app, make_user, make_story):
    story = make_story(ru="Только по-русски")
    editor = make_user("ed")
    assert _row(_desk(app, editor), story.id, "en").state == "untranslated"
    assert _desk(app, editor, lang="ru").rows == []  # a Russian source needs no Russian work
    assert _desk(app, make_user("tr", role="translator", languages="ru")).rows == []


def test_translators_land_on_the_desk_and_editors_on_the_story_list(client, translator, make_user):
    from tests.conftest import PASSWORD

    response = client.post("/editor/login", data={"username": "tr", "password": PASSWORD})
    assert response.headers["Location"] == "/editor/desk"
    client.post("/editor/logout")
    editor = make_user("ed")
    response = client.post(
        "/editor/login", data={"username": editor.username, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/editor/"


def test_the_page_in_russian_counts_with_plurals(app, mt_story, make_user, login):
    client = login(make_user("tr", role="translator", languages="ru", locale="ru"))
    html = client.get("/editor/desk").get_data(as_text=True)
    assert "Ждёт меня" in html and "1 машинный черновик на проверку" in html
    assert "7 предложений не проверено" in html
    assert f'href="/editor/stories/{mt_story}/review/ru"' in html
    filtered = client.get("/editor/desk?state=published").get_data(as_text=True)
    assert 'data-state="machine"' not in filtered and "Подходящих материалов нет." in filtered


@contextmanager
def _statements(app):
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_the_desk_sends_the_same_statements_for_3_or_50_stories(
    app, mt_story, make_story, make_user, login
):
    client = login(make_user("tr", role="translator", languages="ru"))
    counts = []
    for n in (2, 48):
        for i in range(n):
            if i % 2:
                make_story(en=f"Pair {n}-{i}", ru=f"Пара {n}-{i}")
            else:
                make_story(en=f"Alone {n}-{i}")
        client.get("/editor/desk")  # warm
        with _statements(app) as seen:
            html = client.get("/editor/desk").get_data(as_text=True)
        counts.append(len(seen))
        assert len(re.findall(r"<tr data-state=", html)) == n + 1 + (2 if n == 48 else 0)
    assert counts[0] == counts[1] and counts[1] <= 12, counts
