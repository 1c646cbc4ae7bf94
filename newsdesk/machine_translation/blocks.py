"""Cut a Markdown document into translatable blocks and a verbatim skeleton.

A :class:`Document` is a sequence of verbatim strings (block prefixes such as ``## ``,
``- ``, ``> ``, table pipes, blank lines, code blocks, HTML blocks) and
:class:`Block` objects holding the text of one heading, paragraph or table cell.
Rendering it with the blocks' own text gives back the source byte for byte; rendering
it with translated text gives a target document with exactly the source's structure.
markdown-it-py finds the blocks (its tokens carry ``.map`` line ranges); the exact
character offsets are then located in the source lines.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

logger = logging.getLogger(__name__)

_TASK = re.compile(r"\[[ xX]\][ \t]+")
_HEADING_TAIL = re.compile(r"[ \t]*(?:#+[ \t]*)?")


@dataclass(frozen=True)
class Block:
    """The text of one heading, paragraph or table cell.

    ``text`` keeps the source's line breaks; ``joints`` are the verbatim pieces that
    stood between its lines in the source (``"\\n> "`` inside a block quote).
    """

    kind: str  # heading | paragraph | list_item | blockquote | table_cell | title | lead
    text: str
    joints: tuple[str, ...] = ()

    def render(self, text: str) -> str:
        """Put ``text`` back into the block's skeleton, line by line."""
        lines = text.split("\n")
        if len(lines) - 1 > len(self.joints):
            # More line breaks than the source had: keep the extra ones as spaces.
            keep = len(self.joints) + 1
            lines = [*lines[: keep - 1], " ".join(lines[keep - 1 :])]
        out = [lines[0]]
        for joint, line in zip(self.joints, lines[1:], strict=False):
            out += [joint, line]
        return "".join(out)


@dataclass(frozen=True)
class Document:
    """A Markdown document as verbatim strings and blocks, in source order."""

    parts: tuple[str | Block, ...]
    # Labels of the reference definitions (``[label]: url``), as markdown-it normalises them.
    references: frozenset[str] = frozenset()

    @property
    def blocks(self) -> list[Block]:
        """The translatable blocks, in order."""
        return [part for part in self.parts if isinstance(part, Block)]

    def render(self, texts: Sequence[str] | None = None) -> str:
        """Reassemble the document; ``texts`` replace the blocks' text, in order."""
        blocks = self.blocks
        if texts is not None and len(texts) != len(blocks):
            raise ValueError(f"expected {len(blocks)} block texts, got {len(texts)}")
        out, index = [], 0
        for part in self.parts:
            if isinstance(part, Block):
                out.append(part.render(texts[index] if texts is not None else part.text))
                index += 1
            else:
                out.append(part)
        return "".join(out)


def plain_document(text: str, kind: str) -> Document:
    """A document of one block (a title or a lead): surrounding whitespace stays verbatim."""
    core = text.strip()
    if not core:
        return Document((text,) if text else ())
    start = text.index(core)
    lines = core.split("\n")
    block = Block(kind, core, ("\n",) * (len(lines) - 1))
    parts = [p for p in (text[:start], block, text[start + len(core) :]) if p != ""]
    return Document(tuple(parts))


def plain_lines(text: str) -> Document:
    """Plain text: every line with words is a block of its own; line breaks, blank lines
    between paragraphs and indentation stay verbatim."""
    parts: list[str | Block] = []
    for line in text.split("\n"):
        core = line.strip()
        if parts:
            parts.append("\n")
        if core:
            start = line.index(core)
            parts += [line[:start], Block("paragraph", core), line[start + len(core) :]]
        else:
            parts.append(line)
    return Document(tuple(part for part in parts if part != ""))


def markdown_parser() -> MarkdownIt:
    """The CommonMark parser with tables and HTML blocks that the pipeline cuts blocks with."""
    return _parser()


