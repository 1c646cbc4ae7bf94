"""Draft and live versions (issue 15.1): readers see what was last published of an article;
an edit of a live article (edit form, sentence review, XLIFF import) is a draft until someone
allowed to publish publishes it, through the checks of a first publication."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from translate.storage.xliff2 import Xliff2File

from newsdesk.extensions import db
from newsdesk.models import LiveArticle, Status, Story
from newsdesk.review import service as review
from newsdesk.site import search
from newsdesk.stories import service as stories
from tests.review_helpers import approve_all, edit_source, segments

pytest_plugins = ["tests.review_fixtures", "tests.api_fixtures"]

PAST = datetime(2024, 11, 14, 10, 0)
OLD = {"title": "Библиотека открыта", "body": "Читальный зал работает до полуночи."}
NEW_BODY = "Читальный зал работает круглосуточно."


@pytest.fixture
def live_pair(make_story):
    return make_story(
        en={"title": "Library opens", "body": "The reading room is open until midnight."},
        ru=OLD,
        publish="pair",
        at=PAST,
    )


@pytest.fixture
def translator(make_user):
    return make_user("rutr", role="translator", languages="ru")


def _edit_ru(app, story, user, body=NEW_BODY, title=OLD["title"]):
    with app.app_context():
        ru = db.session.get(Story, story.id).article("ru")
        stories.update_article(ru, title=title, body=body, slug=ru.slug, user=user)


def _reader_views(client):
    """What a reader gets of the Russian side: article, feed, search, sitemap."""
    return {
        "page": client.get("/ru/news/biblioteka-otkryta").get_data(as_text=True),
        "feed": client.get("/ru/feed.xml").get_data(as_text=True),
        "search": client.get("/ru/search?q=круглосуточно").get_data(as_text=True),
        "sitemap": client.get("/sitemap.xml").get_data(as_text=True),
    }


def test_an_edit_of_a_live_article_is_invisible_to_readers_until_published(
    app, client, live_pair, translator, make_user
):
    _edit_ru(app, live_pair, translator, title="Библиотека открыта всегда")
    seen = _reader_views(client)
    assert "до полуночи" in seen["page"] and NEW_BODY not in seen["page"]
    assert "Библиотека открыта всегда" not in seen["feed"] and "до полуночи" in seen["feed"]
    assert "Библиотека открыта всегда" not in seen["search"]
    assert "/ru/news/biblioteka-otkryta<" in seen["sitemap"]  # the live address, unchanged
    with app.app_context():
        ru = db.session.get(Story, live_pair.id).article("ru")
        assert ru.unpublished_changes and ru.body == NEW_BODY  # nothing typed is lost
        assert ru.live.body == OLD["body"] and ru.live.version < ru.version
        assert ru.status == Status.PUBLISHED
        hits = search.search_articles("ru", "круглосуточно").items
        assert hits == []
        stories.publish(db.session.get(Story, live_pair.id), "ru", user=make_user("boss"))
    seen = _reader_views(client)
    assert NEW_BODY in seen["page"] and "Библиотека открыта всегда" in seen["page"]
    assert "Библиотека открыта всегда" in seen["feed"] and "до полуночи" not in seen["feed"]
    assert "Библиотека открыта всегда" in seen["search"]
    with app.app_context():
        ru = db.session.get(Story, live_pair.id).article("ru")
        assert not ru.unpublished_changes and ru.live.version == ru.version


def test_the_modified_time_moves_when_changes_are_published_not_when_they_are_saved(
    app, client, live_pair, translator
):
    def modified():
        page = client.get("/ru/news/biblioteka-otkryta").get_data(as_text=True)
        marker = 'property="article:modified_time" content="'
        start = page.index(marker) + len(marker)
        return page[start : page.index('"', start)]

    with app.app_context():
        db.session.get(LiveArticle, live_pair.article("ru").id).updated_at = datetime(2024, 11, 15)
        db.session.commit()
    before = modified()
    assert before == "2024-11-15T00:00:00+00:00"
    _edit_ru(app, live_pair, translator)
    assert modified() == before
    with app.app_context():
        stories.publish(db.session.get(Story, live_pair.id), "ru")
    assert modified() > before


def test_the_story_page_and_list_show_unpublished_changes(
    client, login, app, live_pair, translator, make_user, make_story
):
    make_story(en="Quiet story", publish="en", at=PAST)
    _edit_ru(app, live_pair, translator)
    login(translator)
    page = client.get(f"/editor/stories/{live_pair.id}").get_data(as_text=True)
    assert "Unpublished changes" in page and 'id="live-changes-ru"' in page
    assert "Publish changes" not in page  # a translator saves; an editor publishes
    assert "An editor publishes them after checking." in page
    assert f"/editor/stories/{live_pair.id}/ru/history/live" in page
    diff = client.get(f"/editor/stories/{live_pair.id}/ru/history/live").get_data(as_text=True)
    assert "<del>до полуночи</del><ins>круглосуточно</ins>" in diff.replace("\n", "")
    assert client.post(f"/editor/stories/{live_pair.id}/publish", data={"mode": "ru"}).status_code
    assert "до полуночи" in client.get("/ru/news/biblioteka-otkryta").get_data(as_text=True)
    login(make_user("boss"))
    listing = client.get("/editor/?status=changes").get_data(as_text=True)
    assert "Library opens" in listing and "badge-changes" in listing
    assert "Quiet story" not in listing  # published, no changes: not in the filter
    english_changes = client.get("/editor/?status=changes&lang=en").get_data(as_text=True)
    assert "Library opens" not in english_changes  # only the Russian side has changes
    page = client.get(f"/editor/stories/{live_pair.id}").get_data(as_text=True)
    assert "Publish changes" in page
    done = client.post(
        f"/editor/stories/{live_pair.id}/publish", data={"mode": "ru"}, follow_redirects=True
    )
    assert "The changes are published" in done.get_data(as_text=True)
    assert NEW_BODY in client.get("/ru/news/biblioteka-otkryta").get_data(as_text=True)
    assert "badge-changes" not in client.get("/editor/").get_data(as_text=True)


def test_a_translator_cannot_publish_changes(client, login, app, live_pair, translator):
    _edit_ru(app, live_pair, translator)
    login(translator)
    response = client.post(f"/editor/stories/{live_pair.id}/publish", data={"mode": "ru"})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(Story, live_pair.id).article("ru").unpublished_changes


def test_changes_pass_the_checks_of_a_first_publication(app, client, make_user, mt_story):
    """A changed live source makes its live translation out of date: publishing the pair's
    changes is refused (the out-of-date gate) unless an editor gives a reason."""
    editor = make_user("boss")
    with app.app_context():
        story = db.session.get(Story, mt_story)
        story.article("en").status = Status.READY
        approve_all(mt_story)
        review.mark_ready(story.article("ru"), user=editor)
        stories.publish_pair(story)
        slug = story.article("en").live.slug
        edit_source(mt_story, lambda body: body + "\n\nA new closing paragraph.")
        story = db.session.get(Story, mt_story)
        assert story.article("en").unpublished_changes
        with pytest.raises(stories.PublishError):
            stories.publish(story, "pair", user=editor)
    assert "closing paragraph" not in client.get(f"/en/news/{slug}").get_data(as_text=True)
    with app.app_context():
        story = db.session.get(Story, mt_story)
        stories.publish(story, "pair", user=editor, override_reason="The Russian follows tomorrow")
    assert "closing paragraph" in client.get(f"/en/news/{slug}").get_data(as_text=True)


def test_machine_retranslation_of_a_live_translation_waits_for_review(
    app, client, make_user, mt_story
):
    """Re-translated sentences of a live translation stay off the site, and publishing them is
    refused until a person has reviewed them (the checks of "Mark ready")."""
    editor = make_user("boss")
    with app.app_context():
        story = db.session.get(Story, mt_story)
        story.article("en").status = Status.READY
        approve_all(mt_story)
        review.mark_ready(story.article("ru"), user=editor)
        stories.publish_pair(story)
        ru = story.article("ru")
        first = segments(mt_story)[0]
        review.save_segment(first, first.target_text + " Новое.", user=editor)
        assert ru.unpublished_changes
        slug = ru.live.slug
    assert "Новое." not in client.get(f"/ru/news/{slug}").get_data(as_text=True)
    with app.app_context():
        stories.publish(db.session.get(Story, mt_story), "ru", user=editor)
    assert "Новое." in client.get(f"/ru/news/{slug}").get_data(as_text=True)


def test_unpublishing_removes_the_live_copy_and_keeps_the_text(app, live_pair, translator):
    _edit_ru(app, live_pair, translator)
    with app.app_context():
        story = db.session.get(Story, live_pair.id)
        stories.unpublish(story)
        assert db.session.scalars(db.select(LiveArticle)).all() == []
        assert story.article("ru").body == NEW_BODY
        assert not story.article("ru").unpublished_changes
        stories.publish(story, "pair")
        assert story.article("ru").live.body == NEW_BODY


def test_xliff_import_into_a_live_translation_is_a_draft_shown_with_its_checks(
    app, client, login, make_user, mt_story
):
    editor = make_user("boss")
    with app.app_context():
        story = db.session.get(Story, mt_story)
        story.article("en").status = Status.READY
        approve_all(mt_story)
        review.mark_ready(story.article("ru"), user=editor)
        stories.publish_pair(story)
        slug = story.article("ru").live.slug
        first = segments(mt_story)[0]
    login(make_user("ruxl", role="translator", languages="ru"))
    store = Xliff2File.parsestring(client.get(f"/editor/stories/{mt_story}/xliff/ru").data)
    next(u for u in store.units if u.getid() == f"s{first.id}").target = "Импортировано 5 раз."
    data = {"file": (io.BytesIO(bytes(store)), "story.xlf")}
    response = client.post(f"/editor/stories/{mt_story}/xliff", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/editor/stories/{mt_story}/review/ru")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "unpublished changes until an editor publishes them" in page
    assert 'id="live-note"' in page  # the workspace says what saving a live translation does
    assert "Импортировано 5 раз." not in client.get(f"/ru/news/{slug}").get_data(as_text=True)
    with app.app_context():
        ru = db.session.get(Story, mt_story).article("ru")
        assert ru.unpublished_changes and "Импортировано 5 раз." in ru.title + ru.lead + ru.body


def test_the_api_tells_unpublished_changes_and_publishes_them(app, api, live_pair, translator):
    _edit_ru(app, live_pair, translator)
    article = api.get(f"/stories/{live_pair.id}/articles/ru").get_json()
    assert article["unpublished_changes"] is True and article["live_version"] < article["version"]
    assert article["body"] == NEW_BODY  # the API edits the working text, as the editor does
    story = api.get(f"/stories/{live_pair.id}").get_json()
    assert [a["unpublished_changes"] for a in story["articles"]] == [False, True]
    assert api.post(f"/stories/{live_pair.id}/publish", json={"mode": "ru"}).status_code == 200
    article = api.get(f"/stories/{live_pair.id}/articles/ru").get_json()
    assert article["unpublished_changes"] is False and article["live_version"] == article["version"]
    draft = api.get(f"/stories/{live_pair.id}").get_json()
    assert api.post(f"/stories/{live_pair.id}/unpublish").status_code == 200
    after = api.get(f"/stories/{live_pair.id}/articles/ru").get_json()
    assert after["live_version"] is None and draft["articles"][1]["live_version"] is not None


def test_search_indexes_only_live_copies(app, live_pair, translator):
    _edit_ru(app, live_pair, translator)
    with app.app_context():
        assert [h.article.id for h in search.search_articles("ru", "полуночи").items] == [
            db.session.get(Story, live_pair.id).article("ru").id
        ]
        assert search.search_articles("ru", "круглосуточно").items == []
        if db.engine.dialect.name == "sqlite":
            rows = db.session.execute(db.text("SELECT count(*) FROM article_search")).scalar()
            assert rows == db.session.scalar(db.select(db.func.count(LiveArticle.id))) == 2
        draft = stories.create_story(lang="en", title="Unseen draft", body="Midnight words.")
        assert search.search_articles("en", "midnight").items[0].article.story_id == live_pair.id
        assert draft.articles[0].live is None


def test_migration_0017_matches_the_model(ctx):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    # PostgreSQL's full-text indexes are expression indexes the migration owns (the model
    # cannot declare them portably); test_site_postgres checks their definitions.
    drift = [d for d in diff if "live_articles" in repr(d)]
    assert [d for d in drift if "ix_live_articles_search_" not in repr(d)] == []


@pytest.mark.sqlite_only
def test_migration_0017_copies_published_articles_and_moves_the_search_index(tmp_path):
    """Published articles get their live copy (and stay findable); drafts do not; down and
    up again leaves the articles as they were."""
    from flask_migrate import downgrade, upgrade

    from newsdesk import create_app

    uri = f"sqlite:///{tmp_path / 'old.sqlite'}"
    config = {"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": uri}
    app = create_app(config, instance_path=tmp_path)
    with app.app_context():
        upgrade(revision="0016")
        db.session.execute(
            db.text(
                "INSERT INTO stories (id, source_lang, mt_note, created_at, updated_at,"
                " published_at) VALUES (1, 'en', 0, '2024-11-14', '2024-11-14', '2024-11-14')"
            )
        )
        for id_, lang, status, body in (
            (1, "en", "published", "Lanterns"),
            (2, "ru", "draft", "Фонари"),
        ):
            db.session.execute(
                db.text(
                    "INSERT INTO articles (id, story_id, lang, title, slug, lead, body, status,"
                    f" version, updated_at) VALUES ({id_}, 1, '{lang}', 'T', 't', '', '{body}',"
                    f" '{status}', 3, '2024-11-15')"
                )
            )
        db.session.commit()
        upgrade(revision="0017")
        rows = db.session.execute(db.text("SELECT id, lang, body, version FROM live_articles"))
        assert [tuple(r) for r in rows] == [(1, "en", "Lanterns", 3)]
        assert search.search_articles("en", "lanterns", now=PAST).items[0].article.id == 1
        assert search.search_articles("ru", "фонари", now=PAST).items == []
        db.session.commit()
        downgrade(revision="0016")
        count = db.session.execute(db.text("SELECT count(*) FROM article_search")).scalar()
        assert count == 2  # the index is back on the articles
        db.engine.dispose()
