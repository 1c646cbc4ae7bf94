"""Every function that reads user text takes time linear in its length (issue 13).

Each entry point found by auditing the regexes and loops of ``newsdesk`` is run on every
pathological input of :mod:`bench.linear` (runs of quotes, spaces after ``](``, ``)``
after a URL, dashes, initials, full stops, brackets, emphasis runs...) at n and 8n
characters; the time may grow 8x (linear), not 64x (quadratic).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import linear
from newsdesk import hygiene, markup
from newsdesk.interop import import_flags, inline, tmx
from newsdesk.machine_translation import (
    blocks,
    locale_forms,
    pipeline,
    quality,
    scanning,
    segment,
    terms,
)
from newsdesk.machine_translation.mask import GlossaryTerm, find_tokens, mask_sentence
from newsdesk.machine_translation.restore import restore
from newsdesk.review import alignment, checks, diff, qa, staleness, typography, units
from newsdesk.site import search, seo, stemming
from newsdesk.stories import fields
from tests.mt_fakes import FakeEngine

GLOSSARY = (
    GlossaryTerm("city council", "городской совет"),
    GlossaryTerm("npm", "npm", "do_not_translate"),
    GlossaryTerm("Acme", "Акме", "do_not_translate"),
    GlossaryTerm("mayor", "мэр"),
    GlossaryTerm("blah", "бла", "forbidden"),
)
SOURCE = "Первое предложение."
NBSP = "\u00a0"


def _masked(text: str) -> list:
    tokens = find_tokens(text, "en", "ru", GLOSSARY)
    spans = segment.sentence_spans(text, "en", [(t.start, t.end) for t in tokens])
    return [mask_sentence(text[a:b], a, tokens) for a, b in spans]


_ECHO = _masked("The mayor said *this* in [a link](http://a.b) at 10:30.")[0]


def _translate(text: str) -> object:
    engine = FakeEngine("en", "ru")
    return pipeline.translate_document(
        title=text[:200], lead=text, body=text, source="en", target="ru",
        engine=engine, glossary=GLOSSARY,
    )  # fmt: skip


def _align(text: str) -> object:
    skeleton = units.layout("Title", "Lead.", "One. Two.", "en", "ru")
    olds = ["Заголовок", "Лид.", "Один.", "Два."]
    try:
        return alignment.align(skeleton, olds, "Заголовок", "Лид.", text, "ru", "en")
    except alignment.AlignmentError:
        return None


def _stale(text: str) -> object:
    """Matching a changed source's sentences with the old ones (repeats, reorders)."""
    sentences = segment.split_sentences(text, "en")
    olds = [SimpleNamespace(id=n, source_text=s) for n, s in enumerate(reversed(sentences))]
    return staleness._match([*sentences, "A new one."], olds, {})


def _encode(text: str) -> object:
    from lxml import etree

    book = inline.CodeBook()
    for side in ("source", "target"):
        inline.encode(etree.Element(inline.q(side)), text, "en", "ru", book, side)
    return book


def _tmx_seg(text: str) -> object:
    from lxml import etree

    seg = etree.Element("seg")
    tmx.write_seg(seg, text, "en", "ru", tmx.Numbers(), "source")
    return seg


def _both(check: Callable) -> Callable[[str], object]:
    """A QA check with the text as the translation and as the source, both directions."""

    def run(text: str) -> object:
        extra = {"glossary": GLOSSARY} if check in (checks.check_glossary,
                                                    checks.check_untranslated) else {}  # fmt: skip
        return [
            *check(SOURCE, text, "en", "ru", **extra),
            *check(text, SOURCE, "ru", "en", **extra),
            *check(text, text, "en", "ru", **extra),
        ]

    return run


