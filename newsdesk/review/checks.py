"""The individual QA checks: each takes a source sentence and its translation and yields
``(severity, message)`` or ``(severity, message, fixed_text)``. See :mod:`.qa`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from flask_babel import gettext as _

from ..machine_translation import scanning, terms
from ..machine_translation.blocks import markdown_parser, parse_blocks
from ..machine_translation.locale_forms import Form, find_forms
from ..machine_translation.mask import GlossaryTerm, find_tokens
from ..machine_translation.pipeline import normalize_sentence
from ..machine_translation.segment import find_urls
from . import typography

ERROR, WARNING = "error", "warning"
_MARKDOWN = markdown_parser()
CODES = (
    "numbers",
    "links",
    "markup",
    "glossary",
    "untranslated",
    "empty",
    "same_as_source",
    "length_ratio",
    "punctuation",
    "whitespace",
    "typography",
)
#: Plausible target/source length ratios per direction; outside them is worth a look.
LENGTH_RATIO = {("en", "ru"): (0.6, 2.0), ("ru", "en"): (0.5, 1.7)}
MIN_LENGTH_FOR_RATIO = 20

# Linear in the text (issue 13): possessive runs; code spans by a plain scan (a regex for
# them is quadratic in runs of backticks without a closer).
_LINK_TARGET = re.compile(
    r"\]\(\s*+<?([^()\s<>]*+(?:\([^()\s]*+\)[^()\s<>]*+)*+)>?(?:\s++\"[^\"]*+\")?+\s*+\)"
)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^\s<>]*+)>")
_TAG = re.compile(r"</?([A-Za-z][\w-]*+)(?:\s[^<>]*+)?/?>")
_WORD = {
    "en": re.compile(r"[A-Za-z][A-Za-z'’-]*"),
    "ru": re.compile(r"[А-Яа-яЁё][А-Яа-яЁё'’-]*"),
}
_CLOSING = "»\"”’')]*_~"  # may follow a sentence's end punctuation
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \t]{2,}+(?=\S)")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<=[\w»\"”’)\]])[ \t]++(?=[,.;:!?](?:\s|$))")

Result = tuple  # (severity, message) or (severity, message, fixed_text)


def _strip_code(text: str) -> str:
    out, pos = [], 0
    for start, end, _ticks in scanning.code_spans(text):
        out += [text[pos:start], " "]
        pos = end
    return "".join(out) + text[pos:]


def _code_texts(text: str) -> list[str]:
    return [text[start + ticks : end - ticks] for start, end, ticks in scanning.code_spans(text)]


_REFERENCE_LABEL = re.compile(r"\]\[[^\[\]\n]*+\]")


def _without_urls(text: str) -> str:
    """The text without link addresses, reference labels (``[text][label]``) and URLs."""
    text = _AUTOLINK.sub(" ", _LINK_TARGET.sub("]", _REFERENCE_LABEL.sub("]", text)))
    out, pos = [], 0
    for start, end in sorted(find_urls(text)):
        out += [text[pos : max(pos, start)], " "]
        pos = max(pos, end)
    return "".join(out) + text[pos:]


def _forms(text: str, lang: str) -> list[Form]:
    return list(find_forms(_without_urls(_strip_code(text)), lang))


def _digits(form: Form) -> str:
    return "".join(ch for ch in form.text if ch.isdigit())


def _ends(form: Form) -> list[tuple]:
    """The keys of a range's two ends: ``10–12`` or the days of ``3–16 June``."""
    if form.kind == "date" and form.first_day and form.day is not None:
        return [_day_key(form, form.first_day), _day_key(form, form.day.day)]
    return [part.key for part in form.parts]


def _day_key(form: Form, day: int) -> tuple:
    assert form.day is not None
    return ("date", form.day.year if form.has_year else None, form.day.month, day, 0)


def _take(found: Counter, form: Form) -> bool:
    """Consume the target's value for ``form`` (a range may be written as its two ends,
    and two dates of one month as a range: "from June 3 to June 16" = "с 3 по 16 июня")."""
    if found[form.key] > 0:
        found[form.key] -= 1
        return True
    parts = _ends(form)
    if parts and all(found[key] > 0 for key in parts):
        for key in parts:
            found[key] -= 1
        return True
    return False


