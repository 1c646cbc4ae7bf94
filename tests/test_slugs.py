"""Slugs follow the approved title until first publication; a changed live slug redirects."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.extensions import db
from newsdesk.models import Article, Status
from newsdesk.models.slugs import SlugRedirect
from newsdesk.review import service as review
from newsdesk.stories import service as stories
from tests.review_helpers import segments

pytest_plugins = ["tests.review_fixtures"]

PAST = datetime(2024, 11, 14, 10, 0)


@pytest.fixture
def editor(make_user):
    return make_user("ed", role="editor")


def _edit(article: Article, title: str, slug: str | None, **extra) -> Article:
    return stories.update_article(
        article, title=title, body=extra.pop("body", "Текст."), slug=slug, **extra
    )


def test_unpublished_slug_follows_the_title_on_every_save(ctx):
    story = stories.create_story(lang="en", title="Bus route", body="Body.")
    ru = stories.add_article(story, lang="ru", title="Новый автобусный спбпуйитри", body="Текст.")
    assert ru.slug == "novyi-avtobusnyi-spbpuiitri"
    _edit(ru, "Новый автобусный маршрут", ru.slug)  # the form sends the slug it showed
    assert ru.slug == "novyi-avtobusnyi-marshrut"
    _edit(ru, "Новый автобусный маршрут до кампуса", None)  # an emptied field follows too
    assert ru.slug == "novyi-avtobusnyi-marshrut-do-kampusa"


def test_a_typed_slug_is_kept_when_the_title_changes(ctx):
    story = stories.create_story(lang="ru", title="Черновой заголовок", body="Текст.")
    article = story.articles[0]
    _edit(article, "Черновой заголовок", "campus-bus")
    _edit(article, "Совсем другой заголовок", "campus-bus")
    assert article.slug == "campus-bus"
    assert db.session.scalars(db.select(SlugRedirect)).all() == []  # never live: nothing to keep


def test_review_and_machine_translation_retitle_through_the_same_rule(ctx):
    story = stories.create_story(lang="ru", title="Первый", body="Текст.")
    article = story.articles[0]
    stories.retitle(article, "Второй заголовок")
    assert (article.title, article.slug) == ("Второй заголовок", "vtoroi-zagolovok")
    _edit(article, "Второй заголовок", "typed-by-hand")
    stories.retitle(article, "Третий")
    assert article.slug == "typed-by-hand"


def test_after_publication_the_slug_stays_even_when_unpublished(ctx, make_story):
    story = make_story(en="Library opens", ru="Библиотека открыта", publish="pair", at=PAST)
    ru = db.session.get(Article, story.article("ru").id)
    _edit(ru, "Библиотека открыта ночью", ru.slug)
    assert ru.slug == "biblioteka-otkryta"
    stories.unpublish(ru.story)
    _edit(ru, "Библиотека открыта круглосуточно", ru.slug)
    assert ru.slug == "biblioteka-otkryta"


def test_an_explicitly_changed_live_slug_redirects_301(client, app, make_story):
    story = make_story(en="Library opens", ru="Библиотека открыта", publish="pair", at=PAST)
    with app.app_context():
        ru = db.session.get(Article, story.article("ru").id)
        _edit(ru, "Библиотека открыта ночью", "biblioteka-nochiu")
        _edit(ru, "Библиотека открыта ночью", "biblioteka-otkryta-nochiu")
    # Unpublished changes: readers keep the live address, the new one is not public yet.
    assert client.get("/ru/news/biblioteka-otkryta").status_code == 200
    assert client.get("/ru/news/biblioteka-otkryta-nochiu").status_code == 404
    with app.app_context():
        stories.publish(stories.get_story(story.id), "ru")
        ru = db.session.get(Article, story.article("ru").id)
        _edit(ru, "Библиотека открыта ночью", "nochnaia-biblioteka")
        stories.publish(stories.get_story(story.id), "ru")
    for old in ("biblioteka-otkryta", "biblioteka-otkryta-nochiu"):  # both were live
        response = client.get(f"/ru/news/{old}")
        assert response.status_code == 301
        assert response.headers["Location"].endswith("/ru/news/nochnaia-biblioteka")
    assert client.get("/ru/news/nochnaia-biblioteka").status_code == 200
    assert client.get("/ru/news/biblioteka-nochiu").status_code == 404  # never live
    assert client.get("/en/news/biblioteka-otkryta").status_code == 404  # per language
    assert client.get("/ru/news/never-existed").status_code == 404
    with app.app_context():
        stories.unpublish(stories.get_story(story.id))
    assert client.get("/ru/news/biblioteka-otkryta").status_code == 404  # not public: no hint


def test_a_slug_taken_back_is_no_longer_a_redirect(ctx, make_story):
    story = make_story(en="Old name", publish="en", at=PAST)
    en = db.session.get(Article, story.article("en").id)
    _edit(en, "Old name", "new-name", body="Body.")
    assert db.session.scalars(db.select(SlugRedirect.slug)).all() == []  # not live yet
    stories.publish(story, "en")
    assert db.session.scalars(db.select(SlugRedirect.slug)).all() == ["old-name"]
    _edit(en, "Old name", "old-name", body="Body.")
    stories.publish(story, "en")
    rows = db.session.scalars(db.select(SlugRedirect.slug)).all()
    assert rows == ["new-name"]


def test_a_live_address_stays_its_articles_until_a_change_is_published(ctx, make_story):
    first = make_story(en="Old name", publish="en", at=PAST)
    en = db.session.get(Article, first.article("en").id)
    _edit(en, "Old name", "new-name", body="Body.")
    other = stories.create_story(lang="en", title="Another", body="Body.")
    with pytest.raises(stories.StoryError, match="already used"):
        _edit(other.articles[0], "Another", "old-name", body="Body.")  # still live
    with pytest.raises(stories.StoryError, match="already used"):
        _edit(other.articles[0], "Another", "new-name", body="Body.")  # the draft's


def test_edit_page_previews_the_address_and_keeps_a_typed_slug(client, login, editor, make_story):
    story = make_story(en="Lab", ru="Лаборатория")
    login(editor)
    page = client.get(f"/editor/stories/{story.id}/ru/edit").get_data(as_text=True)
    assert 'data-prefix="/ru/news/">/ru/news/laboratoriia</code>' in page
    client.post(
        f"/editor/stories/{story.id}/ru/edit",
        data={"title": "Новая лаборатория", "slug": "laboratoriia", "body": "Т.", "save": "1"},
    )
    page = client.get(f"/editor/stories/{story.id}/ru/edit").get_data(as_text=True)
    assert 'data-prefix="/ru/news/">/ru/news/novaia-laboratoriia</code>' in page
    client.post(
        f"/editor/stories/{story.id}/ru/edit",
        data={"title": "Лаборатория роботов", "slug": "robot-lab", "body": "Т.", "save": "1"},
    )
    ru = client.get(f"/editor/stories/{story.id}/ru/edit", headers={"Accept-Language": "ru"})
    assert "Адрес на сайте:" in ru.get_data(as_text=True)
    assert 'data-prefix="/ru/news/">/ru/news/robot-lab</code>' in ru.get_data(as_text=True)
    with client.application.app_context():
        assert stories.get_story(story.id).article("ru").status == Status.DRAFT


def test_migration_0015_matches_the_model(ctx):
    """Alembic's autogenerate sees no difference in the redirect table."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert [d for d in diff if "slug_redirects" in repr(d)] == []


def test_the_translators_fixed_title_moves_the_machine_slug(app, mt_story, make_user):
    """The issue's case: the Russian URL came from the first machine title; the translator's
    correction in the review workspace now gives the article its address."""
    translator = make_user("tr", role="translator", languages="ru")
    with app.app_context():
        title = next(s for s in segments(mt_story) if s.part == "title")
        machine_slug = title.article.slug
        review.save_segment(title, "Лаборатория открылась", user=translator)
        assert title.article.slug == "laboratoriia-otkrylas" != machine_slug
