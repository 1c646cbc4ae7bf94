"""Never lose a word: autosaved drafts, restoring them, presence, expired sessions and tokens."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from newsdesk.drafts import presence
from newsdesk.extensions import db
from newsdesk.models import Article, Revision, User, utcnow
from newsdesk.models.editing import DraftRevision, EditingPresence
from tests.conftest import PASSWORD


@pytest.fixture
def story(make_story):
    return make_story(en="Library opens at night", ru="Библиотека открыта ночью")


def _url(story, lang="en", what="edit"):
    return f"/editor/stories/{story.id}/{lang}/{what}"


def _drafts(app, username=None) -> list[DraftRevision]:
    with app.app_context():
        query = select(DraftRevision).join(User, User.id == DraftRevision.user_id)
        if username:
            query = query.where(User.username == username)
        rows = db.session.scalars(query).all()
        for row in rows:
            _ = row.body, row.user.username
        return rows


def _article(app, story, lang="en") -> Article:
    with app.app_context():
        article = db.session.scalar(
            select(Article).where(Article.story_id == story.id, Article.lang == lang)
        )
        article.revision_count = db.session.scalar(
            select(func.count(Revision.id)).where(Revision.article_id == article.id)
        )
        return article


def _autosave(client, story, lang="en", **fields):
    data = {"title": "Library opens at night", "body": "Typed, not saved.", "base_version": "1"}
    data.update(fields)
    return client.post(_url(story, lang, "autosave"), data=data)


def _csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


# ---- autosave ------------------------------------------------------------------------------


def test_autosave_keeps_a_draft_without_touching_the_article(app, client, login, make_user, story):
    login(make_user("ed"))
    response = _autosave(client, story, body="Half a sentence")
    assert response.status_code == 200
    assert response.json["label"].startswith("Saved a draft copy at ")
    assert response.json["base_version"] == 1
    (draft,) = _drafts(app, "ed")
    assert draft.body == "Half a sentence" and draft.base_version == 1
    article = _article(app, story)
    assert article.body == "Body of Library opens at night."
    assert article.version == 1 and article.revision_count == 1

    # Autosaving again updates the one draft, and never makes the real save a conflict.
    _autosave(client, story, body="A whole sentence.")
    assert [d.body for d in _drafts(app, "ed")] == ["A whole sentence."]
    saved = client.post(
        _url(story),
        data={
            "title": "Library opens at night",
            "body": "Final.",
            "base_version": "1",
            "save": "1",
        },
    )
    assert saved.status_code == 302
    assert _article(app, story).version == 2
    assert _drafts(app, "ed") == []  # the real save cleaned the user's autosaves up


def test_autosave_is_per_user_and_a_save_cleans_only_its_author(app, client, make_user, story):
    make_user("anna")
    make_user("boris")
    anna, boris = app.test_client(), app.test_client()
    for c, name in ((anna, "anna"), (boris, "boris")):
        c.post("/editor/login", data={"username": name, "password": PASSWORD})
    _autosave(anna, story, body="Anna's words")
    _autosave(boris, story, body="Boris's words")
    assert [d.body for d in _drafts(app, "anna")] == ["Anna's words"]
    assert [d.body for d in _drafts(app, "boris")] == ["Boris's words"]
    page = anna.get(_url(story) + "?restore=draft").get_data(as_text=True)
    assert "Anna&#39;s words" in page and "Boris" not in page

    anna.post(
        _url(story), data={"title": "T", "body": "Anna saved", "base_version": "1", "save": "1"}
    )
    assert _drafts(app, "anna") == []
    assert [d.body for d in _drafts(app, "boris")] == ["Boris's words"]


def test_autosave_refuses_users_without_access_in_json(app, client, login, make_user, story):
    login(make_user("tr", role="translator", languages="ru"))
    refused = _autosave(client, story, "en")
    assert refused.status_code == 403
    assert refused.json["error"]["code"] == "forbidden"
    assert "may not edit" in refused.json["error"]["message"]
    assert _autosave(client, story, "ru").status_code == 200  # their own language
    missing = client.post("/editor/stories/999999/en/autosave", data={"body": "x"})
    assert missing.status_code == 404 and missing.json["error"]["code"] == "not_found"
    assert [d.lang for d in _drafts(app)] == ["ru"]


def test_autosave_without_login_goes_to_the_login_page(app, client, story):
    response = _autosave(client, story)
    assert response.status_code == 302 and "/editor/login" in response.headers["Location"]
    assert _drafts(app) == []


def test_autosave_refuses_oversized_text_in_json(app_factory, make_user, story):
    app = app_factory(MAX_BODY_CHARS=20)
    client = app.test_client()
    make_user("ed")
    client.post("/editor/login", data={"username": "ed", "password": PASSWORD})
    response = _autosave(client, story, body="x" * 21)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "too_long"
    assert _drafts(app) == []


def test_edit_page_offers_the_draft_and_restores_it_on_its_version(
    app, client, login, make_user, story
):
    login(make_user("ed"))
    page = client.get(_url(story)).get_data(as_text=True)
    assert 'id="recovery"' in page and re.search(r'id="recovery"[^>]*hidden', page)

    _autosave(client, story, body="Unsaved paragraph.", tags="night, books", status="ready")
    page = client.get(_url(story)).get_data(as_text=True)
    assert "Unsaved text found" in page and "kept on the server" in page
    assert not re.search(r'id="recovery"[^>]*\bhidden\b', page)
    assert "Unsaved paragraph." not in page  # offered, not forced into the form

    restored = client.get(_url(story) + "?restore=draft").get_data(as_text=True)
    assert "Unsaved paragraph.</textarea>" in restored
    assert 'value="night, books"' in restored
    assert '<option selected value="ready">' in restored
    assert "Your unsaved text is back in the form." in restored


def test_a_draft_equal_to_the_saved_article_is_not_offered(app, client, login, make_user, story):
    login(make_user("ed"))
    _autosave(client, story, title="Library opens at night", body="Body of Library opens at night.")
    page = client.get(_url(story)).get_data(as_text=True)
    assert re.search(r'id="recovery"[^>]*\bhidden\b', page)


def test_a_draft_written_on_an_old_version_goes_through_the_conflict_page(
    app, client, make_user, story
):
    make_user("anna")
    make_user("boris")
    anna, boris = app.test_client(), app.test_client()
    for c, name in ((anna, "anna"), (boris, "boris")):
        c.post("/editor/login", data={"username": name, "password": PASSWORD})
    _autosave(anna, story, body="Anna's unsaved text", base_version="1")
    boris.post(
        _url(story), data={"title": "T", "body": "Boris saved v2", "base_version": "1", "save": "1"}
    )

    page = anna.get(_url(story)).get_data(as_text=True)
    assert "The article was saved again after this text was written" in page
    restored = anna.get(_url(story) + "?restore=draft").get_data(as_text=True)
    assert 'name="base_version" type="hidden" value="1"' in restored
    conflict = anna.post(
        _url(story),
        data={"title": "T", "body": "Anna's unsaved text", "base_version": "1", "save": "1"},
    )
    assert conflict.status_code == 409
    html = conflict.get_data(as_text=True)
    assert "Boris saved v2" in html and "Anna&#39;s unsaved text" in html
    assert _article(app, story).body == "Boris saved v2"
    # Having seen both texts, saving again from the conflict page goes through.
    assert 'name="base_version" type="hidden" value="2"' in html
    merged = anna.post(
        _url(story), data={"title": "T", "body": "Both merged", "base_version": "2", "save": "1"}
    )
    assert merged.status_code == 302 and _article(app, story).body == "Both merged"


def test_discard_deletes_the_draft(app, client, login, make_user, story):
    login(make_user("ed"))
    _autosave(client, story)
    response = client.post(_url(story, what="autosave/discard"))
    assert response.status_code == 302 and response.headers["Location"].endswith(_url(story))
    assert _drafts(app) == []
    _autosave(client, story)
    reply = client.post(
        _url(story, what="autosave/discard"), headers={"Accept": "application/json"}
    )
    assert reply.json == {"discarded": 1} and _drafts(app) == []


# ---- presence ------------------------------------------------------------------------------


def _two_editors(app, make_user):
    make_user("anna", role="editor")
    make_user("boris", role="translator", languages="en,ru")
    clients = app.test_client(), app.test_client()
    for c, name in zip(clients, ("anna", "boris"), strict=True):
        c.post("/editor/login", data={"username": name, "password": PASSWORD})
    return clients


def test_presence_shows_who_else_edits_the_same_article(app, make_user, story):
    anna, boris = _two_editors(app, make_user)
    assert anna.post(_url(story, what="presence")).json == {"others": [], "message": ""}
    reply = boris.post(_url(story, what="presence")).json
    assert reply["others"] == [{"name": "anna", "role": "editor"}]
    assert reply["message"] == "anna (editor) is also editing this article"
    assert anna.post(_url(story, what="presence")).json["message"] == (
        "boris (translator) is also editing this article"
    )
    # Shown on load too, in the page itself.
    page = anna.get(_url(story)).get_data(as_text=True)
    assert re.search(r'id="presence-notice"[^>]*>boris \(translator\) is also editing', page)


def test_presence_on_the_other_language_is_no_conflict(app, make_user, story):
    anna, boris = _two_editors(app, make_user)
    anna.get(_url(story, "en"))
    assert boris.post(_url(story, "ru", "presence")).json["others"] == []
    page = boris.get(_url(story, "ru")).get_data(as_text=True)
    assert re.search(r'id="presence-notice"[^>]*hidden', page)


def test_presence_expires_and_leaving_ends_it_at_once(app, make_user, story):
    anna, boris = _two_editors(app, make_user)
    anna.post(_url(story, what="presence"))
    assert boris.post(_url(story, what="presence")).json["others"]
    anna.post(_url(story, what="presence"), data={"leaving": "1"})
    assert boris.post(_url(story, what="presence")).json["others"] == []

    with app.app_context():
        users = {u.username: u for u in db.session.scalars(select(User))}
        article = db.session.get(Article, _article(app, story).id)
        t0 = utcnow()
        presence.ping(users["anna"], article, now=t0)
        ttl = app.config["PRESENCE_TTL_SECONDS"]
        later = t0 + timedelta(seconds=ttl - 1)
        assert [u.username for u in presence.others(users["boris"], article, now=later)] == ["anna"]
        gone = t0 + timedelta(seconds=ttl + 1)
        assert presence.others(users["boris"], article, now=gone) == []
        presence.ping(users["boris"], article, now=gone)  # a ping prunes what expired
        remaining = db.session.scalars(select(EditingPresence.user_id)).all()
        assert remaining == [users["boris"].id]


def test_presence_refuses_users_without_access(app, client, login, make_user, story):
    login(make_user("tr", role="translator", languages="ru"))
    response = client.post(_url(story, "en", "presence"))
    assert response.status_code == 403 and response.json["error"]["code"] == "forbidden"


# ---- expired session or CSRF token mid-edit ------------------------------------------------


@pytest.fixture
def csrf_app(app_factory, app):
    """The same database with real CSRF checks."""
    return app_factory(WTF_CSRF_ENABLED=True)


def _csrf_login(client, name):
    token = _csrf(client.get("/editor/login").get_data(as_text=True))
    response = client.post(
        "/editor/login", data={"username": name, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_expired_token_while_logged_in_shows_the_text_again(csrf_app, make_user, story):
    make_user("ed")
    client = csrf_app.test_client()
    _csrf_login(client, "ed")
    data = {"title": "Kept title", "body": "Kept body", "base_version": "1", "save": "1"}
    response = client.post(_url(story), data={**data, "csrf_token": "expired"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The form expired before it was saved" in html
    assert "Kept body</textarea>" in html and 'value="Kept title"' in html
    assert _article(csrf_app, story).body == "Body of Library opens at night."
    again = client.post(_url(story), data={**data, "csrf_token": _csrf(html)})
    assert again.status_code == 302 and _article(csrf_app, story).body == "Kept body"


def _author_stamp(app, name, url) -> str:
    """The signed author field of the editor form ``name`` had open (accounts/sessions.py)."""
    client = app.test_client()
    _csrf_login(client, name)
    html = client.get(url).get_data(as_text=True)
    return re.search(r'name="author" type="hidden" value="([^"]+)"', html).group(1)


def test_expired_session_keeps_the_text_through_the_login_form(csrf_app, make_user, story):
    make_user("ed")
    author = _author_stamp(csrf_app, "ed", _url(story))
    client = csrf_app.test_client()  # no session at all: the cookie expired
    text = "Line one\nLine two with <b>markup</b> & “quotes”"
    response = client.post(
        _url(story),
        data={
            "title": "After expiry",
            "body": text,
            "base_version": "1",
            "author": author,
            "csrf_token": "x",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "Your session expired; log in again — your text is kept." in html
    form = dict(re.findall(r'<input type="hidden" name="(kept-[a-z_]+)" value="([^"]*)"', html))
    assert form["kept-story"] == str(story.id) and form["kept-lang"] == "en"
    assert 'action="/editor/login?next=' in html

    # A wrong password does not lose it either.
    import html as html_lib

    kept = {k: html_lib.unescape(v) for k, v in form.items()}
    assert kept["kept-body"] == text
    wrong = client.post(
        "/editor/login?next=" + _url(story),
        data={**kept, "username": "ed", "password": "wrong", "csrf_token": _csrf(html)},
    )
    assert "kept-body" in wrong.get_data(as_text=True) and "Your session expired" in wrong.text

    logged_in = client.post(
        "/editor/login?next=" + _url(story),
        data={**kept, "username": "ed", "password": PASSWORD, "csrf_token": _csrf(wrong.text)},
    )
    assert logged_in.status_code == 302 and logged_in.headers["Location"] == _url(story)
    assert [d.body for d in _drafts(csrf_app, "ed")] == [text]
    page = client.get(_url(story)).get_data(as_text=True)
    assert "Restore unsaved text" in page and not re.search(r'id="recovery"[^>]*\bhidden\b', page)
    restored = client.get(_url(story) + "?restore=draft").get_data(as_text=True)
    saved = client.post(
        _url(story),
        data={
            "title": "After expiry",
            "body": text,
            "base_version": "1",
            "save": "1",
            "csrf_token": _csrf(restored),
        },
    )
    assert saved.status_code == 302
    assert _article(csrf_app, story).body == text and _drafts(csrf_app) == []


def test_kept_text_for_an_article_the_user_may_not_edit_is_dropped(csrf_app, make_user, story):
    make_user("tr", role="translator", languages="ru")
    client = csrf_app.test_client()
    html = client.post(_url(story, "en"), data={"body": "x", "csrf_token": "x"}).text
    kept = {"kept-story": str(story.id), "kept-lang": "en", "kept-body": "sneaky"}
    client.post(
        "/editor/login",
        data={**kept, "username": "tr", "password": PASSWORD, "csrf_token": _csrf(html)},
    )
    assert _drafts(csrf_app) == []


def test_new_story_text_is_kept_through_the_login_form(csrf_app, make_user):
    make_user("ed")
    author = _author_stamp(csrf_app, "ed", "/editor/stories/new")
    client = csrf_app.test_client()
    html = client.post(
        "/editor/stories/new",
        data={
            "lang": "ru",
            "title": "Новая",
            "body": "Текст",
            "save": "1",
            "author": author,
            "csrf_token": "x",
        },
    ).text
    assert "Your session expired; log in again — your text is kept." in html
    kept = dict(re.findall(r'<input type="hidden" name="(kept-[a-z_]+)" value="([^"]*)"', html))
    client.post(
        "/editor/login?next=/editor/stories/new",
        data={**kept, "username": "ed", "password": PASSWORD, "csrf_token": _csrf(html)},
    )
    page = client.get("/editor/stories/new").text
    assert "Restore unsaved text" in page
    restored = client.get("/editor/stories/new?restore=draft").text
    assert "Текст</textarea>" in restored and '<option selected value="ru">' in restored
    created = client.post(
        "/editor/stories/new",
        data={
            "lang": "ru",
            "title": "Новая",
            "body": "Текст",
            "save": "1",
            "csrf_token": _csrf(restored),
        },
    )
    assert created.status_code == 302 and _drafts(csrf_app) == []


def test_autosave_answers_an_expired_session_or_token_in_json(csrf_app, make_user, story):
    make_user("ed")
    client = csrf_app.test_client()
    expired = client.post(_url(story, what="autosave"), data={"body": "x", "csrf_token": "x"})
    assert expired.status_code == 401 and expired.json["error"]["code"] == "session_expired"
    _csrf_login(client, "ed")
    stale = client.post(_url(story, what="autosave"), data={"body": "x", "csrf_token": "old"})
    assert stale.status_code == 400 and stale.json["error"]["code"] == "csrf"
    fresh = stale.json["csrf_token"]
    ok = client.post(_url(story, what="autosave"), data={"body": "x", "csrf_token": fresh})
    assert ok.status_code == 200 and [d.body for d in _drafts(csrf_app)] == ["x"]


def test_logged_out_save_says_whether_the_browser_kept_the_text(app, client, make_user, story):
    """Logged out in another tab (the CSRF token still valid): back to the editor after login."""
    response = client.post(_url(story), data={"body": "x", "save": "1", "kept_in_browser": "1"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        "/editor/login?next=" + _url(story).replace("/", "%2F")
    )
    login_page = client.get(response.headers["Location"]).text
    assert "Your session expired; log in again — your text is kept in this browser." in login_page
    client.post(_url(story), data={"body": "x", "save": "1"})
    assert "before the text could be saved" in client.get("/editor/login").text