def _other_units(sources: list[Form], targets: list[Form], target_lang: str) -> Iterator[Result]:
    """A measurement whose value survived with another unit symbol (15 cm → 15 мм)."""
    units = {}
    for form in targets:
        if form.kind == "unit":
            units.setdefault(form.key, set()).add(form.unit)
    for form in sources:
        if form.kind == "unit" and units.get(form.key) and form.unit not in units[form.key]:
            yield (
                ERROR,
                _(
                    "“%(number)s” has another unit in the translation (in this language: "
                    "“%(expected)s”).",
                    number=form.text,
                    expected=form.render(target_lang),
                ),
            )


def check_numbers(source: str, target: str, source_lang: str, target_lang: str) -> Iterator[Result]:
    """Every number, date, time, percentage and amount of the source is in the target with
    the same meaning: sign, both ends of a range, the digits of a phone or a version."""
    target_forms = _forms(target, target_lang)
    found = Counter(f.key for f in target_forms)
    for form in target_forms:  # a range in the translation also stands for its ends
        if form.kind == "date":
            found.update(_ends(form))
    missing = [form for form in _forms(source, source_lang) if not _take(found, form)]
    for form in missing:
        yield (
            ERROR,
            _(
                "“%(number)s” is missing from the translation (in this language: “%(expected)s”).",
                number=form.text,
                expected=form.render(target_lang),
            ),
        )
    yield from _other_units(_forms(source, source_lang), target_forms, target_lang)
    # A number of the translation that the source does not have, unless it is one of the
    # missing ones written wrongly (its digits are already reported above).
    wrong = {_digits(form) for form in missing}
    extra = []
    for form in target_forms:
        if found[form.key] > 0:
            found[form.key] -= 1
            ends = _ends(form) if form.kind == "date" else []
            if ends and all(found[key] < 1 for key in ends):
                continue  # the range stood for two dates of the source
            if _digits(form) not in wrong:
                extra.append(form.text)
    for text in dict.fromkeys(extra):
        yield (
            WARNING,
            _("The translation has “%(number)s”, which the source does not.", number=text),
        )
    if target_lang == "ru":
        fixed = _group_digits_outside_codes(target, target_lang)
        if fixed != target:
            yield WARNING, _("Separate digit groups with a no-break space (1 000)."), fixed


def _group_digits_outside_codes(text: str, lang: str) -> str:
    """Russian digit grouping, except inside code, link addresses, URLs, phone numbers,
    versions and other digit codes."""
    spans = [(start, end) for start, end, _ticks in scanning.code_spans(text)]
    spans += [
        m.span()
        for pattern in (_LINK_TARGET, _AUTOLINK, _REFERENCE_LABEL)
        for m in pattern.finditer(text)
    ]
    spans += find_urls(text)
    spans += [(f.start, f.end) for f in find_forms(text, lang) if f.kind == "verbatim"]
    out, pos = [], 0
    for start, end in sorted(spans):
        if start >= pos:
            out += [typography.group_digits(text[pos:start]), text[start:end]]
            pos = end
        elif end > pos:
            out.append(text[pos:end])
            pos = end
    out.append(typography.group_digits(text[pos:]))
    return "".join(out)


def _link_targets(text: str) -> Counter:
    text = _strip_code(text)
    targets = [m.group(1) for m in _LINK_TARGET.finditer(text)]
    targets += [m.group(1) for m in _AUTOLINK.finditer(text)]
    bare = _AUTOLINK.sub(" ", _LINK_TARGET.sub("]", text))
    targets += [bare[a:b] for a, b in find_urls(bare)]
    return Counter(targets)


def _well_formed_links(text: str, lang: str, other: str) -> int:
    """How many links and images are written as Markdown reads them (``[text](url)``)."""
    return sum(1 for t in find_tokens(text, lang, other) if t.kind == "link" and t.role == "open")


