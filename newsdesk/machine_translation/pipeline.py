"""Translate an article (title, lead, Markdown body) sentence by sentence.

Steps: parse the body into blocks (:mod:`.blocks`), split blocks into sentences
(:mod:`.segment`), mask what MT must not touch (:mod:`.mask`), reuse exact
translation-memory hits, send the remaining distinct sentences to the engine in as
few batches as progress reporting allows, restore and flag (:mod:`.quality`), and
reassemble a target document with exactly the source's structure: same blocks, same
order, one target sentence per source sentence.

Batches are made of sentences of similar length, not of neighbouring sentences. The
engine decodes a batch as one padded block: every sentence is padded to the longest
source in the batch and the batch runs until its longest output is finished, so a
short sentence batched with a long one waits for, and pays for, the long one. The
distinct engine inputs are therefore sorted by the length of their masked text (a
cheap stand-in for their token count; ties keep document order) before being cut
into chunks of ``chunk_size``. Each result is mapped back to its segments through the
masked text itself, so the order in which the engine sees the sentences does not
affect where a translation lands; progress still counts source sentences done.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsdesk.machine_translation.blocks import Document, parse_blocks, plain_document, plain_lines
from newsdesk.machine_translation.engine import Engine, Provenance
from newsdesk.machine_translation.locale_forms import check_lang
from newsdesk.machine_translation.long_input import MAX_SENTENCE_CHARS, TOO_LONG, engine_pieces
from newsdesk.machine_translation.mask import (
    GlossaryTerm,
    MaskedSentence,
    find_tokens,
    mask_sentence,
)
from newsdesk.machine_translation.quality import sentence_flags, word_flags
from newsdesk.machine_translation.restore import restore
from newsdesk.machine_translation.segment import sentence_spans

logger = logging.getLogger(__name__)

ORIGIN_MT = "mt"
ORIGIN_MEMORY = "memory"
ORIGIN_VERBATIM = "verbatim"  # nothing to translate (a number, a URL): tokens restored


class Memory(Protocol):
    """Translation memory: an approved target sentence for an exact source sentence.

    A memory may also offer ``lookup_many(source, target, keys) -> {key: target}``
    (one round trip for a whole document); the pipeline uses it when present.
    """

    def lookup(self, source: str, target: str, key: str) -> str | None:
        """The target sentence stored for :func:`sentence_key` ``key``, or None."""
        ...


def _memory_hits(
    memory: Memory | None, source: str, target: str, keys: list[str]
) -> dict[str, str]:
    """Every memory hit for ``keys``, in one call when the memory can do that."""
    if memory is None:
        return {}
    many = getattr(memory, "lookup_many", None)
    if many is not None:
        return many(source, target, keys)
    hits = {}
    for key in dict.fromkeys(keys):
        hit = memory.lookup(source, target, key)
        if hit is not None:
            hits[key] = hit
    return hits


class EngineContractError(RuntimeError):
    """The engine returned a different number of hypotheses than it was given sentences."""


_LINE_BREAK = re.compile(r"\s*\n\s*")


def _collapse(text: str) -> str:
    """Whitespace runs collapsed to one space, stripped (str.split() splits on exactly
    the characters that ``\\s`` matches)."""
    return " ".join(text.split())


def normalize_sentence(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, stripped: what a memory key hashes."""
    return _collapse(unicodedata.normalize("NFC", text))


def _hash_key(normalized: str) -> str:
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()


def sentence_key(text: str) -> str:
    """A stable key for a source sentence (sha256 hex of its normalized text)."""
    return _hash_key(normalize_sentence(text))


@dataclass
class Segment:
    """One source sentence and its translation, aligned 1:1."""

    block: int  # block number within its part (title and lead have one block)
    index: int  # sentence number within the block
    kind: str  # title | lead | body
    source: str
    target: str
    origin: str  # mt | memory | verbatim
    score: float | None
    flags: tuple[str, ...]
    key: str  # sentence_key(source)
    machine: str  # the engine's output, restored ("" for memory hits)
    provenance: Provenance | None = None


@dataclass
class DocumentTranslation:
    """The translated title, lead and body, and the sentences they were built from."""

    title: str
    lead: str
    body: str
    segments: list[Segment]
    provenance: Provenance | None = None  # the engine's, if it was called


@dataclass
class _Pending:
    segment: Segment
    masked: MaskedSentence
    start: int
    end: int
    normalized: str  # normalize_sentence(segment.source)
    mt_input: str = ""
    outputs: list[str | None] = field(default_factory=list)  # per engine piece
    score: float = 0.0


@dataclass
class _Part:
    kind: str
    document: Document
    sentences: list[list[_Pending]] = field(default_factory=list)  # per block


