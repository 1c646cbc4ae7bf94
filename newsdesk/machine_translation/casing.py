"""A capital for a glossary term that a translated sentence begins with.

The glossary stores a term as it is written inside a sentence ("городской совет",
"city council"). When MT output begins a sentence with the masked term, the restored
sentence must begin with a capital: «Городской совет принял бюджет.», not «городской
совет…». The rule is token-aware rather than "capitalise whatever comes first":

- only a glossary term's own form is ever changed, and only its first letter is raised
  (nothing is lowered); a date, a number, a code span or a word the engine wrote that
  comes first stays as it is (Russian months are lower case: «5 ноября …»);
- only a lower-case form qualifies: a form with a capital anywhere in its first word
  (``МГУ``, ``iPhone``, ``mRNA``) is the glossary's spelling and kept;
- the term must be the first word-like token of a sentence in the target, looking past
  whitespace, quotes, brackets, dashes and inline markup (``**``, ``[``, ``<b>``);
- the source must agree that a sentence starts there: at the start of the target, the
  source sentence must itself begin like a sentence (not with a lower-case word, as a
  list item or a table cell may); after a sentence end inside the target, the source
  occurrence of the term must have opened a sentence with a capital.

:func:`positions` is shared by both sides: :mod:`.mask` reads the source sentence with
it, :mod:`.restore` the rendered output.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from newsdesk.machine_translation.tokens import Token

START = "start"  # the first word-like token of the text
AFTER_END = "after_end"  # the first word-like token after a sentence end inside the text
INSIDE = "inside"

_TERMINAL = ".!?…"
# Seen before the first word, these leave a sentence start where it is; after a
# sentence end they are closing quotes/brackets/emphasis.
_TRANSPARENT = set("\"'«»„“”‘’‚‹›([{)]}—–-*_~¡¿")
_FIRST_WORD = re.compile(r"\S+")


def is_lowercase_word(text: str) -> bool:
    """Does ``text`` begin with a lower-case letter, with no capital in its first word?"""
    word = _FIRST_WORD.match(text)
    if word is None or not word.group()[0].islower():
        return False
    return not any(char.isupper() or char.istitle() for char in word.group())


def capitalize_first(text: str) -> str:
    """Raise the first letter only (``str.capitalize`` would lower the rest)."""
    return text[:1].title() + text[1:] if text[:1].islower() else text


def is_word_like(token: Token) -> bool:
    """Is the token content (a term, a number, code...) rather than markup or punctuation?"""
    if token.role != "atom" or token.kind in ("html", "escape"):
        return False
    if token.kind == "entity":
        return any(char.isalnum() for char in html.unescape(token.text))
    return True


def positions(pieces: Sequence[str | Token]) -> list[str]:
    """Where each token of ``pieces`` (text and tokens, in order) stands: START, AFTER_END
    or INSIDE a sentence. Markup and punctuation tokens keep the position they find; a
    word-like token, a letter, a digit or other punctuation move it INSIDE."""
    state, ended, out = START, False, []
    for piece in pieces:
        if isinstance(piece, str):
            state, ended = _after_text(piece, state, ended)
            continue
        out.append(state)
        if is_word_like(piece):
            state, ended = INSIDE, False
    return out


def _after_text(text: str, state: str, ended: bool) -> tuple[str, bool]:
    """The (state, ended) that reading ``text`` char by char leaves behind.

    Read left to right, a space after a sentence end moves to AFTER_END, a terminal
    marks an end, any other character that is not transparent moves INSIDE, and a
    transparent one changes nothing. Only the last character that is neither a space
    nor transparent, and whether a space follows it, can matter, so the text is read
    from its end (a sentence's worth of characters per call otherwise).
    """
    at, space_after = len(text), False
    while at:
        char = text[at - 1]
        if char.isspace():
            space_after = True
        elif char not in _TRANSPARENT:
            break
        at -= 1
    if at:
        if text[at - 1] in _TERMINAL:
            return (AFTER_END, False) if space_after else (INSIDE, True)
        return INSIDE, False
    if ended and space_after:
        return AFTER_END, False
    return state, ended


def opens_like_a_sentence(pieces: Sequence[str | Token]) -> bool:
    """Does the text begin like a sentence: its first word-like thing is not a lower-case
    word? (A digit, a capital or a mixed-case name like ``iPhone`` all count; a list item
    or a table cell written in lower case does not.)"""
    for piece in pieces:
        if isinstance(piece, str):
            for at, char in enumerate(piece):
                if char.isalnum():
                    return not is_lowercase_word(piece[at:])
        elif is_word_like(piece):
            return not is_lowercase_word(piece.text)
    return True
