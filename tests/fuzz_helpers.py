"""Building blocks of tests/test_fuzz.py: hostile values, requests built from the route map,
and the checks every answer must pass (no 5xx; an error says what went wrong, in the
language the user reads)."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

from hypothesis import strategies as st
from lxml import html as lxml_html
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header
from werkzeug.routing import Rule
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FileField,
    HiddenField,
    RadioField,
    SelectField,
    SubmitField,
)
from wtforms.fields.core import UnboundField

CYRILLIC = re.compile("[\u0400-\u04ff]")
LANGS = ["en", "ru"]


class Huge(str):
    """A string that prints short (when long) in hypothesis' report of a failing example."""

    def __repr__(self) -> str:
        if len(self) <= 300:
            return str.__repr__(self)
        return f"<{len(self)} characters: {str.__repr__(self[:40])}...>"


class Body(bytes):
    """A request body that prints short in hypothesis' report."""

    def __repr__(self) -> str:
        if len(self) <= 300:
            return bytes.__repr__(self)
        return f"<{len(self)} bytes: {bytes.__repr__(self[:200])}...>"


# Text that has broken web apps before: NUL, lone surrogates, bidi overrides, combining
# marks, zero-width and BOM characters, markup, format strings, numbers past every limit.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "x\udfffy",
    "\u202egnp.exe\u202c",
    "\u200f\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
    "e\u0301\u0308\u0327\u0300\u0301",
    "Z\u0351\u036b\u0343\u036a\u0302\u036b\u033d\u034f\u0334",
    "\ufeffBOM",
    "a\u200bb\u200dc",
    "\U0001d573\U0001d58a \U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\ufdfd\ufffd\uffff",
    "\r\n\r\n",
    "\t\x0b\x0c\x1b[31m",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../etc/passwd",
    "%00%2e%2e%2f",
    "{{ 7*7 }}{% raw %}",
    "%(name)s %s %d {0}",
    "-1",
    "0",
    "1.5",
    "99999999999999999999999999999999",
    "9223372036854775808",
    "1e308",
    "NaN",
    "null",
    "[]",
    "{}",
    "true",
    "2024-02-30T25:61",
    "0001-01-01T00:00",
    "9999-12-31T23:59",
    "аdmin",
    "Ё" * 301,
    Huge("x" * 5001),
    Huge("слово " * 400),
]


# Sent rarely: each is past a length limit (the last ones past MAX_CONTENT_LENGTH, 2 MiB).
HUGE = [Huge(t) for t in ("x" * 200_001, "я" * 120_000, "a\u0301" * 150_000, "z" * 2_200_000)]

ALL_CHARS = st.characters(exclude_categories=())  # surrogates (Cs) and unassigned too
TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.text(ALL_CHARS, max_size=40),
    st.text(st.characters(categories=["L", "M", "Zs", "Nd"]), max_size=30),
    st.text(st.sampled_from("аб вгЁё\u0301\u0308\u200f\u202e\u0627x-_.,"), max_size=30),
)
PLAIN = st.text(st.characters(categories=["L", "Nd", "Zs"]), min_size=1, max_size=40)


VALUE = TEXT


def enc(text: str, safe: str = "") -> str:
    """Percent-encode as a browser would, lone surrogates included (as invalid UTF-8)."""
    return quote(text.encode("utf-8", "surrogatepass"), safe=safe)


# --- form fields ------------------------------------------------------------------------


@dataclass
class FieldSpec:
    name: str
    kind: type
    choices: list[str] = field(default_factory=list)


def form_fields(form_cls) -> list[FieldSpec]:
    """The fields a FlaskForm class declares (read from the class, no request needed)."""
    specs = []
    for name in dir(form_cls):
        unbound = getattr(form_cls, name, None)
        if not isinstance(unbound, UnboundField):
            continue
        choices = unbound.kwargs.get("choices") or (unbound.args[1:2] or [None])[0] or []
        values = [getattr(c, "value", c[0] if isinstance(c, tuple) else c) for c in choices]
        specs.append(FieldSpec(name, unbound.field_class, [str(v) for v in values]))
    return specs


def _datetime_text() -> st.SearchStrategy[str]:
    return st.datetimes().map(lambda d: d.strftime("%Y-%m-%dT%H:%M"))


def field_value(spec: FieldSpec, samples: dict[str, list[str]]) -> st.SearchStrategy:
    """A value for one field: often one the form accepts, often a hostile one."""
    kind = spec.kind
    plausible: st.SearchStrategy
    if issubclass(kind, SubmitField | BooleanField):
        plausible = st.sampled_from(["y", spec.name, "1"])
    elif issubclass(kind, SelectField | RadioField) and spec.choices:
        plausible = st.sampled_from(spec.choices)
    elif issubclass(kind, DateTimeLocalField):
        plausible = _datetime_text()
    elif issubclass(kind, FileField):
        return st.sampled_from(samples["files"])
    elif issubclass(kind, HiddenField) and samples.get(spec.name):
        plausible = st.sampled_from(samples[spec.name])
    elif samples.get(spec.name):
        plausible = st.sampled_from(samples[spec.name])
    else:
        plausible = PLAIN
    return st.one_of(plausible, plausible, VALUE)