ENTRY_POINTS: dict[str, Callable[[str], object]] = {
    **{f"qa.{code}": _both(check) for code, check in qa.CHECKS},
    "qa.check_empty": _both(checks.check_empty),
    "qa.check_sentence": lambda t: qa.check_sentence(SOURCE, t, "en", "ru", GLOSSARY),
    "qa.fix_all": lambda t: qa.fix_all(t, "ru"),
    "qa.terms_in": lambda t: qa.terms_in(t, "en", GLOSSARY),
    "checks.tidy_spaces": checks.tidy_spaces,
    "typography.fix": typography.fix,
    "typography.group_digits": typography.group_digits,
    "segment.find_urls": segment.find_urls,
    "segment.split_sentences en": lambda t: segment.split_sentences(t, "en"),
    "segment.split_sentences ru": lambda t: segment.split_sentences(t, "ru"),
    "locale_forms.find_forms en": lambda t: list(locale_forms.find_forms(t, "en")),
    "locale_forms.find_forms ru": lambda t: list(locale_forms.find_forms(t, "ru")),
    "mask.find_tokens and mask_sentence": _masked,
    "mask.find_tokens ru": lambda t: find_tokens(t, "ru", "en", GLOSSARY),
    "restore.restore": lambda t: restore(_ECHO, t),
    "quality.forbidden_terms": lambda t: quality.forbidden_terms(t, "ru", GLOSSARY),
    "quality.wrong_script": lambda t: quality.wrong_script(t, "ru"),
    "pipeline.translate_document": _translate,
    "pipeline.sentence_key": pipeline.sentence_key,
    "blocks.parse_blocks": blocks.parse_blocks,
    "blocks.plain_document": lambda t: blocks.plain_document(t, "lead"),
    "units.layout": lambda t: units.layout(t[:300], t, t, "en", "ru", GLOSSARY),
    "units.content_key": units.content_key,
    "alignment.align": _align,
    "diff.word_diff": lambda t: diff.word_diff(t, t[: len(t) // 2] + "x" + t[len(t) // 2 :]),
    "markup.render_markdown": lambda t: markup._render(t),
    "hygiene.text_problem": hygiene.text_problem,
    "hygiene.is_mixed_script": hygiene.is_mixed_script,
    "search.normalize": search.normalize,
    "search.highlight": lambda t: search.highlight(t, ["a", "слов", "1"], "ru"),
    "search.snippet": lambda t: search.snippet(t, ["a", "слов", "1"], "ru"),
    "search.query_terms": lambda t: search.query_terms(t, "ru"),
    "stemming.stemmed_text en": lambda t: stemming.stemmed_text("en", t),
    "stemming.stemmed_text ru": lambda t: stemming.stemmed_text("ru", t),
    "search.plain_body": lambda t: search._plain_body.__wrapped__(t),
    "seo.shorten": seo.shorten,
    "fields.parse_tags": fields.parse_tags,
    "interop.inline.encode": _encode,
    "interop.tmx.write_seg": _tmx_seg,
    "interop.import_flags.has_words": lambda t: import_flags.has_words(t, "en", "ru", GLOSSARY),
    "interop.import_flags.kept_old_codes": lambda t: import_flags.kept_old_codes(t, "x" + t, "ru"),
    "staleness.match": _stale,
}


@pytest.mark.parametrize("entry", sorted(ENTRY_POINTS))
def test_entry_point_is_linear_on_every_pathological_input(entry):
    func = ENTRY_POINTS[entry]
    slow = []
    for name in linear.PATTERNS:
        ok, detail = linear.is_linear(func, name)
        if not ok:
            slow.append(detail)
    assert not slow, f"{entry} grows faster than linearly on: " + "; ".join(slow)


def test_a_quadratic_function_is_caught():
    """The measurement itself can fail: a quadratic loop is reported, a linear one not."""

    def quadratic(text: str) -> int:
        return sum(text.count(text[i], 0, i) for i in range(0, len(text), 4))

    assert not linear.is_linear(quadratic, "long word")[0]
    assert linear.is_linear(lambda t: t.count("a"), "long word")[0]


def _big_glossary(count: int) -> list[GlossaryTerm]:
    kinds = ("preferred", "do_not_translate", "forbidden")
    return [GlossaryTerm(f"term{n} word", f"термин{n} слово", kinds[n % 3]) for n in range(count)]


@pytest.mark.parametrize(
    "run",
    [
        lambda g, s: qa.check_sentence(s, "Мэр сказал это вчера, term5 word.", "en", "ru", g),
        lambda g, s: find_tokens(s, "en", "ru", g),
        lambda g, s: quality.forbidden_terms(s, "ru", g),
    ],
    ids=["qa.check_sentence", "mask.find_tokens", "quality.forbidden_terms"],
)
def test_glossary_size_does_not_matter(run):
    """10,000 terms cost a few milliseconds per sentence, about what 10 terms cost."""
    glossary = _big_glossary(10_000)
    sentence = "The mayor said term5 word and term9999 word to the city council at noon."
    run(glossary, sentence)  # the glossary's index is built once, then reused
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        run(glossary, sentence)
        best = min(best, time.process_time() - started)
    assert best < 0.005, f"{best * 1e3:.1f} ms per sentence with 10,000 terms"


# The linear rewrites find what the old (quadratic) patterns found: the old patterns are
# kept here as the reference, and compared on text made of their tricky pieces.
def _pieces(*pieces: str) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=12).map("".join)


_OLD_PROTECTED = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^<>]*>|https?://\S+")
_OLD_TYPOGRAPHY = {
    "_DASH": r"[ \t\u00a0]+(?:-|–|—|--)[ \t\u00a0]+",
    "_YEAR": r"(\d)[ \t]+(гг?\.)",
    "_INITIALS_FIRST": r"(?<!\w)([А-ЯЁ]\.)[ \t]*([А-ЯЁ]\.)?[ \t]+(?=[А-ЯЁ][а-яё])",
    "_INITIALS_AFTER": r"(?<![\w.])([А-ЯЁ][а-яё]+)[ \t]+([А-ЯЁ]\.)(?:[ \t\u00a0]*([А-ЯЁ]\.))?"
    r"(?![ \t\u00a0]*[А-ЯЁ](?:[а-яё]|\.))",
    "_STRAIGHT_QUOTED": r"\"([^\"\n]+)\"",
    "_CURLY_QUOTED": r"“([^“”\n]+)”",
}


