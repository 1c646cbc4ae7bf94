"""The trash: deleting a story hides it everywhere, restoring brings it back exactly,
purging removes everything that belongs to it (by an admin, or after the retention period)."""

from __future__ import annotations

import io
import logging
from datetime import datetime, timedelta

import pytest

from newsdesk.extensions import db
from newsdesk.images import service as images
from newsdesk.models import Article, Revision, Story, User, utcnow
from newsdesk.models.mt import Segment, TranslationJob
from newsdesk.models.review import AuditEntry
from newsdesk.models.site import LeadImage
from newsdesk.stories import audit
from newsdesk.stories import service as stories
from tests.site_helpers import hreflang_links, image_bytes

pytest_plugins = ["tests.review_fixtures"]

NOV = datetime(2024, 11, 14, 10, 0)
PAIR = {
    "en": {"title": "Telescope dome opens", "slug": "dome", "body": "The zebrafinch dome."},
    "ru": {"title": "Купол открыт", "slug": "kupol", "body": "Купол зебровый открыт."},
}


@pytest.fixture
def pair(make_story):
    return make_story(
        en={**PAIR["en"], "tags": ["Astronomy"]}, ru=PAIR["ru"], publish="pair", at=NOV
    )


def _story(story_id: int) -> Story:
    return db.session.get(Story, story_id)


def _delete(app, story_id: int, username: str | None = None) -> None:
    with app.app_context():
        user = db.session.scalar(db.select(User).filter_by(username=username)) if username else None
        stories.delete_story(_story(story_id), user=user)


def _restore(app, story_id: int) -> None:
    with app.app_context():
        stories.restore_story(_story(story_id))


def _status(client, url: str) -> int:
    response = client.get(url)
    response.close()  # a file response holds the file open
    return response.status_code


def _surfaces(client) -> dict[str, object]:
    """What readers see of the pair, on every public surface."""
    return {
        "en page": client.get("/en/news/dome").status_code,
        "ru page": client.get("/ru/news/kupol").status_code,
        "en list": "Telescope dome opens" in client.get("/en/").get_data(as_text=True),
        "ru list": "Купол открыт" in client.get("/ru/").get_data(as_text=True),
        "archive": "Telescope dome opens"
        in client.get("/en/archive/2024/11/").get_data(as_text=True),
        "feed": "Telescope dome opens" in client.get("/en/feed.xml").get_data(as_text=True),
        "sitemap": "/en/news/dome" in client.get("/sitemap.xml").get_data(as_text=True),
        "search": "Telescope dome opens"
        in client.get("/en/search?q=zebrafinch").get_data(as_text=True),
        "tag": client.get("/en/tags/Astronomy").status_code == 200
        and "Telescope dome opens" in client.get("/en/tags/Astronomy").get_data(as_text=True),
    }


VISIBLE = {
    "en page": 200,
    "ru page": 200,
    "en list": True,
    "ru list": True,
    "archive": True,
    "feed": True,
    "sitemap": True,
    "search": True,
    "tag": True,
}
GONE = {key: (404 if "page" in key else False) for key in VISIBLE}


def test_a_deleted_story_leaves_every_public_surface_and_comes_back(app, client, pair):
    assert _surfaces(client) == VISIBLE  # also fills the page cache
    _delete(app, pair.id)
    assert _surfaces(client) == GONE  # the cache serves none of the old pages
    _restore(app, pair.id)
    assert _surfaces(client) == VISIBLE


def test_the_cache_drops_a_trashed_story_on_another_instance(app_factory, make_story):
    first, second = app_factory(), app_factory()
    make_story(en=PAIR["en"], publish="en", at=NOV)
    a, b = first.test_client(), second.test_client()
    for client in (a, b, a, b):
        assert client.get("/en/news/dome").status_code == 200
        assert "Telescope dome opens" in client.get("/en/").get_data(as_text=True)
    assert second.extensions["page_cache"].hits >= 2
    with first.app_context():
        story_id = db.session.scalar(db.select(Article.story_id).filter_by(slug="dome"))
    _delete(first, story_id)
    assert b.get("/en/news/dome").status_code == 404
    assert "Telescope dome opens" not in b.get("/en/").get_data(as_text=True)


def test_a_single_language_partner_loses_its_hreflang_and_api_answers_404(
    app, client, make_story, make_user
):
    pair = make_story(en=PAIR["en"], ru=PAIR["ru"], publish="pair", at=NOV)
    assert set(hreflang_links(client.get("/en/news/dome").get_data(as_text=True))) >= {"en", "ru"}
    with app.app_context():
        assert _story(pair.id).article("ru").is_public(utcnow())
    _delete(app, pair.id)
    with app.app_context():
        assert not _story(pair.id).article("ru").is_public(utcnow())
        assert stories.get_story(pair.id) is None
        assert stories.get_story(pair.id, trashed=True).id == pair.id
        assert stories.list_stories().total == 0
        assert stories.list_stories(status="published").total == 0


