"""Import and export of articles as Markdown files with YAML front matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

import frontmatter
import yaml
from flask import current_app
from frontmatter.default_handlers import YAMLHandler

from newsdesk.extensions import db
from newsdesk.hygiene import text_problem
from newsdesk.models import LANGS, Article, Status, Story, User
from newsdesk.stories import service as stories


class ImportError_(Exception):
    """A file cannot be imported; the message names the file and the field."""


# The editor's limits (editor/forms.py), so that an import cannot store what a save could not.
MAX_LEAD = 2000
MAX_TAGS_CHARS = 500
MAX_FRONT_MATTER_CHARS = 64 * 1024


class _PlainYAML(YAMLHandler):
    """Front matter without anchors and aliases: the scanner (linear, no objects built)
    refuses them before the loader could expand a "billion laughs" alias bomb."""

    def load(self, fm: str, **kwargs: object):
        if len(fm) > MAX_FRONT_MATTER_CHARS:
            raise ValueError(f"longer than {MAX_FRONT_MATTER_CHARS} characters")
        for token in yaml.scan(fm, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                raise ValueError("YAML anchors and aliases (& and *) are not accepted")
        return super().load(fm, **kwargs)


@dataclass
class ParsedArticle:
    path: Path
    lang: str
    title: str
    body: str
    lead: str = ""
    slug: str | None = None
    date: datetime | None = None
    tags: list[str] = field(default_factory=list)


def _fail(path: Path, field_name: str, problem: str) -> ImportError_:
    return ImportError_(f"{path}: {field_name}: {problem}")


def _parse_date(path: Path, value) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else _as_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0))
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise _fail(path, "date", f"{value!r} is not an ISO 8601 date or datetime") from None
    return parsed if parsed.tzinfo is None else _as_utc(parsed)


def _as_utc(value: datetime) -> datetime:

    return value.astimezone(UTC).replace(tzinfo=None)


def parse_file(path: Path) -> ParsedArticle:
    """Read and validate one file; raises ImportError_ naming the file and the field."""
    max_body = current_app.config["MAX_BODY_CHARS"]
    max_bytes = 4 * max_body + MAX_FRONT_MATTER_CHARS  # UTF-8: at most 4 bytes a character
    try:
        with path.open("rb") as file:
            raw = file.read(max_bytes + 1)  # never more: a huge file is refused unread
        if len(raw) > max_bytes:
            raise _fail(path, "file", f"is larger than {max_bytes} bytes")
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, "file", f"cannot be read as UTF-8 text ({exc})") from None
    if not text.lstrip().startswith("---"):
        raise _fail(path, "front matter", "missing: the file must start with a '---' block")
    try:
        post = frontmatter.loads(text, handler=_PlainYAML())
    except (yaml.YAMLError, ValueError, RecursionError) as exc:  # ValueError: 2024-13-45
        raise _fail(path, "front matter", f"is not valid YAML ({exc})") from None
    meta = post.metadata
    for name in ("title", "lead", "slug"):
        if isinstance(meta.get(name), list | dict):
            raise _fail(path, name, "must be text, not a list or a mapping")
    for name, value in [*meta.items(), ("body", post.content)]:
        problem = text_problem(str(value))
        if problem:
            raise _fail(path, str(name), problem)
    lang = meta.get("lang")
    if lang not in LANGS:
        raise _fail(path, "lang", f"{lang!r} is not one of en, ru")
    title = str(meta.get("title") or "").strip()
    if not title:
        raise _fail(path, "title", "is empty")
    tags = meta.get("tags") or []
    if isinstance(tags, str):
        tags = stories.parse_tags(tags)
    if not isinstance(tags, list):
        raise _fail(path, "tags", "must be a list such as [science, campus]")
    _check_sizes(path, meta, post.content, tags, max_body)
    slug = meta.get("slug")
    if slug is not None and not stories.SLUG_RE.match(str(slug)):
        raise _fail(path, "slug", f"{slug!r}: use lowercase Latin letters, digits, hyphens")
    return ParsedArticle(
        path=path,
        lang=lang,
        title=title,
        body=post.content.strip() + "\n",
        lead=str(meta.get("lead") or ""),
        slug=str(slug) if slug else None,
        date=_parse_date(path, meta.get("date")),
        tags=[str(t) for t in tags],
    )


def _check_sizes(path: Path, meta: dict, body: str, tags: list, max_body: int) -> None:
    """The editor's length limits: body, lead, tags (title and slug: checked on create)."""
    if len(body) > max_body:
        raise _fail(path, "body", f"is longer than {max_body} characters ({len(body)})")
    if len(str(meta.get("lead") or "")) > MAX_LEAD:
        raise _fail(path, "lead", f"is longer than {MAX_LEAD} characters")
    if len(", ".join(str(t) for t in tags)) > MAX_TAGS_CHARS:
        raise _fail(path, "tags", f"are longer than {MAX_TAGS_CHARS} characters together")


def import_files(paths: list[Path], *, publish: bool = False, user: User | None = None) -> Story:
    """Import one article or a pair (two files, two languages) as one story, all or nothing."""
    if not 1 <= len(paths) <= 2:
        raise ImportError_("give one file, or two files of different languages")
    parsed = [parse_file(p) for p in paths]
    if len(parsed) == 2 and parsed[0].lang == parsed[1].lang:
        raise _fail(
            parsed[1].path, "lang", f"both files are {parsed[0].lang!r}; a pair needs en and ru"
        )
    for item in parsed:
        if item.slug and db.session.scalar(
            db.select(Article.id).where(Article.lang == item.lang, Article.slug == item.slug)
        ):
            raise _fail(item.path, "slug", f"{item.slug!r} is already used")
    when = next((p.date for p in parsed if p.date), None)
    status = Status.READY if publish else Status.DRAFT
    first, *rest = parsed
    try:
        story = stories.create_story(
            lang=first.lang,
            title=first.title,
            body=first.body,
            lead=first.lead,
            slug=first.slug,
            tags=first.tags + [t for p in rest for t in p.tags],
            status=status,
            author=user,
            commit=False,
        )
        for item in rest:
            stories.add_article(
                story,
                lang=item.lang,
                title=item.title,
                body=item.body,
                lead=item.lead,
                slug=item.slug,
                status=status,
                user=user,
                commit=False,
            )
        db.session.flush()
    except stories.StoryError as exc:
        db.session.rollback()
        raise _fail(first.path, exc.field or "file", exc.message) from None
    if publish:
        story.published_at = when
        if len(parsed) == 2:
            stories.publish_pair(story, at=when, user=user)
        else:
            stories.publish_single(story, first.lang, at=when, user=user)
    else:
        story.published_at = None
        db.session.commit()
    return story


def export_story(story: Story, directory: Path) -> list[Path]:
    """Write each article of the story as ``<slug>.<lang>.md`` in the import format."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for article in story.articles:
        meta = {"lang": article.lang, "title": article.title, "slug": article.slug}
        if story.published_at:
            meta["date"] = story.published_at.isoformat()
        if article.lead:
            meta["lead"] = article.lead
        if story.tags:
            meta["tags"] = story.tag_names
        post = frontmatter.Post(article.body.rstrip("\n") + "\n", **meta)
        path = directory / f"{article.slug}.{article.lang}.md"
        path.write_text(frontmatter.dumps(post, sort_keys=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
