"""Models as the JSON the OpenAPI document describes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from newsdesk.models import Article, GlossaryTerm, Story, TranslationJob, User


def stamp(value: datetime | None) -> str | None:
    """A stored (naive UTC) time as RFC 3339."""
    return value.isoformat(timespec="seconds") + "Z" if value else None


def user_json(user: User) -> dict[str, Any]:
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role.value,
        "languages": [lang for lang in user.languages.split(",") if lang],
        "can_publish": user.can_publish,
    }


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "lang": article.lang,
        "title": article.title,
        "slug": article.slug,
        "status": article.status.value,
        "version": article.version,
        "updated_at": stamp(article.updated_at),
    }


def article_json(article: Article) -> dict[str, Any]:
    return article_summary(article) | {
        "story_id": article.story_id,
        "lead": article.lead,
        "body": article.body,
    }


def story_json(story: Story) -> dict[str, Any]:
    return {
        "id": story.id,
        "source_lang": story.source_lang,
        "published_at": stamp(story.published_at),
        "single_language": story.single_language,
        "tags": story.tag_names,
        "created_at": stamp(story.created_at),
        "updated_at": stamp(story.updated_at),
        "articles": [article_summary(a) for a in story.articles],
    }


def job_json(job: TranslationJob) -> dict[str, Any]:
    return {
        "id": job.id,
        "story_id": job.story_id,
        "source_lang": job.source_lang,
        "target_lang": job.target_lang,
        "state": job.state.value,
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "error": job.error,
        "created_at": stamp(job.created_at),
        "started_at": stamp(job.started_at),
        "finished_at": stamp(job.finished_at),
    }


def term_json(term: GlossaryTerm) -> dict[str, Any]:
    return {"id": term.id, "en": term.en, "ru": term.ru, "kind": term.kind.value, "note": term.note}
