"""Paired markup that the MT masking protects: links and images, inline HTML tags,
emphasis delimiters. Each finder takes a span through the caller's ``take`` and returns
the (opening, closing) token pairs, so that restoring can keep every pair in order and
never leave one empty. Every scan is linear in the text (possessive link tails, one pass
over the brackets and delimiter runs)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from markdown_it.common.utils import normalizeReference

from newsdesk.machine_translation.tokens import Token

Take = Callable[..., Token | None]  # find_tokens' take(start, end, kind, out=, role=)

_LINK_TAIL = re.compile(
    r"\]\((?:<[^<>\n]*+>|(?:[^()\s]|\([^()\s]*+\))*+)"
    r"(?:\s++(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?+\s*+\)|\]\[[^\[\]]*+\]"
)
_LINK_MARK = re.compile(r"[!\[\]]")
_DELIM = re.compile(r"\*+|_+|~~")
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~«»“”‘’—–…")


def find_links(
    text: str, taken: bytearray, take: Take, references: frozenset[str] = frozenset()
) -> list[tuple[Token, Token]]:
    """``[`` / ``![`` and ``](target)`` / ``][ref]`` of links and images, paired; a
    shortcut (``[label]``) or collapsed (``[label][]``) reference to one of ``references``
    comes back as a full reference (``[translated text][label]``)."""
    pairs: list[tuple[Token, Token]] = []
    stack: list[tuple[int, int]] = []
    i = 0
    while True:
        # Only "!", "[" and "]" can start or end a link: skip straight to the next one.
        mark = _LINK_MARK.search(text, i)
        if mark is None:
            break
        i = mark.start()
        if taken[i]:
            i += 1
        elif text.startswith("![", i) or text[i] == "[":
            width = 2 if text[i] == "!" else 1
            stack.append((i, width))
            i += width
        elif text[i] == "]" and stack:
            start, width = stack.pop()
            tail = _LINK_TAIL.match(text, i)
            label = text[start + width : i]
            end = tail.end() if tail else i + 1
            known = references and not tail or (tail and tail.group() == "][]")
            if known and normalizeReference(label) not in references:
                known = False
            if known and not any(taken[i:end]) and not text.startswith(("(", ":"), end):
                tail = None
                opener = take(start, start + width, "link", role="open")
                closer = take(i, end, "link", "][" + label + "]", role="close")
                if opener and closer:
                    pairs.append((opener, closer))
                i = end
            elif tail and not any(taken[i : tail.end()]):
                opener = take(start, start + width, "link", role="open")
                closer = take(i, tail.end(), "link", role="close")
                if opener and closer:
                    pairs.append((opener, closer))
                i = tail.end()
            else:
                i += 1
        else:
            i += 1
    return pairs


_TAG_NAME = re.compile(r"<(/?)([A-Za-z][\w-]*+)")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def pair_tags(found: list[Token]) -> list[tuple[Token, Token]]:
    """Inline HTML ``<abbr>`` … ``</abbr>``: the two tags become an open/close pair, so
    that a repair never leaves them with nothing between (``found`` is in text order)."""
    pairs: list[tuple[Token, Token]] = []
    stacks: dict[str, list[int]] = {}
    for n, token in enumerate(found):
        if token.kind != "html" or token.text.endswith("/>"):
            continue
        name = _TAG_NAME.match(token.text)
        if name is None or name.group(2).lower() in _VOID_TAGS:
            continue
        stack = stacks.setdefault(name.group(2).lower(), [])
        if not name.group(1):
            stack.append(n)
        elif stack:
            opened = stack.pop()
            found[opened] = replace(found[opened], role="open")
            found[n] = replace(token, role="close")
            pairs.append((found[opened], found[n]))
    return pairs


def find_emphasis(text: str, taken: bytearray, take: Take) -> list[tuple[Token, Token]]:
    """Paired ``*``, ``**``, ``_``, ``__``, ``~~`` delimiter runs (CommonMark-ish flanking)."""
    pairs: list[tuple[Token, Token]] = []
    stacks: dict[str, list[int]] = {}
    for match in _DELIM.finditer(text):
        start, end = match.span()
        if any(taken[start:end]):
            continue
        run = match.group()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        star = run[0] != "_"
        can_open = not after.isspace() and (star or before.isspace() or before in _PUNCT)
        can_close = not before.isspace() and (star or after.isspace() or after in _PUNCT)
        stack = stacks.setdefault(run, [])
        if can_close and stack:
            open_start = stack.pop()
            opener = take(open_start, open_start + len(run), "emphasis", role="open")
            closer = take(start, end, "emphasis", role="close")
            if opener and closer:
                pairs.append((opener, closer))
        elif can_open:
            stack.append(start)
    return pairs
