"""Sentences too long for the engine: cut at safe points, or kept in the source language.

CTranslate2 silently truncates an input past its limit (1,024 tokens by default): a
paragraph with no sentence end came back as a 26-character draft. An engine input
longer than :data:`MAX_ENGINE_CHARS` is therefore cut into pieces at white space
(preferably after a comma, a semicolon, a colon or a dash) and the pieces' translations
are joined again, so that the sentence stays one segment, aligned 1:1. A "sentence"
longer than :data:`MAX_SENTENCE_CHARS` is not a sentence a model can translate at all:
it is kept as written and flagged :data:`TOO_LONG`, and whoever asked is told.
"""

from __future__ import annotations

#: The longest text sent to the engine in one piece (well under 1,024 tokens).
MAX_ENGINE_CHARS = 800
#: The longest sentence that is translated at all (in pieces).
MAX_SENTENCE_CHARS = 20_000
TOO_LONG = "too_long"  # the segment flag: kept in the source language

_SOFT_STOPS = (", ", "; ", ": ", " — ", " – ", ") ")


def engine_pieces(text: str, limit: int = MAX_ENGINE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``limit`` characters at white space, after
    punctuation where the second half of a window has some; one pass over the text."""
    if limit < 2:
        raise ValueError("limit must be at least 2")
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > limit:
        end = pos + limit
        cut = max(text.rfind(stop, pos + limit // 2, end) + len(stop) - 1 for stop in _SOFT_STOPS)
        if cut < pos + limit // 2:
            cut = text.rfind(" ", pos + 1, end)
        if cut <= pos:
            cut = end  # one "word" longer than the limit: cut it anyway
        pieces.append(text[pos:cut].strip())
        pos = cut
    pieces.append(text[pos:].strip())
    return [piece for piece in pieces if piece]