def check_links(source: str, target: str, source_lang: str, target_lang: str) -> Iterator[Result]:
    """The same link targets, each as many times, each written as a working link."""
    wanted, found = _link_targets(source), _link_targets(target)
    for url in (wanted - found).elements():
        yield ERROR, _("The link to %(url)s is missing from the translation.", url=url)
    for url in (found - wanted).elements():
        yield ERROR, _("The translation links to %(url)s, which the source does not.", url=url)
    if len(_EMPTY_LINK.findall(target)) > len(_EMPTY_LINK.findall(source)):
        yield ERROR, _("A link has no text: put the linked words back between “[” and “]”.")
    elif wanted == found and _well_formed_links(target, target_lang, source_lang) < (
        _well_formed_links(source, source_lang, target_lang)
    ):
        yield (
            ERROR,
            _(
                "A link is broken: write it as [link text](address), with nothing between "
                "“]” and “(”."
            ),
        )


def _rendered_links(body: str) -> tuple[Counter, dict[str, str]]:
    """The addresses of the links and images Markdown renders, and the definitions."""
    env: dict = {}
    addresses: Counter = Counter()
    for token in _MARKDOWN.parse(body, env):
        for child in token.children or ():
            if child.type == "link_open" or child.type == "image":
                addresses[str(child.attrs.get("href") or child.attrs.get("src") or "")] += 1
    definitions = {label: ref["href"] for label, ref in env.get("references", {}).items()}
    return addresses, definitions


def check_article_links(source_body: str, target_body: str) -> Iterator[Result]:
    """Every link of the source renders as a link in the translation (a changed reference
    label or a broken bracket leaves plain text), with the same address."""
    wanted, wanted_refs = _rendered_links(source_body)
    found, found_refs = _rendered_links(target_body)
    # Labels may be translated too: the definitions' addresses are what must survive.
    lost = Counter(wanted_refs.values()) - Counter(found_refs.values())
    for url in lost.elements():
        yield ERROR, _("The link to %(url)s is missing from the translation.", url=url)
    if lost:
        return
    referenced = set(wanted_refs.values())
    for url in (wanted - found).elements():
        if url in referenced:  # inline links are checked sentence by sentence
            yield (
                ERROR,
                _(
                    "The link to %(url)s no longer works in the translation: check its label "
                    "in brackets.",
                    url=url,
                ),
            )


def check_structure(source_body: str, target_body: str) -> Iterator[Result]:
    """The same blocks in the same order: headings, list items, quotes, tables, paragraphs."""
    kinds = [block.kind for block in parse_blocks(source_body).blocks]
    found = [block.kind for block in parse_blocks(target_body).blocks]
    if kinds != found:
        names = {
            "heading": _("heading"),
            "list_item": _("list item"),
            "blockquote": _("quotation"),
            "table_cell": _("table cell"),
            "paragraph": _("paragraph"),
        }
        for n, (want, have) in enumerate(zip(kinds, found, strict=False), 1):
            if want != have:
                yield (
                    ERROR,
                    _(
                        "Block %(number)d is a %(found)s in the translation but a %(wanted)s in "
                        "the source: keep the source's Markdown structure.",
                        number=n,
                        found=names.get(have, have),
                        wanted=names.get(want, want),
                    ),
                )
                return
        yield (
            ERROR,
            _(
                "The source has %(wanted)d blocks (paragraphs, headings, list items, quotes), "
                "the translation %(found)d: keep the source's Markdown structure.",
                wanted=len(kinds),
                found=len(found),
            ),
        )


def _delimiters(text: str) -> dict[str, int]:
    """How many emphasis delimiters of each kind (outside code and URLs)."""
    text = _without_urls(_strip_code(text))
    single = text.replace("**", "")
    under = text.replace("__", "")
    return {
        "**": text.count("**"),
        "*": len(re.findall(r"(?<!\s)\*|\*(?!\s)", single)),
        "__": len(re.findall(r"(?<!\w)__|__(?!\w)", text)),
        "_": len(re.findall(r"(?<!\w)_(?=\S)|(?<=\S)_(?!\w)", under)),
        "~~": text.count("~~"),
    }


