"""Inline Markdown markup as XLIFF 2.0 inline codes, and back.

The same tokens the MT pipeline masks (:func:`newsdesk.machine_translation.mask.find_tokens`)
become codes: emphasis and link brackets paired as ``<pc>``, inline code, HTML, escapes,
entities and autolinks as ``<ph>``. What a code stands for is kept in the unit's
``<originalData>``, so a CAT tool shows protected tags and the Markdown comes back exactly.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from lxml import etree

from newsdesk.machine_translation.mask import Token, find_tokens

NS = "urn:oasis:names:tc:xliff:document:2.0"
CODE_KINDS = {"emphasis", "link", "code", "html", "escape", "entity", "footnote"}
_TYPES = {"link": "link", "emphasis": "fmt", "code": "fmt", "html": "fmt"}


class InlineError(ValueError):
    """An inline code the file cannot be turned back into Markdown from."""


def q(tag: str) -> str:
    """The qualified XLIFF 2.0 name of ``tag``."""
    return f"{{{NS}}}{tag}"


@dataclass
class CodeBook:
    """One unit's original data (id -> markup text) and the code ids handed out."""

    data: dict[str, str] = field(default_factory=dict)
    source_ids: list[tuple[str, str]] = field(default_factory=list)  # (signature, id)
    used: set[str] = field(default_factory=set)
    # Indexes, so that a unit with many codes costs linear time (issue 13).
    _ids: dict[str, str] = field(default_factory=dict, repr=False)  # text -> data id
    _free: dict[str, deque[str]] = field(default_factory=dict, repr=False)  # by signature
    _source_codes: set[str] = field(default_factory=set, repr=False)

    def data_id(self, text: str) -> str:
        if text in self._ids:
            return self._ids[text]
        key = f"d{len(self.data) + 1}"
        self.data[key] = text
        self._ids[text] = key
        return key

    def code_id(self, signature: str, side: str) -> str:
        """Source codes are numbered; a target code reuses the id of its source twin."""
        if side == "source":
            code = str(len(self.source_ids) + 1)
            self.source_ids.append((signature, code))
            self._free.setdefault(signature, deque()).append(code)
            self._source_codes.add(code)
            return code
        twins = self._free.get(signature, deque())
        while twins and twins[0] in self.used:
            twins.popleft()
        if twins:
            code = twins.popleft()
            self.used.add(code)
            return code
        code = f"t{len(self.used) + 1}"
        while code in self._source_codes or code in self.used:
            code += "x"
        self.used.add(code)
        return code


def is_code(token: Token) -> bool:
    """Does this markup token travel as an inline code (not as text)?"""
    return token.kind in CODE_KINDS or (token.kind == "url" and token.text.startswith("<"))


def code_tokens(text: str, lang: str, other: str) -> list[Token]:
    """The markup of ``text`` that travels as inline codes, in order."""
    return [token for token in find_tokens(text, lang, other) if is_code(token)]


def _append_text(parent: etree._Element, text: str) -> None:
    if not text:
        return
    try:  # parent[-1] is found from the end; len(parent) counts every child (quadratic)
        last = parent[-1]
    except IndexError:
        parent.text = (parent.text or "") + text
    else:
        last.tail = (last.tail or "") + text


def encode(
    element: etree._Element, text: str, lang: str, other: str, book: CodeBook, side: str
) -> None:
    """Fill ``element`` (a ``<source>`` or ``<target>``) with ``text``, markup as codes."""
    tokens = find_tokens(text, lang, other)
    codes = {n for n, t in enumerate(tokens) if is_code(t)}
    paired: set[int] = set()
    stack: list[int] = []
    for n in sorted(codes):
        token = tokens[n]
        if token.role == "open" and token.mate in codes:
            stack.append(n)
        elif token.role == "close" and stack and stack[-1] == token.mate:
            paired |= {stack.pop(), n}
        elif token.role == "close" and token.mate in stack:
            # crossed pairs: both halves become placeholders
            stack.remove(token.mate)
    parents = [element]
    pos = 0
    for n in sorted(codes):
        token = tokens[n]
        _append_text(parents[-1], text[pos : token.start])
        pos = token.end
        if n in paired and token.role == "open":
            mate = tokens[token.mate]
            pc = etree.SubElement(parents[-1], q("pc"))
            pc.set("id", book.code_id(f"pc:{token.text}:{mate.text}", side))
            pc.set("dataRefStart", book.data_id(token.text))
            pc.set("dataRefEnd", book.data_id(mate.text))
            pc.set("type", "image" if token.text == "![" else _TYPES.get(token.kind, "other"))
            pc.set("dispStart", token.text)
            pc.set("dispEnd", mate.text)
            parents.append(pc)
        elif n in paired:
            parents.pop()
        else:
            ph = etree.SubElement(parents[-1], q("ph"))
            ph.set("id", book.code_id(f"ph:{token.text}", side))
            ph.set("dataRef", book.data_id(token.text))
            ph.set("type", _TYPES.get(token.kind, "other"))
            ph.set("disp", token.text)
    _append_text(parents[-1], text[pos:])


def original_data(unit: etree._Element) -> dict[str, str]:
    """The unit's ``<originalData>`` as id -> text."""
    found: dict[str, str] = {}
    for data in unit.iterfind(f"{q('originalData')}/{q('data')}"):
        found[data.get("id", "")] = decode(data, {})
    return found


def decode(element: etree._Element, data: dict[str, str]) -> str:
    """The Markdown text of a ``<source>``/``<target>``: codes replaced by their data."""

    def ref(node: etree._Element, attr: str) -> str:
        key = node.get(attr)
        if key is None:
            return node.get("equiv", "") if attr == "dataRef" else ""
        if key not in data:
            raise InlineError(key)
        return data[key]

    out = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            out.append(child.tail or "")
            continue
        name = etree.QName(child).localname if child.tag.startswith("{" + NS) else None
        if name in ("ph", "sc", "ec"):
            out.append(ref(child, "dataRef"))
        elif name == "pc":
            out += [ref(child, "dataRefStart"), decode(child, data), ref(child, "dataRefEnd")]
        elif name == "mrk":
            out.append(decode(child, data))
        elif name == "cp":
            try:
                out.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                raise InlineError(child.get("hex", "")) from None
        elif name not in ("sm", "em"):
            raise InlineError(child.tag)
        out.append(child.tail or "")
    return "".join(out)
