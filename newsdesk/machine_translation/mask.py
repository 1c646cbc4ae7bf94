"""Replace what MT must not touch by placeholders, and put it back afterwards.

Masked: inline markup (emphasis delimiters, link/image brackets and targets — the link
text itself is translated), inline code, inline HTML, escapes, entities, URLs, e-mails,
@handles, glossary terms (do-not-translate and preferred) and number-like spans
(see :mod:`.locale_forms`), which come back in the target language's notation.

Placeholder form: ``QX1``, ``QX2``... (numbered per sentence, in source order).
Why: it is plain ASCII, so every SentencePiece vocabulary of the OPUS-MT/Argos models
encodes it without ``<unk>`` (``▁Q`` ``X`` ``1``); it is no word in English or Russian,
so a model has nothing to translate or inflect and copies it like a foreign name or
code; ``Q`` has no Cyrillic look-alike to be transliterated into. Brackets such as
``<x1>``, ``{1}`` or ``⟦1⟧`` are often ``<unk>``/split or dropped, and bare numbers get
re-formatted. Restoring is tolerant of what models do to such tokens: case changes,
a space inside (``QX 1``), Cyrillic ``Х`` for ``X``. Dropped, duplicated, unknown and
crossed (``*`` closed before opened) placeholders are repaired deterministically
(:mod:`.restore`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from newsdesk.machine_translation import casing, scanning, terms
from newsdesk.machine_translation.locale_forms import Form, check_lang, find_forms
from newsdesk.machine_translation.markup_pairs import find_emphasis, find_links, pair_tags
from newsdesk.machine_translation.restore_forms import LiteralUnit
from newsdesk.machine_translation.segment import find_urls
from newsdesk.machine_translation.tokens import Token

PLACEHOLDER = "QX{}"
MAX_PLACEHOLDERS = 999  # QX1..QX999: PLACEHOLDER_RE reads up to three digits
PLACEHOLDER_RE = re.compile(r"(?<![A-Za-z])[Qq] ?[XxХх] ?(\d{1,3})(?!\d)")

# Code spans and HTML (tags, comments) by plain scans: as regexes they were quadratic in
# runs of unclosed openers; every pattern here is linear in the text (issue 13).
_ATOMS = [
    ("code", scanning.CODE),
    # An autolink, unless it is the <destination> of an inline link ("[text](<url>)").
    (
        "url",
        re.compile(
            r"(?<!\]\()(?:<(?:https?|ftp|mailto):[^\s<>]*+>|<[\w.+-]++@[\w-]++(?:\.[\w-]++)++>)"
        ),
    ),
    ("html", scanning.HTML),
    ("footnote", re.compile(r"\[\^[^\[\]\s]++\]")),  # a footnote mark: [^1]
    ("escape", re.compile(r"\\[!-/:-@\[-`{-~]")),
    ("entity", re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]\w*);")),
    ("verbatim", PLACEHOLDER_RE),
]
_HANDLE = re.compile(r"(?<![\w@.])@\w+")


@dataclass(frozen=True)
class GlossaryTerm:
    """A term with its English and Russian forms and how MT must treat it.

    ``do_not_translate`` and ``preferred`` terms are masked and written in the target
    language's form; ``forbidden`` ones are flagged when they appear in MT output.
    ``source_form`` is an extra spelling to look for in the source (an inflection).
    """

    en: str
    ru: str
    kind: Literal["do_not_translate", "preferred", "forbidden"] = "preferred"
    source_form: str | None = None

    def form(self, lang: str) -> str:
        """The term as written in ``lang``."""
        return self.en if lang == "en" else self.ru


@dataclass(frozen=True)
class Slot:
    """A token as placed in one masked sentence."""

    token: Token
    mate: int  # index of the partner slot in the same sentence, or -1
    glue_before: bool  # markup attached to the preceding text in the source
    glue_after: bool
    offset: int  # where the placeholder starts in the masked text
    opens_sentence: bool = False  # first word of a source sentence, with a capital


@dataclass(frozen=True)
class MaskedSentence:
    """A source sentence, the text the engine sees, and what its placeholders stand for."""

    source: str
    text: str
    slots: tuple[Slot, ...]
    # The source begins like a sentence (not with a lower-case word, as a list item or a
    # table cell may): a glossary term the output begins with may take a capital.
    sentence_like: bool = True
    literals: tuple[LiteralUnit, ...] = ()  # numbers, dates, times left as written
    target: str = ""  # the language the sentence is translated into

    @property
    def has_words(self) -> bool:
        """Is there anything to translate besides placeholders, numbers and dates?"""
        return re.search(r"[^\W\d_]", PLACEHOLDER_RE.sub("", self.words_text)) is not None

    @property
    def words_text(self) -> str:
        """The engine's input without the literal units."""
        pieces, pos = [], 0
        for literal in self.literals:
            pieces.append(self.text[pos : literal.offset])
            pos = literal.offset + len(literal.form.text)
        pieces.append(self.text[pos:])
        return " ".join(pieces)

    def with_literal_targets(self) -> str:
        """The engine's input with each literal unit already in the target's notation."""
        pieces, pos = [], 0
        for literal in self.literals:
            pieces += [self.text[pos : literal.offset], literal.target]
            pos = literal.offset + len(literal.form.text)
        pieces.append(self.text[pos:])
        return "".join(pieces)


