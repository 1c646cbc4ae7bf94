"""marshmallow fields that read and write values the way the API always has.

Their validators (``Range``, ``OneOf``, ``Length``) are what apispec writes into the document;
a field that fails says so in one message, in the client's language, naming the field.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError, fields
from marshmallow.validate import Length, OneOf, Range

from newsdesk.hygiene import text_problem
from newsdesk.models import LANGS

_DIGITS = re.compile(r"[0-9]{1,9}")
MAX_TEXT = 10**6  # the longest string any member of a body may be


class _OneMessage:
    """Any failure of the field (type, range, choice, length, null) reads as ``refusal()``."""

    def refusal(self) -> str:
        raise NotImplementedError

    def deserialize(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().deserialize(*args, **kwargs)  # type: ignore[misc]
        except ValidationError:
            raise ValidationError(self.refusal()) from None


class WholeNumber(_OneMessage, fields.Integer):
    """A count in the query string: plain digits (no sign, space or exponent), 1 to ``top``."""

    def __init__(self, top: int, **kwargs: Any) -> None:
        super().__init__(validate=Range(1, top), **kwargs)
        self.top = top

    def refusal(self) -> str:
        return _("%(name)s must be a whole number from 1 to %(top)s.", name=self.name, top=self.top)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> int:
        if not isinstance(value, str) or not _DIGITS.fullmatch(value):
            raise ValidationError("digits")
        return int(value)


class Choice(_OneMessage, fields.String):
    """A query parameter that takes one of a few words."""

    def __init__(self, choices: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(validate=OneOf(choices), **kwargs)
        self.choices = choices

    def refusal(self) -> str:
        return _(
            "%(name)s must be one of: %(choices)s.", name=self.name, choices=", ".join(self.choices)
        )


class Text(_OneMessage, fields.String):
    """A string member of a JSON body; text the database cannot store (NUL, a lone surrogate,
    control characters) is refused with the reason."""

    def __init__(self, *, choices=None, min_length: int = 0, max_length: int = MAX_TEXT, **kwargs):
        # in the order the API always checked: choice, then length (a choice is short anyway)
        checks = [OneOf(choices)] if choices else [Length(min_length or None, max_length)]
        super().__init__(validate=checks, **kwargs)

    def refusal(self) -> str:
        return _("The field %(name)s is not valid.", name=self.name)

    def deserialize(self, *args: Any, **kwargs: Any) -> Any:
        text = super().deserialize(*args, **kwargs)
        problem = text_problem(text) if isinstance(text, str) else None
        if problem:
            raise ValidationError(
                _("The field %(name)s: %(problem)s", name=self.name, problem=problem)
            )
        return text


class Stamp(fields.DateTime):
    """A stored (naive UTC) time as RFC 3339: to the second, with a Z."""

    def _serialize(self, value: datetime | None, attr: Any, obj: Any, **kwargs: Any):
        return value.isoformat(timespec="seconds") + "Z" if value else None


class CommaList(fields.List):
    """A comma-separated column as a list of strings."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(fields.String(), **kwargs)

    def _serialize(self, value: str | None, attr: Any, obj: Any, **kwargs: Any):
        return [item for item in (value or "").split(",") if item]


def id_field(**kwargs: Any) -> fields.Integer:
    """A row id: a positive 64-bit integer."""
    return fields.Integer(validate=Range(1, 2**63 - 1), **kwargs)


def lang_field(**kwargs: Any) -> fields.String:
    """A content language code."""
    return fields.String(validate=OneOf(LANGS), **kwargs)