def translate_document(
    *,
    title: str,
    lead: str,
    body: str,
    source: str,
    target: str,
    engine: Engine,
    memory: Memory | None = None,
    glossary: Sequence[GlossaryTerm] = (),
    progress: Callable[[int, int], None] | None = None,
    chunk_size: int = 32,
    low_score: float | None = None,
    body_format: str = "markdown",
) -> DocumentTranslation:
    """Translate an article; ``progress(done, total)`` is called as sentences complete.

    ``body_format`` is ``markdown`` (the structure is kept block by block) or ``text``
    (plain text: every line is translated on its own, blank lines stay)."""
    check_lang(source)
    check_lang(target)
    if (engine.source, engine.target) != (source, target):
        raise ValueError(
            f"engine translates {engine.source}->{engine.target}, not {source}->{target}"
        )
    if chunk_size < 1:
        raise ValueError("chunk_size must be positive")
    parts = [
        _Part("title", plain_document(title, "title")),
        _Part("lead", plain_document(lead, "lead")),
        _Part("body", parse_blocks(body) if body_format == "markdown" else plain_lines(body)),
    ]
    pending = [p for part in parts for p in _segment_part(part, source, target, glossary)]
    queue: dict[str, list[tuple[_Pending, int]]] = {}
    hits = _memory_hits(memory, source, target, [item.segment.key for item in pending])
    for item in pending:
        hit = hits.get(item.segment.key)
        if hit is not None:
            item.segment.target, item.segment.origin = hit, ORIGIN_MEMORY
        elif not item.masked.has_words:
            verbatim = restore(item.masked, item.masked.with_literal_targets()).text
            item.segment.target = item.segment.machine = verbatim
            item.segment.origin = ORIGIN_VERBATIM
        elif len(item.masked.text) > MAX_SENTENCE_CHARS:
            item.segment.origin, item.segment.flags = ORIGIN_VERBATIM, (TOO_LONG,)
        else:
            item.mt_input = _collapse(item.masked.text)
            pieces = engine_pieces(item.mt_input)
            item.outputs = [None] * len(pieces)
            for number, piece in enumerate(pieces):
                queue.setdefault(piece, []).append((item, number))
    total = len(pending)
    done = total - len({id(item) for items in queue.values() for item, _n in items})
    if progress is not None:
        progress(done, total)
    # Similar lengths in one batch (see the module docstring); the sort is stable.
    inputs = sorted(queue, key=len)
    for first in range(0, len(inputs), chunk_size):
        chunk = inputs[first : first + chunk_size]
        hypotheses = engine.translate_batch(chunk)
        if len(hypotheses) != len(chunk):
            raise EngineContractError(
                f"{len(chunk)} sentences in, {len(hypotheses)} hypotheses out"
            )
        for text, hypothesis in zip(chunk, hypotheses, strict=True):
            output = _LINE_BREAK.sub(" ", hypothesis.text).strip()
            words: dict[str, tuple[str, ...]] = {}  # shared by every sentence masked alike
            for item, number in queue[text]:
                item.outputs[number] = output
                item.score = min(item.score, hypothesis.score) if number else hypothesis.score
                if any(piece is None for piece in item.outputs):
                    continue  # a long sentence: other pieces are still to come
                joined = " ".join(str(piece) for piece in item.outputs)
                if joined not in words:
                    same = source == target
                    words[joined] = word_flags(item.mt_input, joined, target, same_language=same)
                _finish(
                    item,
                    joined,
                    words[joined],
                    item.score,
                    engine.provenance,
                    target,
                    glossary,
                    low_score,
                )
                done += 1
        if progress is not None:
            progress(done, total)
    logger.info("translated %d sentences (%d distinct sent to the engine)", total, len(inputs))
    title_out, lead_out, body_out = (_reassemble(part) for part in parts)
    return DocumentTranslation(
        title=title_out,
        lead=lead_out,
        body=body_out,
        segments=[item.segment for item in pending],
        provenance=engine.provenance if inputs else None,
    )


def _segment_part(
    part: _Part, source: str, target: str, glossary: Sequence[GlossaryTerm]
) -> list[_Pending]:
    """Split each block of a part into masked sentences, in document order."""
    out = []
    for number, block in enumerate(part.document.blocks):
        tokens = find_tokens(block.text, source, target, glossary, part.document.references)
        spans = sentence_spans(block.text, source, [(t.start, t.end) for t in tokens])
        sentences = []
        for index, (start, end) in enumerate(spans):
            text = block.text[start:end]
            normalized = normalize_sentence(text)
            segment = Segment(
                number, index, part.kind, text, text, ORIGIN_MT, None, (), _hash_key(normalized), ""
            )
            if len(text) > MAX_SENTENCE_CHARS:  # kept as written: nothing to mask
                masked = MaskedSentence(text, text, (), target=target)
            else:
                masked = mask_sentence(text, start, tokens, target)
            sentences.append(_Pending(segment, masked, start, end, normalized))
        part.sentences.append(sentences)
        out += sentences
    return out


def _finish(
    item: _Pending,
    output: str,
    words: tuple[str, ...],
    score: float,
    provenance: Provenance,
    target: str,
    glossary: Sequence[GlossaryTerm],
    low_score: float | None,
) -> None:
    """Restore one engine output (line breaks already made spaces) into its segment and
    flag it; ``words`` are the :func:`.quality.word_flags` of the output."""
    restored = restore(item.masked, output)
    text = restored.text
    if normalize_sentence(text) == item.normalized:
        text = item.segment.source  # unchanged: keep the source's own line breaks
    flags = words + sentence_flags(
        output=text,
        target=target,
        score=score,
        low_score=low_score,
        repaired=restored.repaired,
        verified=restored.verified,
        glossary=glossary,
    )
    segment = item.segment
    segment.target = segment.machine = text
    segment.score, segment.flags, segment.provenance = score, flags, provenance


def _reassemble(part: _Part) -> str:
    """The part's target text: target sentences in the source's whitespace and skeleton."""
    texts = []
    for block, sentences in zip(part.document.blocks, part.sentences, strict=True):
        out, pos = [], 0
        for item in sentences:
            out += [block.text[pos : item.start], item.segment.target]
            pos = item.end
        out.append(block.text[pos:])
        texts.append("".join(out))
    return part.document.render(texts)