@cache
def _parser() -> MarkdownIt:
    # Same block rules as the site's renderer, with HTML blocks recognised so that
    # they are kept verbatim instead of being translated as paragraphs.
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def parse_blocks(markdown: str) -> Document:
    """Parse a Markdown body into a :class:`Document` (identity: ``.render() == markdown``)."""
    lines = markdown.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    found: list[tuple[int, int, Block]] = []
    containers: list[str] = []
    skip_until, prev_type = -1, ""
    env: dict = {}
    for token in _parser().parse(markdown, env):
        if token.type in ("blockquote_open", "list_item_open"):
            containers.append("blockquote" if token.type == "blockquote_open" else "list_item")
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "table_open" and token.map:
            found += _table_cells(lines, starts, *token.map)
            skip_until = token.map[1]
        elif token.type == "inline" and token.map and token.map[0] >= skip_until:
            kind = "heading" if prev_type == "heading_open" else "paragraph"
            if kind == "paragraph" and containers:
                kind = containers[-1]
            located = _locate(markdown, lines, starts, token.map, token.content, kind)
            if located is not None:
                found.append(located)
        prev_type = token.type
    return _assemble(markdown, found, frozenset(env.get("references", ())))


def _assemble(
    markdown: str, found: list[tuple[int, int, Block]], references: frozenset[str] = frozenset()
) -> Document:
    parts: list[str | Block] = []
    pos = 0
    for start, end, block in sorted(found, key=lambda item: item[0]):
        if start < pos or not block.text.strip():
            continue  # overlapping or empty: leave it in the skeleton
        if start > pos:
            parts.append(markdown[pos:start])
        parts.append(block)
        pos = end
    if pos < len(markdown):
        parts.append(markdown[pos:])
    return Document(tuple(parts), references)


def _locate(
    markdown: str,
    lines: list[str],
    starts: list[int],
    line_map: Sequence[int],
    content: str,
    kind: str,
) -> tuple[int, int, Block] | None:
    """Find an inline token's content in its source lines; None if it is not there verbatim."""
    first, last = line_map
    content_lines = content.split("\n")
    if len(content_lines) != last - first or not content.strip():
        logger.debug("block at line %d kept verbatim: line count differs", first + 1)
        return None
    offsets: list[tuple[int, int]] = []
    for number, piece in enumerate(content_lines):
        source = lines[first + number].rstrip("\r\n")
        at = _find_piece(source, piece, heading=kind == "heading")
        if at < 0:
            logger.debug("block at line %d kept verbatim: content not found", first + 1)
            return None
        offsets.append((starts[first + number] + at, starts[first + number] + at + len(piece)))
    if kind == "list_item":
        task = _TASK.match(content_lines[0])
        if task:  # "[ ] " of a task list item is markup, not text
            offsets[0] = (offsets[0][0] + task.end(), offsets[0][1])
            content_lines[0] = content_lines[0][task.end() :]
    joints = tuple(markdown[a[1] : b[0]] for a, b in zip(offsets, offsets[1:], strict=False))
    block = Block(kind, "\n".join(content_lines), joints)
    return offsets[0][0], offsets[-1][1], block


def _find_piece(source: str, piece: str, *, heading: bool) -> int:
    """Offset of ``piece`` in ``source`` such that only markup/whitespace follows it."""
    at = source.rfind(piece)
    while at >= 0:
        tail = source[at + len(piece) :]
        if (_HEADING_TAIL.fullmatch(tail) if heading else not tail.strip()) and (
            not source[:at].strip() or _is_prefix(source[:at])
        ):
            return at
        at = source.rfind(piece, 0, at + len(piece) - 1) if at > 0 else -1
    return -1


def _is_prefix(text: str) -> bool:
    """Could ``text`` be the markup before a line's content (quote marks, bullets, #)?"""
    return (
        re.fullmatch(r"[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+[ \t>]*)*(?:#{1,6}[ \t]+)?", text)
        is not None
    )


def _table_cells(
    lines: list[str], starts: list[int], first: int, last: int
) -> list[tuple[int, int, Block]]:
    """Each non-empty cell of a table (the delimiter row stays verbatim)."""
    cells = []
    for number in range(first, last):
        if number == first + 1:
            continue
        line = lines[number].rstrip("\r\n")
        for index, (start, end) in enumerate(_cell_spans(line)):
            text = line[start:end]
            stripped = text.strip()
            if stripped and not (index == 0 and re.fullmatch(r"[ \t>]*", text)):
                at = start + text.index(stripped)
                cells.append(
                    (
                        starts[number] + at,
                        starts[number] + at + len(stripped),
                        Block("table_cell", stripped),
                    )
                )
    return cells


def _cell_spans(line: str) -> list[tuple[int, int]]:
    """Spans between unescaped pipes of a table row."""
    spans, start, i = [], 0, 0
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == "|":
            spans.append((start, i))
            start = i + 1
        i += 1
    spans.append((start, len(line)))
    return spans