def test_the_lead_image_url_is_gone_while_trashed(app, client, pair, make_user, login):
    login(make_user("boss", role="editor"))
    client.post(
        f"/editor/stories/{pair.id}/image",
        data={"image": (io.BytesIO(image_bytes()), "p.jpg")},
        content_type="multipart/form-data",
    )
    with app.app_context():
        url = f"/media/{db.session.scalar(db.select(LeadImage.filename))}"
    client.post("/editor/logout")
    client.delete_cookie("session")
    assert _status(client, url) == 200
    _delete(app, pair.id)
    assert _status(client, url) == 404
    _restore(app, pair.id)
    assert _status(client, url) == 200


def test_delete_and_restore_are_in_the_audit_log_and_change_nothing_else(app, pair, make_user):
    make_user("eve", role="editor")
    with app.app_context():
        before = {a.lang: (a.slug, a.status, a.version) for a in _story(pair.id).articles}
    _delete(app, pair.id, "eve")
    with app.app_context():
        story = _story(pair.id)
        assert story.deleted_by.username == "eve" and story.deleted_at is not None
        assert [s.id for s in stories.trashed_stories()] == [pair.id]
        with pytest.raises(stories.StoryError):
            stories.delete_story(story)
    _restore(app, pair.id)
    with app.app_context():
        story = _story(pair.id)
        assert story.deleted_at is None and story.deleted_by_id is None
        assert {a.lang: (a.slug, a.status, a.version) for a in story.articles} == before
        assert story.published_at == NOV
        actions = [e.action for e in audit.entries(story)]
        assert actions[:2] == ["restored_from_trash", "deleted"]
        assert audit.entries(story, action="deleted")[0].username == "eve"
        with pytest.raises(stories.StoryError):
            stories.restore_story(story)


def test_purge_removes_everything_of_the_story_and_its_image_file(
    app, mt_story, make_story, caplog
):
    other = make_story(en={"title": "Other", "body": "Kept."})
    with app.app_context():
        story = _story(mt_story)
        image = images.set_lead_image(story, image_bytes())
        path = images.path_of(image.filename)
        assert path.exists()
        article_ids = [a.id for a in story.articles]
        assert db.session.scalar(db.select(db.func.count()).select_from(Segment)) > 0
        with pytest.raises(stories.StoryError):  # not in the trash yet
            stories.purge_story(story)
        stories.delete_story(story)
        with caplog.at_level(logging.INFO, logger="newsdesk.stories.trash"):
            stories.purge_story(_story(mt_story))
        assert db.session.get(Story, mt_story) is None
        assert not path.exists()
        for model, column in (
            (Article, Article.story_id),
            (TranslationJob, TranslationJob.story_id),
            (LeadImage, LeadImage.story_id),
        ):
            assert db.session.scalars(db.select(model).where(column == mt_story)).all() == []
        for model in (Revision, Segment):
            query = db.select(model).where(model.article_id.in_(article_ids))
            assert db.session.scalars(query).all() == []
        purged = db.session.scalars(
            db.select(AuditEntry).filter_by(story_id=mt_story, action="purged")
        ).all()
        assert len(purged) == 1 and purged[0].detail["titles"]["en"] == "Lab opens"
        assert db.session.get(Story, other.id) is not None
    assert f"story {mt_story} purged" in caplog.text


