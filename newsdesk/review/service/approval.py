"""The approval gate of one sentence: blocking QA findings refuse it unless overridden."""

from __future__ import annotations

from flask_babel import gettext as _

from newsdesk.models import Segment
from newsdesk.review import qa, sentences
from newsdesk.review.service.rules import ReviewError


class ApprovalRefused(ReviewError):
    """A blocking QA finding and no reason to override it: the sentence is not approved."""


def blocking_findings(segment: Segment, text: str) -> list[qa.Finding]:
    """The error-severity findings of ``text`` as the translation of ``segment``."""
    article = segment.article
    found = qa.check_sentence(
        segment.source_text,
        text,
        article.story.source_lang,
        article.lang,
        sentences.terms(),
        segment.position + 1,
    )
    return qa.blocking(found)


def gate(segment: Segment, text: str, override: str = "") -> list[qa.Finding]:
    """The blocking findings an approval overrides (none when the sentence is clean);
    raises ReviewError when there are some and no reason is given."""
    errors = blocking_findings(segment, text)
    if errors and not override.strip():
        raise ApprovalRefused(
            " ".join(
                [
                    _(
                        "Sentence %(n)d has a blocking error and cannot be approved: fix it, "
                        "or approve anyway with a reason.",
                        n=segment.position + 1,
                    ),
                    *(f.message for f in errors),
                ]
            )
        )
    return errors


def audit_detail(override: str, overridden: list[qa.Finding]) -> dict:
    """What an approval's audit entry keeps about an override."""
    if not overridden:
        return {}
    return {
        "reason": override.strip(),
        "overridden": [{"code": f.code, "message": f.message} for f in overridden],
    }
