"""The individual QA checks: each takes a source sentence and its translation and yields
``(severity, message)`` or ``(severity, message, fixed_text)``. See :mod:`.qa`."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from flask_babel import gettext as _
from flask_babel import ngettext

from newsdesk.machine_translation import scanning, terms
from newsdesk.machine_translation.locale_forms import Form, find_forms
from newsdesk.machine_translation.mask import GlossaryTerm, find_tokens
from newsdesk.machine_translation.pipeline import normalize_sentence
from newsdesk.machine_translation.segment import find_urls
from newsdesk.review import typography

ERROR, WARNING = "error", "warning"
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
                ngettext(
                    "Inline markup differs from the source: “%(mark)s” %(num)d time instead "
                    "of %(wanted)d.",
                    "Inline markup differs from the source: “%(mark)s” %(num)d times instead "
                    "of %(wanted)d.",
                    count,
                    mark=mark,
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
