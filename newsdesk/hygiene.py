"""Text hygiene for everything users type: NFC, no NUL or lone surrogates, no mixed scripts."""

from __future__ import annotations

import unicodedata

from flask_babel import gettext as _

# Scripts whose letters look alike (Latin "a", Cyrillic "а", Greek "α"): a name mixing them
# can impersonate another one.
CONFUSABLE_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def text_problem(text: str) -> str | None:
    """Why this text cannot be stored (a message in the user's language), or None."""
    if "\x00" in text:
        return _("The text contains a NUL character (U+0000); remove it and try again.")
    if any("\ud800" <= ch <= "\udfff" for ch in text):
        return _("The text contains an invalid character (a lone UTF-16 surrogate).")
    return None


def normalize(text: str) -> str:
    """The NFC form, so that "é" typed two ways is stored, searched and compared as one."""
    return unicodedata.normalize("NFC", text)


def scripts(text: str) -> set[str]:
    """The confusable scripts the letters of ``text`` belong to."""
    found = set()
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "").split(" ", 1)[0]
            if script in CONFUSABLE_SCRIPTS:
                found.add(script)
    return found


def is_mixed_script(text: str) -> bool:
    """True when letters of more than one confusable script are mixed, as in "аdmin"."""
    return len(scripts(text)) > 1