@st.composite
def form_data(draw, specs: list[FieldSpec], samples: dict[str, list[str]]) -> list[tuple]:
    """Fields of the form (some missing), sometimes extra ones; files as (name, bytes, type)."""
    items: list[tuple] = []
    for spec in specs:
        if spec.name == "csrf_token" or not draw(st.integers(0, 9)):
            continue  # a missing field, one time in ten
        items.append((spec.name, draw(field_value(spec, samples))))
    for _ in range(draw(st.integers(0, 2))):
        items.append(
            (draw(st.sampled_from(["x", "status", "lang", "__proto__"]) | TEXT), draw(VALUE))
        )
    if items and draw(st.integers(0, 24)) == 0:  # one request in 25: a huge value
        index = draw(st.integers(0, len(items) - 1))
        items[index] = (items[index][0], draw(st.sampled_from(HUGE)))
    return items


# --- bodies -----------------------------------------------------------------------------

CONTENT_TYPES = [
    "text/plain",
    "application/xml",
    "application/octet-stream",
    "multipart/form-data",
    "multipart/form-data; boundary=",
    "application/x-www-form-urlencoded; charset=koi8-r",
    "application/json; charset=latin-1",
    "garbage/;;;=",
    "",
]


def urlencoded(items: list[tuple]) -> bytes:
    parts = []
    for name, val in items:
        if isinstance(val, tuple):
            val = val[0]  # a browser sends a file input's name when the form is not multipart
        parts.append(f"{enc(name)}={enc(val)}")
    return Body("&".join(parts).encode("ascii"))


