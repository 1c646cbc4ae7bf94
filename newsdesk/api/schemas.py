"""The API's request and response bodies as marshmallow schemas.

The same classes validate what clients send, serialize what they get, and (through
flask-smorest and apispec) make the OpenAPI document; a class ``FooSchema`` is the
document's ``Foo``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_babel import gettext as _
from marshmallow import RAISE, Schema, ValidationError, fields, post_load
from marshmallow.validate import OneOf, Range

from newsdesk.api.fields import (
    Choice,
    CommaList,
    Stamp,
    Text,
    WholeNumber,
    id_field,
    lang_field,
)
from newsdesk.hygiene import MAX_PAGE, STORABLE_PATTERN, STORABLE_WORD_PATTERN
from newsdesk.models import LANGS, JobState, Role, Status, Story, TermKind
from newsdesk.stories import schedule

MAX_PER_PAGE = 100
STATUSES = tuple(s.value for s in Status) + ("missing",)
PUBLICATION_STATES = ("unpublished", "scheduled", "published")

# --- requests -----------------------------------------------------------------------------


class PageArgs(Schema):
    """``?page=&per_page=`` of a list."""

    page = WholeNumber(MAX_PAGE, load_default=1)
    per_page = WholeNumber(MAX_PER_PAGE, load_default=20)


class StoryArgs(PageArgs):
    """The story list's filters: an article's status and language."""

    status = Choice(STATUSES)
    lang = Choice(LANGS)


class PublishBody(Schema):
    """Publish the pair (one shared date) or one language; ``at`` in the future schedules."""

    mode = Text(required=True, choices=["pair", *LANGS])
    at = Text(allow_none=True, load_default=None, metadata={"format": "date-time"})

    @post_load
    def _parse_time(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """``at`` as naive UTC (how times are stored); read once every member is valid."""
        data["at"] = _naive_utc(data["at"])
        return data


class TermBody(Schema):
    """A glossary term; the patterns say what text the server stores (hygiene.text_problem)."""

    en = Text(
        required=True, min_length=1, max_length=200, metadata={"pattern": STORABLE_WORD_PATTERN}
    )
    ru = Text(
        required=True, min_length=1, max_length=200, metadata={"pattern": STORABLE_WORD_PATTERN}
    )
    kind = Text(required=True, choices=[k.value for k in TermKind])
    note = Text(max_length=500, load_default="", metadata={"pattern": STORABLE_PATTERN})


def _naive_utc(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.upper())
        if when.tzinfo is None:
            raise ValueError(value)
        return when.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):
        message = _("The field %(name)s is not a date and time.", name="at")
        raise ValidationError(message, "at") from None


# --- responses ----------------------------------------------------------------------------


class Reply(Schema):
    """A response body: every member always there, and nothing else."""

    class Meta:
        unknown = RAISE  # the document says additionalProperties: false

    def on_bind_field(self, field_name: str, field_obj: fields.Field) -> None:
        field_obj.required = True


class ErrorDetailSchema(Reply):
    code = fields.String()
    message = fields.String()


class ErrorSchema(Reply):
    error = fields.Nested(ErrorDetailSchema)


class UserSchema(Reply):
    id = id_field()
    username = fields.String()
    role = fields.Enum(Role, by_value=fields.String)
    languages = CommaList()
    can_publish = fields.Boolean()


class _PublicationState(fields.String):
    """The story's state computed from its date: "unpublished", "scheduled" or "published"."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(validate=OneOf(PUBLICATION_STATES), **kwargs)

    def serialize(self, attr: str, obj: Any, accessor: Any = None, **kwargs: Any) -> str:
        story = obj if isinstance(obj, Story) else obj.story
        return schedule.publication_state(story)


class _Scheduled(fields.Boolean):
    """True while the article is published with a date still to come."""

    def serialize(self, attr: str, obj: Any, accessor: Any = None, **kwargs: Any) -> bool:
        return obj.status == Status.PUBLISHED and schedule.is_scheduled(obj.story)


class _LiveVersion(fields.Integer):
    """The version of the live copy, or None."""

    def serialize(self, attr: str, obj: Any, accessor: Any = None, **kwargs: Any) -> int | None:
        return obj.live.version if obj.live is not None else None


class ArticleSummarySchema(Reply):
    lang = lang_field()
    title = fields.String()
    slug = fields.String()
    status = fields.Enum(Status, by_value=fields.String)
    version = fields.Integer()
    updated_at = Stamp()
    scheduled = _Scheduled(
        metadata={"description": "Published with a publication date still to come."}
    )
    unpublished_changes = fields.Boolean(
        metadata={
            "description": "Published, and the text here (title, slug, lead or body) differs "
            "from what readers see until someone publishes the changes (POST .../publish)."
        }
    )
    live_version = _LiveVersion(
        allow_none=True,
        metadata={"description": "The version readers see; null while not published."},
    )


class ArticleSchema(ArticleSummarySchema):
    story_id = id_field()
    lead = fields.String()
    body = fields.String()


class StorySchema(Reply):
    id = id_field()
    source_lang = lang_field()
    published_at = Stamp(allow_none=True)
    state = _PublicationState(
        metadata={
            "description": "unpublished; scheduled (published with a date to come); published"
        }
    )
    single_language = lang_field(allow_none=True)
    tags = fields.List(fields.String(), attribute="tag_names")
    created_at = Stamp()
    updated_at = Stamp()
    articles = fields.List(fields.Nested(ArticleSummarySchema))


class JobSchema(Reply):
    id = id_field()
    story_id = id_field()
    source_lang = lang_field()
    target_lang = lang_field()
    state = fields.Enum(JobState, by_value=fields.String)
    done = fields.Integer(validate=Range(min=0))
    total = fields.Integer(validate=Range(min=0))
    percent = fields.Integer(validate=Range(0, 100))
    error = fields.String()
    created_at = Stamp()
    started_at = Stamp(allow_none=True)
    finished_at = Stamp(allow_none=True)


class TermSchema(Reply):
    id = id_field()
    en = fields.String()
    ru = fields.String()
    kind = fields.Enum(TermKind, by_value=fields.String)
    note = fields.String()


class _PageSchema(Reply):
    page = fields.Integer(validate=Range(min=1))
    per_page = fields.Integer(validate=Range(1, MAX_PER_PAGE))
    total = fields.Integer(validate=Range(min=0))
    pages = fields.Integer(validate=Range(min=0))


class StoryPageSchema(_PageSchema):
    items = fields.List(fields.Nested(StorySchema))


class TermPageSchema(_PageSchema):
    items = fields.List(fields.Nested(TermSchema))


def page(items: list, total: int, args: dict[str, int]) -> dict[str, Any]:
    """One page of a list, with the counts a client needs to fetch the others."""
    per_page = args["per_page"]
    pages = (total + per_page - 1) // per_page
    return {
        "items": items,
        "page": args["page"],
        "per_page": per_page,
        "total": total,
        "pages": pages,
    }