def check_markup(source: str, target: str, source_lang: str, target_lang: str) -> Iterator[Result]:
    """Inline markup balanced and the same as the source's; code spans unchanged."""
    target_code = _code_texts(target)
    for code in _code_texts(source):
        if code not in target_code:
            yield ERROR, _("The code “%(code)s” must appear unchanged.", code=code)
    src, tgt = _delimiters(source), _delimiters(target)
    for mark, count in tgt.items():
        if count % 2:
            yield ERROR, _("Unbalanced “%(mark)s” in the translation.", mark=mark)
        elif count != src[mark] and not src[mark] % 2:
            yield (
                WARNING,
                _(
                    "Inline markup differs from the source: “%(mark)s” %(found)d times instead "
                    "of %(wanted)d.",
                    mark=mark,
                    found=count,
                    wanted=src[mark],
                ),
            )
    if Counter(_TAG.findall(source)) != Counter(_TAG.findall(target)):
        yield WARNING, _("The HTML tags differ from the source's.")
    if len(_EMPTY_MARK.findall(target)) > len(_EMPTY_MARK.findall(source)):
        yield ERROR, _("A link, emphasis or tag has nothing inside it: put its words back in.")


_EMPTY_LINK = re.compile(r"(?<!!)\[\s*+\]\(")
# A mark with nothing inside: "****", "__ __", "<abbr></abbr>" (possessive: linear).
_EMPTY_MARK = re.compile(
    r"(?<![*\\])\*\*\s*+\*\*(?!\*)|(?<!_)__\s*+__(?!_)|~~\s*+~~"
    r"|<([A-Za-z][\w-]*+)(?:\s[^<>]*+)?+>\s*+</\1>"
)


# Word edges by letters and digits only: "_" is Markdown emphasis (``_term_``), not a letter.
_WORD_START, _WORD_END = r"(?<![^\W_])", r"(?![^\W_])"


def _has(text: str, form: str) -> bool:
    return re.search(_WORD_START + re.escape(form) + _WORD_END, text, re.I) is not None


def _has_inflected(text: str, form: str, lang: str) -> bool:
    """Is the term in the text, allowing Russian words any ending?"""
    if lang != "ru":
        return _has(text, form)
    parts = [
        re.escape(w[: max(4, len(w) - 2)]) + r"[^\W_]*" if len(w) > 4 else re.escape(w)
        for w in form.split()
    ]
    pattern = _WORD_START + r"\W+".join(parts) + _WORD_END
    return re.search(pattern, text, re.I) is not None


def _source_forms(glossary: Sequence[GlossaryTerm], lang: str) -> terms.TermIndex:
    return terms.TermIndex(
        (form, number)
        for number, term in enumerate(glossary)
        if term.kind != "forbidden"
        for form in (term.form(lang), term.source_form or "")
    )


def _forbidden_forms(glossary: Sequence[GlossaryTerm], lang: str) -> terms.TermIndex:
    forms = ((t.form(lang), n) for n, t in enumerate(glossary) if t.kind == "forbidden")
    return terms.TermIndex(forms)


def terms_in(source: str, source_lang: str, glossary: Sequence[GlossaryTerm]) -> list:
    """The glossary terms (not forbidden ones) whose source form occurs in ``source``."""
    # One trie per glossary (cached): the cost does not grow with the glossary's size.
    index = terms.cached_index(
        glossary, ("qa source", source_lang), lambda g: _source_forms(g, source_lang)
    )
    return [glossary[n] for n in sorted(index.values_in(source))]


def check_glossary(
    source: str,
    target: str,
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryTerm] = (),
) -> Iterator[Result]:
    """Preferred terms used, do-not-translate terms unchanged, forbidden terms absent."""
    for term in terms_in(source, source_lang, glossary):
        term_text, form = term.form(source_lang), term.form(target_lang)
        if term.kind == "do_not_translate" and not _has(target, form):
            yield ERROR, _("“%(term)s” must stay as it is: “%(form)s”.", term=term_text, form=form)
        elif term.kind == "preferred" and not _has_inflected(target, form, target_lang):
            yield (
                WARNING,
                _("The glossary translates “%(term)s” as “%(form)s”.", term=term_text, form=form),
            )
    forbidden = terms.cached_index(
        glossary, ("qa forbidden", target_lang), lambda g: _forbidden_forms(g, target_lang)
    )
    for number in sorted(forbidden.values_in(target)):
        yield ERROR, _("“%(form)s” is a forbidden term.", form=glossary[number].form(target_lang))


def _names(glossary: Sequence[GlossaryTerm]) -> terms.TermIndex:
    return terms.TermIndex(((f, f) for t in glossary for f in (t.en, t.ru)), terms.WORD)