def multipart(items: list[tuple], boundary: str = "fuzzBoundary7MA4YWxk") -> bytes:
    out = []
    for name, val in items:
        header = f'Content-Disposition: form-data; name="{name}"'
        if isinstance(val, tuple):
            filename, data, mimetype = val
            header += f'; filename="{filename}"\r\nContent-Type: {mimetype}'
        else:
            data = val.encode("utf-8", "surrogatepass")
        out.append(
            f"--{boundary}\r\n".encode() + header.encode("utf-8", "surrogatepass") + b"\r\n\r\n"
        )
        out.append(data + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return Body(b"".join(out))


def to_json(items: list[tuple]) -> bytes:
    plain = {n: (v[0] if isinstance(v, tuple) else v) for n, v in items}
    return Body(json.dumps(plain).encode())  # ensure_ascii: lone surrogates become \\ud800 escapes


@st.composite
def body(draw, items: list[tuple]) -> tuple[bytes, str | None]:
    """The fields in one encoding: a proper one, a wrong one or a broken one."""
    kind = draw(
        st.sampled_from(["form", "form", "form", "multipart", "multipart", "json", "raw", "broken"])
    )
    if kind == "form":
        return urlencoded(items), "application/x-www-form-urlencoded"
    if kind == "multipart":
        return multipart(items), "multipart/form-data; boundary=fuzzBoundary7MA4YWxk"
    if kind == "json":
        return to_json(items), "application/json"
    if kind == "raw":
        return draw(st.binary(max_size=300)), draw(st.sampled_from(CONTENT_TYPES))
    whole = multipart(items)
    return draw(
        st.sampled_from(
            [
                (
                    Body(whole[: len(whole) // 2]),
                    "multipart/form-data; boundary=fuzzBoundary7MA4YWxk",
                ),
                (whole, "multipart/form-data; boundary=otherBoundary"),
                (whole, "multipart/form-data"),
                (
                    b"--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--",
                    "multipart/form-data; boundary=b",
                ),
                (Body(urlencoded(items) + b"&%ZZ=%E2%82&=&&"), "application/x-www-form-urlencoded"),
                (b"\xff\xfe\x00garbage\x80", "application/x-www-form-urlencoded"),
            ]
        )
    )


# --- JSON bodies for the API ------------------------------------------------------------

MALFORMED_JSON = [
    b"",
    b"{",
    b'{"en": "a",}',
    b"[1, 2",
    b"NaN",
    b'{"en": "\\ud800"',
    b"\xff\xfe{}",
    b"null",
    b"[]",
    b"42",
    b'"text"',
    Body(b"[" * 100_000 + b"]" * 100_000),
    Body(b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
    Body(b'{"en": 1' + b"0" * 5000 + b"}"),
    b'{"en": "x", "en": "y", "ru": "y", "kind": "preferred"}',
]
JUNK_VALUES = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@st.composite
def api_body(draw, schema: dict[str, dict], valid: dict[str, list]) -> tuple[bytes, str | None]:
    """A JSON body for an API write: valid-looking, mistyped, incomplete, extended or broken."""
    kind = draw(st.integers(0, 9))
    content_type = draw(
        st.sampled_from(
            ["application/json"] * 6
            + ["application/vnd.api+json", "text/plain", "application/json; charset=koi8-r", None]
        )
    )
    if kind == 0:
        return draw(st.sampled_from(MALFORMED_JSON)), content_type
    if kind == 1:
        return draw(st.binary(max_size=200)), content_type
    obj: dict = {}
    for name in schema:
        if draw(st.integers(0, 7)) == 0:
            continue
        choice = draw(st.integers(0, 5))
        if choice <= 2 and valid.get(name):
            obj[name] = draw(st.sampled_from(valid[name]))
        elif choice == 3:
            obj[name] = draw(JUNK_VALUES)
        elif draw(st.integers(0, 24)):
            obj[name] = draw(VALUE)
        else:
            obj[name] = draw(st.sampled_from(HUGE))
    if draw(st.integers(0, 5)) == 0:
        obj[draw(TEXT)] = draw(VALUE | JUNK_VALUES)
    return Body(json.dumps(obj).encode()), content_type


# --- URLs -------------------------------------------------------------------------------

EDGE_IDS = [0, 1, 2, 2**31, 2**63 - 1, 2**63, 10**30]
ARG = re.compile(r"<(?:([a-zA-Z_]+)(?:\([^)]*\))?:)?([a-zA-Z_]+)>")


@st.composite
def url_for_rule(draw, rule: Rule, candidates: dict[str, list]) -> str:
    """A path for the rule: real ids and slugs mostly, edge numbers and hostile text too."""

    def arg(match: re.Match) -> str:
        converter, name = match.group(1) or "default", match.group(2)
        real = candidates.get(name) or []
        if converter == "int":
            pick = draw(
                st.sampled_from(real)
                if real and draw(st.integers(0, 3))
                else st.sampled_from(EDGE_IDS)
            )
            # Hypothesis favours 0 (its simplest value), so the rare branches sit at the top
            # end: a route must still get mostly routable requests in the 9 examples per role
            # of the PostgreSQL pass (a POST-only route once got none: GET and text ids only).
            if draw(st.integers(0, 29)) == 29:
                return enc(draw(TEXT) or "x")  # does not match the rule: a 404 from routing
            return str(pick)
        if converter == "any":
            if draw(st.integers(0, 19)) == 19:
                return enc(draw(TEXT) or "x")
            return draw(st.sampled_from(LANGS))
        options = [str(v) for v in real]
        text = draw(st.sampled_from(options) | TEXT) if options else draw(TEXT)
        return enc(text or "x", safe="/" if converter == "path" else "")

    return ARG.sub(arg, rule.rule)


QUERY_NAMES = ["page", "per_page", "status", "lang", "q", "order", "show", "a", "b", "next"]
QUERY_VALUES = st.one_of(
    st.sampled_from(["1", "2", "0", "-1", "en", "ru", "draft", "ready", "risk", "todo", "/en/"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    VALUE,
    VALUE,
    st.sampled_from(HUGE[:1]),
)


@st.composite
def query_string(draw, names: list[str] | None = None) -> str:
    pairs = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(names or QUERY_NAMES) | TEXT)
        pairs.append(f"{enc(name)}={enc(draw(QUERY_VALUES))}")
    return Huge("&".join(pairs))


ACCEPT_LANGUAGE = st.sampled_from(
    ["ru", "en", "ru-RU,ru;q=0.9,en;q=0.5", "de-DE", "*", "", "en;q=abc", "x" * 300, ",,;;q=", "zh"]
)
ACCEPT = st.sampled_from(["text/html", "application/json", "*/*", "", "image/png;q=0.5"])
OTHER_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PROPFIND"]


@st.composite
def method_for(draw, rule: Rule) -> str:
    allowed = sorted(rule.methods - {"HEAD", "OPTIONS"})
    if draw(st.integers(0, 14)) == 14:  # rare, so away from Hypothesis's favourite 0
        return draw(st.sampled_from(OTHER_METHODS))
    return draw(st.sampled_from(allowed))


def best_language(header: str | None, default: str = "en") -> str:
    """The locale the app picks from an Accept-Language header (as Flask-Babel's selector)."""
    accept = parse_accept_header(header or "", LanguageAccept)
    return accept.best_match(LANGS) or default


# --- checking answers -------------------------------------------------------------------


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


MESSAGE_PATHS = (
    f"//section[{_has_class('error-page')}]/h1",
    f"//section[{_has_class('error-page')}]/p[not({_has_class('error-code')})]",
    f"//li[{_has_class('flash')}]",
    f"//p[{_has_class('error')}]",
    # a save that met a newer version (409): the conflict or merge box says what happened
    f"//section[{_has_class('conflict')} and @role='alert']/h2",
)


def html_messages(data: bytes) -> list[str]:
    """Error texts a page shows: error-page heading and text, flashes, field errors."""
    if not data.strip():
        return []
    tree = lxml_html.fromstring(data)
    texts = []
    for path in MESSAGE_PATHS:
        texts += [" ".join(el.text_content().split()) for el in tree.xpath(path)]
    return [t for t in texts if t]


def looks_russian(text: str) -> bool:
    return bool(CYRILLIC.search(text))


@dataclass
class Tally:
    """Requests actually sent, per test and per rule (rule = what the server matched)."""

    sent: Counter = field(default_factory=Counter)
    completed: set = field(default_factory=set)
    matched: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.sent.values())