@settings(max_examples=400, deadline=None)
@given(_pieces("`", "](", "<", ">", ")", "]", "http://", "https://", " ", "a", "\n", "x y"))
def test_typography_protects_what_the_old_pattern_did(text):
    assert typography._protected(text) == [m.span() for m in _OLD_PROTECTED.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_pieces(" ", "\t", NBSP, "-", "–", "—", "А.", "Б", "Иванов", "а", "1", "г.", "гг.",
               '"', "“", "”", "\n", "x", "."))  # fmt: skip
def test_typography_rules_match_what_the_old_patterns_did(text):
    for name, old in _OLD_TYPOGRAPHY.items():
        new = getattr(typography, name)
        expected = [(m.span(), m.groups()) for m in re.finditer(old, text)]
        assert [(m.span(), m.groups()) for m in new.finditer(text)] == expected, name


@settings(max_examples=400, deadline=None)
@given(_pieces("`", "``", "a", " ", "\n", "<", "<!--", "-->", ">", "/", "b-"))
def test_code_and_html_scans_match_the_old_patterns(text):
    old_code = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
    old_html = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.S)
    assert [m.span() for m in scanning.CODE.finditer(text)] == [
        m.span() for m in old_code.finditer(text)
    ]
    assert [m.span() for m in scanning.HTML.finditer(text)] == [
        m.span() for m in old_html.finditer(text)
    ]


@settings(max_examples=400, deadline=None)
@given(_pieces("[", "]", "(", ")", "!", "a", " ", '"', "<", ">", "\n", "]("))
def test_link_texts_match_the_old_patterns(text):
    old_link = r"!?\[([^\]]*)\]\((?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+\"[^\"]*\")?\s*\)"
    old_ref = r"!?\[([^\]]*)\]\[[^\]]*\]"
    assert units._link_texts(text, units._LINK_TAIL) == re.sub(old_link, r"\1", text)
    assert units._link_texts(text, units._REF_TAIL) == re.sub(old_ref, r"\1", text)