def find_tokens(
    text: str,
    source: str,
    target: str,
    glossary: Sequence[GlossaryTerm] = (),
    references: frozenset[str] = frozenset(),
) -> list[Token]:
    """All spans of ``text`` to mask, in order; ``target`` decides how they come back.

    ``references`` are the document's reference-definition labels: a shortcut reference
    link (``[Foundation]``) keeps its label while its text is translated."""
    check_lang(source)
    check_lang(target)
    taken = bytearray(len(text))
    found: list[Token] = []
    pairs: list[tuple[Token, Token]] = []

    def take(
        start: int,
        end: int,
        kind: str,
        out: str | None = None,
        role: str = "atom",
        capitalizable: bool = False,
        form: Form | None = None,
    ) -> Token | None:
        if start >= end or any(taken[start:end]):
            return None
        taken[start:end] = b"\x01" * (end - start)
        written = text[start:end] if out is None else out
        token = Token(start, end, kind, text[start:end], written, role, -1, capitalizable, form)
        found.append(token)
        return token

    for kind, pattern in _ATOMS:
        for match in pattern.finditer(text):
            take(*match.span(), kind)
    pairs += find_links(text, taken, take, references if source != target else frozenset())
    for start, end in find_urls(text):
        take(start, end, "url")
    for match in _HANDLE.finditer(text):
        take(*match.span(), "handle")
    for start, end, term in _terms(text, source, glossary):
        if source == target:
            take(start, end, "term")
        else:
            form = term.form(target)
            # A do-not-translate term is a name written exactly as the glossary has it
            # (``npm`` stays lower case even first in a sentence).
            capital = term.kind == "preferred" and casing.is_lowercase_word(form)
            take(start, end, "term", form, capitalizable=capital)
    for form in find_forms(text, source, taken.copy()):
        out = form.render(target) if source != target else None
        take(form.start, form.end, form.kind, out, form=form)
    pairs += find_emphasis(text, taken, take)
    found.sort(key=lambda token: token.start)
    pairs += pair_tags(found)
    index = {id(token): number for number, token in enumerate(found)}
    mates = {index[id(a)]: index[id(b)] for a, b in pairs} | {
        index[id(b)]: index[id(a)] for a, b in pairs
    }
    return [
        Token(
            t.start,
            t.end,
            t.kind,
            t.text,
            t.target,
            t.role,
            mates.get(n, -1),
            t.capitalizable,
            t.form,
        )
        for n, t in enumerate(found)
    ]