def check_untranslated(
    source: str,
    target: str,
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryTerm] = (),
) -> Iterator[Result]:
    """Runs of the source's script left in the target (names, brands and URLs excepted)."""
    if source_lang == target_lang:
        return
    text = _TAG.sub(" ", _without_urls(_strip_code(target)))
    text = re.sub(r"(?<![\w@.])@\w+", " ", text)
    names = terms.cached_index(glossary, "qa names", _names)
    text = names.blank(text)  # longest first, as if replaced name after name
    word = _WORD[source_lang].pattern
    for run in re.finditer(rf"{word}(?:[ \u00a0]++{word})*+", text):
        words = _WORD[source_lang].findall(run.group())
        if source_lang == "ru":
            severity = ERROR if len(words) >= 2 else WARNING
        else:
            common = [w for w in words if w[0].islower() and len(w) >= 2]
            long_common = [w for w in common if len(w) >= 4]
            if len(common) >= 2 or (long_common and len(words) >= 2):
                severity = ERROR
            elif long_common:
                severity = WARNING
            else:
                continue  # names, brands, acronyms ("Bank of America")
        yield severity, _("Untranslated: “%(text)s”.", text=run.group())


def check_empty(source: str, target: str, source_lang: str, target_lang: str) -> Iterator[Result]:
    if source.strip() and not target.strip():
        yield ERROR, _("The sentence is not translated.")


def check_same_as_source(
    source: str, target: str, source_lang: str, target_lang: str
) -> Iterator[Result]:
    same = normalize_sentence(source).casefold() == normalize_sentence(target).casefold()
    words = _WORD[source_lang].findall(_without_urls(_strip_code(source)))
    if same and source_lang != target_lang and any(w[0].islower() and len(w) >= 3 for w in words):
        yield WARNING, _("The translation is the same as the source.")


def check_length_ratio(
    source: str, target: str, source_lang: str, target_lang: str
) -> Iterator[Result]:
    low, high = LENGTH_RATIO.get((source_lang, target_lang), (0.5, 2.0))
    a, b = len(normalize_sentence(source)), len(normalize_sentence(target))
    if a >= MIN_LENGTH_FOR_RATIO and b and not low <= b / a <= high:
        yield (
            WARNING,
            _(
                "The translation is %(percent)d%% of the source's length: check for missing or "
                "added text.",
                percent=round(100 * b / a),
            ),
        )


def _ending(text: str) -> str:
    core = scanning.strip_trailing(text, _CLOSING)
    if core.endswith("...") or core.endswith("…"):
        return "…"
    return core[-1] if core and core[-1] in ".!?:;" else ""


def check_punctuation(
    source: str, target: str, source_lang: str, target_lang: str
) -> Iterator[Result]:
    if not (source.strip() and target.strip()):
        return
    found, wanted = _ending(target), _ending(source)
    if found == wanted:
        return
    if not found:
        message = _("The source ends with “%(wanted)s”; the translation has no end punctuation.")
    elif not wanted:
        message = _("The translation ends with “%(found)s”; the source has no end punctuation.")
    else:
        message = _("The translation ends with “%(found)s”, the source with “%(wanted)s”.")
    yield WARNING, message % {"found": found, "wanted": wanted}


def tidy_spaces(text: str) -> str:
    return _SPACE_BEFORE_PUNCT.sub("", _DOUBLE_SPACE.sub(" ", text.strip()))


def check_whitespace(
    source: str, target: str, source_lang: str, target_lang: str
) -> Iterator[Result]:
    fixed = tidy_spaces(target)
    if target != target.strip():
        yield WARNING, _("Spaces at the start or the end of the sentence."), fixed
    elif fixed != target:
        yield WARNING, _("Double spaces or a space before punctuation."), fixed


def check_typography(
    source: str, target: str, source_lang: str, target_lang: str
) -> Iterator[Result]:
    if target_lang == "ru":
        fixed = typography.fix(target)
        if fixed != target:
            yield (
                WARNING,
                _(
                    "Russian typography: «ёлочки» quotes, a dash with spaces, no-break spaces "
                    "before «г.» and after initials."
                ),
                fixed,
            )