_FORMS = ["city", "city council", "Acme", "npm", "c++", "x_y", "Ёлка", "mr."]


@settings(max_examples=300, deadline=None)
@given(
    _pieces("city", " council", "Acme", "npm", "c++", "x", "_", " ", "CITY", "ёлка", "mr.", "s"),
    st.lists(st.sampled_from(_FORMS), max_size=6, unique=True),
)
def test_term_index_finds_what_the_old_alternation_found(text, forms):
    """Masking's leftmost-longest scan, and the QA's any-occurrence test, on word edges."""
    index = terms.TermIndex([(f, f) for f in forms], terms.SNAKE)
    by_length = sorted(forms, key=len, reverse=True)
    expected = []
    if forms:
        old = re.compile(
            r"(?<![^\W_])(?<![^\W_]_)(?:" + "|".join(map(re.escape, by_length)) + r")"
            r"(?![^\W_])(?!_[^\W_])",
            re.I,
        )
        expected = [(m.start(), m.end()) for m in old.finditer(text)]
    assert [(a, b) for a, b, _form in index.scan(text)] == expected
    letters = terms.TermIndex([(f, f) for f in forms])
    found = {
        f for f in forms if re.search(r"(?<![^\W_])" + re.escape(f) + r"(?![^\W_])", text, re.I)
    }
    assert letters.values_in(text) == found


def _exhaustive(block_text, spans, olds, sources):
    """The old distribute(): every split tried (cubic), the reference for small blocks."""
    k, r = len(olds), len(spans)
    sentences = [block_text[a:b] for a, b in spans]

    def score(text, old, source):
        if old.strip():
            return alignment.similarity(text, old) if text else 0.0
        if not text:
            return 0.5
        a, b = len(text), max(len(source), 1)
        return 0.4 + 0.5 * min(a, b) / max(a, b)

    worst = float("-inf")
    best = [[worst] * (r + 1) for _ in range(k + 1)]
    back = [[0] * (r + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for i in range(k):
        for p in range(r + 1):
            if best[i][p] == worst:
                continue
            for q in range(p, r + 1):
                value = best[i][p] + score(" ".join(sentences[p:q]), olds[i], sources[i])
                if value > best[i + 1][q]:
                    best[i + 1][q], back[i + 1][q] = value, p
    cuts, q = [], r
    for i in range(k, 0, -1):
        p = back[i][q]
        cuts.append((p, q))
        q = p
    return [block_text[spans[p][0] : spans[q - 1][1]] if q > p else "" for p, q in reversed(cuts)]


_WORDS = ["Мэр", "сказал", "город", "вчера", "новый", "мост", "открыт"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4), max_size=9),
    st.lists(st.lists(st.sampled_from(_WORDS), max_size=4), min_size=1, max_size=6),
)
def test_bounded_alignment_gives_what_trying_every_split_gave(sentences, olds):
    text = " ".join(" ".join(words) + "." for words in sentences)
    spans, pos = [], 0
    for words in sentences:
        length = len(" ".join(words)) + 1
        spans.append((pos, pos + length))
        pos += length + 1
    old_texts = [" ".join(words) + "." if words else "" for words in olds]
    sources = ["Source sentence." for _ in olds]
    expected = _exhaustive(text, spans, old_texts, sources)
    assert alignment.distribute(text, spans, old_texts, sources) == expected


def test_a_long_paragraph_is_realigned_in_bounded_time():
    """250 short sentences in one paragraph (15 s before): quadratic at most, bounded."""
    sentences = [f"Предложение номер {n}." for n in range(250)]
    text = " ".join(sentences)
    spans, pos = [], 0
    for sentence in sentences:
        spans.append((pos, pos + len(sentence)))
        pos += len(sentence) + 1
    started = time.process_time()
    groups = alignment.distribute(text, spans, sentences, ["Sentence."] * 250)
    assert time.process_time() - started < 2.0
    assert groups == sentences