def test_the_retention_rule_purges_only_old_trash(app, make_story, runner):
    old, recent, kept = (make_story(en=f"Story {n}") for n in range(3))
    _delete(app, old.id)
    _delete(app, recent.id)
    with app.app_context():
        _story(old.id).deleted_at = utcnow() - timedelta(days=31)
        _story(recent.id).deleted_at = utcnow() - timedelta(days=29)
        db.session.commit()
        assert stories.purge_expired(days=40) == []
    result = runner.invoke(args=["stories", "purge-trash"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Purged 1 story from the trash: {old.id}."
    with app.app_context():
        assert _story(old.id) is None
        assert _story(recent.id).deleted_at is not None
        assert _story(kept.id).deleted_at is None
        assert stories.purge_expired(days=28) == [recent.id]


@pytest.mark.parametrize(
    ("role", "delete", "trash", "restore", "purge"),
    [
        ("translator", 403, 403, 403, 403),
        ("editor", 302, 200, 302, 403),
        ("admin", 302, 200, 302, 302),
    ],
)
def test_who_may_delete_restore_and_purge(
    app, client, make_story, make_user, login, role, delete, trash, restore, purge
):
    story = make_story(en="Doomed")
    login(make_user("someone", role=role))
    assert client.post(f"/editor/stories/{story.id}/delete").status_code == delete
    if delete != 302:
        _delete(app, story.id)
    page = client.get("/editor/trash")
    assert page.status_code == trash
    if trash == 200:
        assert "Doomed" in page.get_data(as_text=True)
        assert ("Delete for good" in page.get_data(as_text=True)) == (purge == 302)
    assert client.post(f"/editor/trash/{story.id}/restore").status_code == restore
    if restore == 302:
        assert "Doomed" in client.get("/editor/").get_data(as_text=True)
        _delete(app, story.id)
    assert client.post(f"/editor/trash/{story.id}/purge").status_code == purge
    with app.app_context():
        assert (_story(story.id) is None) == (purge == 302)


def test_a_trashed_story_is_404_in_the_editor_and_a_live_one_not_purgeable(
    app, client, make_story, make_user, login
):
    story = make_story(en="Gone")
    login(make_user("root", role="admin"))
    assert client.post(f"/editor/trash/{story.id}/purge").status_code == 404
    assert client.post(f"/editor/trash/{story.id}/restore").status_code == 404
    _delete(app, story.id)
    assert client.get(f"/editor/stories/{story.id}").status_code == 404
    assert "Gone" not in client.get("/editor/").get_data(as_text=True)
    assert client.post(f"/editor/stories/{story.id}/delete").status_code == 404


def test_story_page_asks_before_unpublishing_and_deleting(client, pair, make_user, login):
    login(make_user("boss", role="editor"))
    page = client.get(f"/editor/stories/{pair.id}").get_data(as_text=True)
    for box in ("unpublish", "delete-story"):
        assert f'<details class="confirm" id="{box}">' in page


def test_migration_0014_matches_the_model(ctx):
    """Alembic's autogenerate sees no other difference in the stories table than the one
    SQLite reflection makes up (it reads a column's REFERENCES clause without its name and
    ON DELETE); the database itself holds that rule."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    mine = [d for d in diff if "'stories'" in repr(d) or "deleted_by_id" in repr(d)]
    if db.engine.dialect.name == "sqlite":
        assert {d[0] for d in mine} <= {"add_fk", "remove_fk"}
        assert all(d[1].column_keys == ["deleted_by_id"] for d in mine)
        rules = db.session.execute(db.text("PRAGMA foreign_key_list(stories)")).all()
        assert ("users", "deleted_by_id", "id", "SET NULL") in {
            (r.table, r[3], r[4], r.on_delete) for r in rules
        }
    else:
        assert mine == []


def test_the_daily_worker_task_applies_the_retention_rule(app, make_story):
    from newsdesk.translation_jobs import queue

    old, recent = make_story(en="Old"), make_story(en="Recent")
    _delete(app, old.id)
    _delete(app, recent.id)
    with app.app_context():
        _story(old.id).deleted_at = utcnow() - timedelta(days=30, minutes=1)
        db.session.commit()
        assert queue.purge_trash_daily.call_local() == [old.id]
        assert _story(old.id) is None and _story(recent.id) is not None


@pytest.mark.sqlite_only
def test_migration_0014_up_and_down_keeps_the_stories(tmp_path):
    """Adding and dropping the trash columns leaves every article and tag link in place."""
    from flask_migrate import downgrade, upgrade

    from newsdesk import create_app

    uri = f"sqlite:///{tmp_path / 'old.sqlite'}"
    config = {"TESTING": True, "SECRET_KEY": "t", "SQLALCHEMY_DATABASE_URI": uri}
    app = create_app(config, instance_path=tmp_path)
    count = "SELECT count(*) FROM articles"
    with app.app_context():
        upgrade(revision="0013")
        for sql in (
            "INSERT INTO stories (id, source_lang, mt_note, created_at, updated_at)"
            " VALUES (1, 'en', 0, '2024-11-14 09:00:00', '2024-11-14 09:00:00')",
            "INSERT INTO articles (id, story_id, lang, title, slug, lead, body, status, version,"
            " updated_at) VALUES (1, 1, 'en', 'T', 't', '', 'B', 'draft', 1, '2024-11-14')",
        ):
            db.session.execute(db.text(sql))
        db.session.commit()
        upgrade(revision="0014")
        row = db.session.execute(db.text("SELECT deleted_at, deleted_by_id FROM stories")).one()
        assert tuple(row) == (None, None)
        assert db.session.execute(db.text(count)).scalar() == 1
        db.session.commit()
        downgrade(revision="0013")
        assert db.session.execute(db.text(count)).scalar() == 1
        columns = {r[1] for r in db.session.execute(db.text("PRAGMA table_info(stories)"))}
        assert "deleted_at" not in columns and "deleted_by_id" not in columns
        db.engine.dispose()
