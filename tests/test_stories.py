"""The stories service: slugs, revisions, conflicts and the publishing rules."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsdesk.extensions import db
from newsdesk.models import Article, Revision, Status
from newsdesk.stories import service as stories


def test_slug_transliterates_cyrillic_and_stays_unique(ctx):
    first = stories.create_story(
        lang="ru", title="Учёные университета открыли новую звезду", body="Текст."
    )
    second = stories.create_story(
        lang="ru", title="Учёные университета открыли новую звезду", body="Текст."
    )
    assert first.articles[0].slug == "uchenye-universiteta-otkryli-novuiu-zvezdu"
    assert second.articles[0].slug == "uchenye-universiteta-otkryli-novuiu-zvezdu-2"


def test_same_slug_may_exist_in_both_languages(ctx):
    stories.create_story(lang="en", title="News", slug="news-item", body="x")
    ru = stories.create_story(lang="ru", title="Новость", slug="news-item", body="x")
    assert ru.articles[0].slug == "news-item"
    with pytest.raises(stories.StoryError) as info:
        stories.create_story(lang="en", title="Other", slug="news-item", body="x")
    assert info.value.field == "slug"


@pytest.mark.parametrize("slug", ["Has Caps", "кириллица", "double--hyphen", "-edge"])
def test_bad_slugs_are_refused(ctx, slug):
    with pytest.raises(stories.StoryError) as info:
        stories.create_story(lang="en", title="Title", slug=slug, body="x")
    assert info.value.field == "slug"


def test_every_save_keeps_a_revision_and_bumps_the_version(ctx):
    story = stories.create_story(lang="en", title="First", body="One.")
    article = story.articles[0]
    stories.update_article(article, title="Second", body="Two.", base_version=1)
    stories.update_article(article, title="Third", body="Three.", base_version=2)
    revisions = db.session.scalars(db.select(Revision).order_by(Revision.version)).all()
    assert [(r.version, r.title, r.body) for r in revisions] == [
        (1, "First", "One."),
        (2, "Second", "Two."),
        (3, "Third", "Three."),
    ]
    assert article.version == 3


def test_save_based_on_an_old_version_is_a_conflict_and_changes_nothing(ctx):
    story = stories.create_story(lang="en", title="Original", body="Text.")
    article = story.articles[0]
    stories.update_article(article, title="Theirs", body="Their text.", base_version=1)
    with pytest.raises(stories.ConflictError) as info:
        stories.update_article(article, title="Mine", body="My text.", base_version=1)
    assert info.value.current.title == "Theirs"
    db.session.expire_all()
    assert db.session.get(Article, article.id).title == "Theirs"


def test_ready_needs_title_and_body(ctx):
    story = stories.create_story(lang="en", title="Only a title", body="")
    with pytest.raises(stories.StoryError):
        stories.update_article(
            story.articles[0], title="Only a title", body=" ", status=Status.READY
        )


def test_pair_publish_refused_while_a_side_is_missing_empty_or_not_ready(ctx):
    story = stories.create_story(lang="en", title="English", body="Body.", status=Status.READY)
    with pytest.raises(stories.PublishError, match="Russian version does not exist yet"):
        stories.publish_pair(story)
    ru = stories.add_translation(story)
    with pytest.raises(stories.PublishError, match="Russian version has no title"):
        stories.publish_pair(story)
    stories.update_article(ru, title="Русский", body="Текст.", status=Status.DRAFT)
    with pytest.raises(stories.PublishError, match="Russian version is not marked ready"):
        stories.publish_pair(story)
    assert story.published_at is None
    assert {a.status for a in story.articles} == {Status.READY, Status.DRAFT}


def test_pair_publish_shares_one_date(ctx):
    story = stories.create_story(lang="en", title="English", body="Body.", status=Status.READY)
    stories.add_article(story, lang="ru", title="Русский", body="Текст.", status=Status.READY)
    at = datetime(2024, 11, 14, 10, 0)
    stories.publish_pair(story, at=at)
    assert story.published_at == at
    assert all(
        a.status == Status.PUBLISHED and a.is_public(datetime(2025, 1, 1)) for a in story.articles
    )
    assert not any(a.is_public(datetime(2024, 11, 14, 9, 59)) for a in story.articles)


def test_single_language_publish_is_recorded(ctx):
    story = stories.create_story(lang="en", title="English", body="Body.", status=Status.READY)
    stories.publish_single(story, "en")
    assert story.single_language == "en"
    assert story.article("en").status == Status.PUBLISHED


def test_unpublish_keeps_the_text(ctx):
    story = stories.create_story(lang="en", title="English", body="Body.", status=Status.READY)
    stories.publish_single(story, "en")
    stories.unpublish(story)
    article = story.article("en")
    assert article.status == Status.READY and article.body == "Body."
    assert story.published_at is None
    with pytest.raises(stories.PublishError):
        stories.unpublish(story)


def test_add_translation_creates_an_empty_draft_once(ctx):
    story = stories.create_story(lang="ru", title="Русский", body="Текст.")
    en = stories.add_translation(story)
    assert (en.lang, en.title, en.status) == ("en", "", Status.DRAFT)
    assert stories.add_translation(story).id == en.id
    stories.update_article(en, title="Filled in", body="Text.", base_version=en.version)
    assert en.slug == "filled-in"


def test_list_filters_by_status_language_and_missing(ctx):
    both = stories.create_story(lang="en", title="Both", body="x")
    stories.add_translation(both)
    stories.create_story(lang="en", title="English only", body="x", status=Status.READY)
    titles = lambda page: sorted(s.article(s.source_lang).title for s in page.items)  # noqa: E731
    assert titles(stories.list_stories(status="missing", lang="ru")) == ["English only"]
    assert titles(stories.list_stories(status="ready")) == ["English only"]
    assert titles(stories.list_stories(lang="ru")) == ["Both"]
    assert titles(stories.list_stories()) == ["Both", "English only"]
