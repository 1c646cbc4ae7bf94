"""What an imported target may have gone wrong with, said per sentence; it is still imported.

- ``untranslated``: the target repeats its source word for word although the source has
  words to translate (numbers, markup, URLs and names that stay the same do not count);
- ``code_order``: the inline codes (formatting, links) come in another order than in the
  source, so a mark may now stand on the wrong words;
- ``old_codes``: the new text stands glued before the previous target's codes, which still
  hold the previous words: what a tool that replaces only a target's first text leaves
  (translate-toolkit's ``unit.target = text`` on a target with ``<pc>`` codes);
- ``codes_missing``: the source has inline codes and the target none of them (a tool that
  writes plain text into an empty target).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from lxml import etree

from newsdesk.interop.inline import NS, code_tokens
from newsdesk.machine_translation.mask import GlossaryTerm, find_tokens
from newsdesk.machine_translation.segment import find_urls

if TYPE_CHECKING:
    from newsdesk.interop.xliff_units import FileUnit

_WORD = re.compile(r"[^\W\d_]{2,}+")
_CODES = {f"{{{NS}}}{name}" for name in ("pc", "ph", "sc")}


@dataclass(frozen=True)
class ImportFlag:
    """A sentence imported with a doubt: where, a stable code and what to check."""

    unit: str
    sentence: int  # 1-based
    code: str
    message: str


def flags_for(
    unit_id: str,
    unit: FileUnit,
    new: str,
    source: etree._Element,
    target: etree._Element | None,
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryTerm] = (),
) -> list[ImportFlag]:
    """The flags of one changed target (``new``, as Markdown) against its source."""
    number = unit.position + 1
    found = []
    if new.split() == unit.source.split() and has_words(
        unit.source, source_lang, target_lang, glossary
    ):
        message = _(
            "Sentence %(num)d (unit %(id)s) repeats the source text instead of translating "
            "it. It was imported; check it.",
            num=number,
            id=unit_id,
        )
        found.append(ImportFlag(unit_id, number, "untranslated", message))
    source_codes, target_codes = code_ids(source), code_ids(target)
    if source_codes and target is not None and not target_codes:
        message = _(
            "Sentence %(num)d (unit %(id)s) lost all the formatting and links of the source; "
            "put them back in the translation.",
            num=number,
            id=unit_id,
        )
        found.append(ImportFlag(unit_id, number, "codes_missing", message))
    elif kept_old_codes(unit.target, new, target_lang):
        message = _(
            "In sentence %(num)d (unit %(id)s) the new text stands before the old formatting "
            "and links, which still hold the previous words (a known fault of some "
            "translation tools). Check the sentence.",
            num=number,
            id=unit_id,
        )
        found.append(ImportFlag(unit_id, number, "old_codes", message))
    elif out_of_order(source_codes, target_codes):
        message = _(
            "In sentence %(num)d (unit %(id)s) the formatting and links come in another order "
            "than in the source; check that each one still marks the right words.",
            num=number,
            id=unit_id,
        )
        found.append(ImportFlag(unit_id, number, "code_order", message))
    return found


def has_words(text: str, lang: str, other: str, glossary: Sequence[GlossaryTerm] = ()) -> bool:
    """Has ``text`` words to translate? Numbers, markup, URLs and names written alike in both
    languages (glossary names, all-capital acronyms) are not."""
    kept, pos = [], 0
    for token in find_tokens(text, lang, other, glossary):
        if token.target.casefold() == token.text.casefold():
            kept.append(text[pos : token.start])
            pos = token.end
    kept.append(text[pos:])
    rest, pieces, pos = " ".join(kept), [], 0
    for start, end in find_urls(rest):  # a URL as a link's text, too
        pieces.append(rest[pos:start])
        pos = end
    pieces.append(rest[pos:])
    return any(not word.isupper() for word in _WORD.findall(" ".join(pieces)))


def code_ids(element: etree._Element | None) -> list[str]:
    """The ids of the inline codes of a ``<source>``/``<target>``, in document order."""
    if element is None:
        return []
    return [node.get("id", "") for node in element.iter(*_CODES)]


def out_of_order(source: list[str], target: list[str]) -> bool:
    """Do the codes both sides share come in another order in the target?"""
    shared = set(source) & set(target)
    first = list(dict.fromkeys(i for i in target if i in shared))
    return first != [i for i in dict.fromkeys(source) if i in shared]


def kept_old_codes(old: str, new: str, lang: str) -> bool:
    """Is ``new`` some new text glued before the old target's codes and words, kept whole?"""
    codes = code_tokens(old, lang, "ru" if lang == "en" else "en")
    if not codes:
        return False
    start = codes[0].start
    tail = old[start:]
    head = new[: len(new) - len(tail)]
    glued = bool(head) and not head[-1].isspace() and (start == 0 or old[start - 1].isspace())
    return new.endswith(tail) and glued and head != old[:start]