def _terms(
    text: str, source: str, glossary: Sequence[GlossaryTerm]
) -> Iterator[tuple[int, int, GlossaryTerm]]:
    """Glossary terms to mask, case-insensitively on word boundaries, longest first."""
    # One trie per glossary and language, cached: the cost does not grow with the glossary.
    # Word edges let "_" emphasis touch a term (``_city council_``) but not a snake_case word
    # continue it.
    index = terms.cached_index(glossary, ("mask", source), lambda g: _term_index(g, source))
    yield from index.scan(text)


def _term_index(glossary: Sequence[GlossaryTerm], source: str) -> terms.TermIndex:
    forms = [
        (form, term)
        for term in glossary
        if term.kind != "forbidden"
        for form in (term.form(source), term.source_form)
        if form and form.strip()
    ]
    return terms.TermIndex(forms, terms.SNAKE)


def mask_sentence(
    text: str, start: int, tokens: Sequence[Token], target: str = ""
) -> MaskedSentence:
    """Mask the sentence ``text`` found at ``start`` of a block with the block's ``tokens``.

    Numbers, dates and times stay as written (``literals``: a model copies them well);
    every other token becomes a placeholder. Markup attached to a word, and any
    placeholder touching a letter, digit or another token, gets a space of padding so
    that the placeholder stays a separate word; restoring removes that padding again
    ("glue"; tokens adjacent in the source are re-joined when they are still adjacent in
    the output). ``target`` is the language the output will be in.
    """
    # Tokens are in source order: look up the sentence's range instead of testing them all
    # (one pass over a block's tokens per sentence was quadratic in long paragraphs).
    first = bisect_left(tokens, start, key=lambda t: t.start)
    last = bisect_left(tokens, start + len(text), lo=first, key=lambda t: t.start)
    inside = [n for n in range(first, last) if tokens[n].end <= start + len(text)]
    # At most MAX_PLACEHOLDERS per sentence (the numbers restoring recognises); tokens past
    # them stay as text: a thousand dropped placeholders made repairing quadratic.
    masked = [n for n in inside if tokens[n].form is None][:MAX_PLACEHOLDERS]
    if len(masked) == MAX_PLACEHOLDERS:
        kept = set(masked)
        inside = [n for n in inside if tokens[n].form is not None or n in kept]
    local = {block_index: slot for slot, block_index in enumerate(masked)}
    # Literals are text to the engine: only placeholders touching each other need padding.
    starts = {tokens[n].start - start for n in masked}
    ends = {tokens[n].end - start for n in masked}
    pieces: list[str | Token] = []
    pos = 0
    for block_index in inside:
        pieces += [text[pos : tokens[block_index].start - start], tokens[block_index]]
        pos = tokens[block_index].end - start
    pieces.append(text[pos:])
    where = casing.positions(pieces)
    out: list[str] = []
    length, slots, literals, pos = 0, [], [], 0

    def write(piece: str) -> None:
        nonlocal length
        out.append(piece)
        length += len(piece)

    for place, block_index in enumerate(inside):
        token = tokens[block_index]
        a, b = token.start - start, token.end - start
        write(text[pos:a])
        pos = b
        if token.form is not None:
            literals.append(LiteralUnit(token.form, token.target, length))
            write(token.text)
            continue
        glue_before = a > 0 and _attached(text[a - 1], token.role)
        glue_after = b < len(text) and _attached(text[b], token.role)
        if (glue_before or a in ends) and length and not "".join(out[-2:]).endswith(" "):
            write(" ")
        opens = where[place] != casing.INSIDE and not casing.is_lowercase_word(token.text)
        mate = local.get(token.mate, -1)
        slots.append(Slot(token, mate, glue_before, glue_after, length, opens))
        padding = " " if glue_after or b in starts else ""
        write(PLACEHOLDER.format(local[block_index] + 1) + padding)
    write(text[pos:])
    return MaskedSentence(
        text,
        "".join(out),
        tuple(slots),
        casing.opens_like_a_sentence(pieces),
        tuple(literals),
        target,
    )


def _attached(neighbour: str, role: str) -> bool:
    """Is the token glued to this neighbouring source character (padding to remove later)?"""
    return not neighbour.isspace() if role != "atom" else neighbour.isalnum()
