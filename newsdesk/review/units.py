"""An article cut into sentences exactly as the MT pipeline cuts it, and a translation
rebuilt from its aligned sentences in the source's skeleton.

A target article with aligned sentences has the structure of its source: the same blocks
in the same order, one translated unit per source sentence (the contract of
:func:`newsdesk.machine_translation.pipeline.translate_document`). So the target's
Markdown is always derivable from its sentences and the current source: that is
:func:`render`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsdesk.machine_translation.blocks import Document, parse_blocks, plain_document
from newsdesk.machine_translation.mask import GlossaryTerm, find_tokens
from newsdesk.machine_translation.pipeline import normalize_sentence
from newsdesk.machine_translation.segment import sentence_spans

PARTS = ("title", "lead", "body")

# What follows a link's text: ``](target "title")`` or ``][ref]`` (possessive: linear).
_LINK_TAIL = re.compile(
    r"\]\((?:<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*+\))*+)(?:\s++\"[^\"]*+\")?+\s*+\)"
)
_REF_TAIL = re.compile(r"\]\[[^\]]*+\]")
_TAG = re.compile(r"</?[A-Za-z][\w-]*+(?:\s[^<>]*+)?/?>")
_MARKS = re.compile(r"[*_~`\\]+")


@dataclass(frozen=True)
class Unit:
    """One source sentence and where it sits: part, block number, sentence number."""

    part: str  # title | lead | body
    block: int
    index: int
    text: str
    kind: str  # the block's kind: title | lead | heading | paragraph | list_item | ...


@dataclass
class Layout:
    """An article as blocks and sentences; the skeleton a translation is rendered into."""

    documents: dict[str, Document]
    # Per part, per block: the (start, end) of each sentence in the block's text.
    spans: dict[str, list[list[tuple[int, int]]]]
    units: list[Unit] = field(default_factory=list)

    def block_units(self, part: str) -> list[list[int]]:
        """Per block of ``part``: the numbers (into ``units``) of its sentences."""
        out: list[list[int]] = [[] for _ in self.spans[part]]
        for number, unit in enumerate(self.units):
            if unit.part == part:
                out[unit.block].append(number)
        return out


def content_key(text: str) -> str:
    """A sentence without inline markup and extra whitespace: what staleness compares.

    Emphasis, code ticks, escapes, HTML tags and link syntax are dropped (link text kept),
    so a markup-only edit of the source does not make its translation stale.
    """
    text = _link_texts(text, _LINK_TAIL)
    text = _link_texts(text, _REF_TAIL)
    text = _MARKS.sub("", _TAG.sub("", text))
    return normalize_sentence(text)


def _link_texts(text: str, tail: re.Pattern[str]) -> str:
    r"""Links (``!?\[text\]`` then ``tail``) replaced by their text: what
    ``re.sub(r"!?\[([^\]]*)\]" + tail.pattern, r"\1", text)`` gives, in linear time.

    Between one ``]`` and the next, only the first ``[`` can start a link (any later
    one reaches the same ``]``, so fails or succeeds alike): each stretch is read once,
    where the regex read it again from every ``[`` in it."""
    out, pos, seg = [], 0, 0  # pos: end of the last link; seg: where this stretch starts
    while (close := text.find("]", seg)) != -1:
        opener = text.find("[", seg, close)
        found = tail.match(text, close) if opener != -1 else None
        if found is None:
            seg = close + 1
            continue
        start = opener - 1 if opener > pos and text[opener - 1] == "!" else opener
        out += [text[pos:start], text[opener + 1 : close]]
        pos = seg = found.end()
    return "".join(out) + text[pos:]


def _documents(title: str, lead: str, body: str) -> dict[str, Document]:
    return {
        "title": plain_document(title, "title"),
        "lead": plain_document(lead, "lead"),
        "body": parse_blocks(body),
    }


def split_block(
    text: str, lang: str, other: str, glossary: Sequence[GlossaryTerm] = ()
) -> list[tuple[int, int]]:
    """Sentence spans of one block's text, protecting what the pipeline protects."""
    tokens = find_tokens(text, lang, other, glossary)
    return sentence_spans(text, lang, [(t.start, t.end) for t in tokens])


def layout(
    title: str,
    lead: str,
    body: str,
    lang: str,
    other: str,
    glossary: Sequence[GlossaryTerm] = (),
) -> Layout:
    """Cut an article written in ``lang`` into blocks and sentences (as the pipeline does)."""
    documents = _documents(title, lead, body)
    result = Layout(documents, {})
    for part in PARTS:
        result.spans[part] = []
        for number, block in enumerate(documents[part].blocks):
            spans = split_block(block.text, lang, other, glossary)
            result.spans[part].append(spans)
            for index, (start, end) in enumerate(spans):
                result.units.append(Unit(part, number, index, block.text[start:end], block.kind))
    return result


def render(skeleton: Layout, texts: Sequence[str]) -> tuple[str, str, str]:
    """Title, lead and body with ``texts`` (one per unit, in order) put into the skeleton.

    An empty text (a sentence not translated yet) is left out together with the space
    before it, so a missing sentence never leaves a double space behind.
    """
    if len(texts) != len(skeleton.units):
        raise ValueError(f"expected {len(skeleton.units)} sentences, got {len(texts)}")
    out = []
    for part in PARTS:
        document = skeleton.documents[part]
        block_texts = []
        for block, spans, numbers in zip(
            document.blocks, skeleton.spans[part], skeleton.block_units(part), strict=True
        ):
            pieces: list[str] = []
            previous_end = 0
            for (start, end), number in zip(spans, numbers, strict=True):
                text = texts[number].strip()
                if text:
                    pieces.append(block.text[previous_end:start] if pieces else "")
                    pieces.append(text)
                previous_end = end
            if pieces:
                first = spans[0][0]
                pieces.insert(0, block.text[:first])
                pieces.append(block.text[spans[-1][1] :])
            block_texts.append("".join(pieces))
        out.append(document.render(block_texts))
    return out[0], out[1], out[2]
