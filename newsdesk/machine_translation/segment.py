"""Split English and Russian text into sentences without losing or adding a character.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (with any closing quotes and
brackets after it) when whitespace and a word that could start a sentence follow.
Abbreviations (``Dr.``, ``e.g.``, ``г.``, ``т. е.``), initials (``J. R. R. Tolkien``,
``Д. А. Арсеньев``), decimals and URLs/e-mails do not end a sentence. Spans are
returned rather than strings so that the whitespace between sentences stays put.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from newsdesk.machine_translation.locale_forms import check_lang

URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"'«»`]+")
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

_TRAILING = ".,;:!?"


def find_urls(text: str) -> list[tuple[int, int]]:
    """Spans of raw URLs and e-mail addresses, without trailing punctuation."""
    spans = []
    for match in URL_RE.finditer(text):
        start, end = match.span()
        # Counted once, then kept up to date: counting again for each ")" given back was
        # quadratic in a run of ")" after a URL (issue 13).
        opened, closed = text.count("(", start, end), text.count(")", start, end)
        while end > start and (
            text[end - 1] in _TRAILING or (text[end - 1] == ")" and opened < closed)
        ):
            closed -= text[end - 1] == ")"
            end -= 1
        spans.append((start, end))
    if "@" in text:  # scanning for e-mails is slow (it backtracks over every word)
        spans += [m.span() for m in EMAIL_RE.finditer(text)]
    return spans


_TERMINAL = ".!?…"
_TERMINAL_RE = re.compile("[.!?…]")
_WORD_CHARS = re.compile(r"\w*")
_CLOSERS = "\"'»”’)]*_~"
_OPENERS = "\"'«“‘([*_"
_DASHES = "—–-"

#: Abbreviations (lower case, without the final period) that never end a sentence.
_NEVER = {
    "en": set(
        "mr mrs ms dr prof st mt gen col lt sgt capt cmdr adm gov sen rep rev hon pres "
        "e.g i.e vs cf approx dept fig ft max min tel ext vol ch sec".split()
    ),
    "ru": set(
        "г-н г-жа проф акад доц ул пер просп пл им напр см ср стр рис гл ст св тов дж "
        "кв ак т.е т.к т.н т.ч ок тел ауд каб корп пом эт зав зам".split()
    ),
}
#: Abbreviations that may end a sentence: they do only before a typical sentence opener.
_MAYBE = {
    "en": set("inc ltd co corp jr sr no jan feb mar apr jun jul aug sep sept oct nov dec".split()),
    "ru": set("др пр тыс руб коп макс мин".split()),
}
_PREPOSITIONS = set("в во к ко с со до на за от по к около после".split())
_STARTERS = {
    "en": set(
        "The A An He She It They We I You This That These Those There Here In On At But And "
        "However Meanwhile After Before As If When While His Her Its Their Our My Some Many "
        "According Officials Police No Yes Then Now So For".split()
    ),
    "ru": set(
        "Он Она Оно Они Мы Я Вы Это Этот Эта Эти Там Здесь В Во На Но И А По С Со К Ко "
        "После До Как Так Однако Кроме При Его Её Ее Их Для Из За Не Также Уже Сейчас "
        "Тогда Всё Все Всего Ранее Позже Потом Затем Кроме Между Об О".split()
    ),
}


def split_sentences(text: str, lang: str, protected: Iterable[tuple[int, int]] = ()) -> list[str]:
    """Return the sentences of ``text`` (without the whitespace between them)."""
    return [text[start:end] for start, end in sentence_spans(text, lang, protected)]


def sentence_spans(
    text: str, lang: str, protected: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int]]:
    """Return ``(start, end)`` of each sentence; only whitespace lies between them.

    ``protected`` spans (inline code, link targets, numbers...) are never split and
    their punctuation is not taken for a sentence end. URLs and e-mails always are.
    """
    check_lang(lang)
    cover, stops = _cover(text, protected)
    # Russian direct speech: «…, — сказала Иванова. — …». After the author's words the
    # dash opens a new sentence (English writes two: "…," said Ivanova. "…").
    speech = [m.end() for m in _AUTHOR_WORDS.finditer(text)] if lang == "ru" else []
    ends: list[int] = []
    absorbed: dict[int, int] = {}  # memo of _absorb_closers
    i, n = 0, len(text)
    while True:
        # Characters that are neither protected nor terminal punctuation end nothing:
        # go straight to the next one that is.
        at = bisect_left(stops, i)
        if at == len(stops) or stops[at] >= n:
            break
        i = stops[at]
        if cover[i]:
            j = cover[i] - 1 + i  # end of the protected span starting or covering i
            first = j - 1 if text[j - 1] == "." else -1
        else:  # terminal punctuation
            j = first = i
            while j < n and text[j] in _TERMINAL and not cover[j]:
                j += 1
        # Only an end followed by whitespace is classified (looking back at its word): so
        # no word is looked at again for each dot in it ("a.a.a.a...", issue 13).
        k = _absorb_closers(text, j, cover, absorbed) if first >= 0 else j
        if (
            first >= 0
            and k < n
            and text[k].isspace()
            and (verdict := _classify(text, first, j, lang)) != "no"
            and (
                _starts_sentence(text, k, lang, verdict)
                or _speech_goes_on(text, k, speech, ends[-1] if ends else 0)
            )
        ):
            ends.append(k)
        i = max(j, i + 1)
    return _spans(text, sorted({*ends, *_hard_breaks(text)}))


# Entered only at the start of a run of spaces: a possessive run alone is still read again
# from each of its positions (quadratic in long runs of spaces, issue 13).
_HARD_BREAK = re.compile(r"(?:(?<![ \t])[ \t]{2,}+|\\)\n")


def _hard_breaks(text: str) -> list[int]:
    """Markdown hard line breaks (two spaces or a backslash before a newline) end a
    sentence: press contacts and event details are written line by line."""
    return [m.start() for m in _HARD_BREAK.finditer(text)]


def _cover(text: str, protected: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """For each position inside a protected span: 1 + distance to the span's end; and
    the sorted positions that are protected or terminal punctuation."""
    cover = [0] * (len(text) + 1)
    spans = [*protected, *find_urls(text)]
    reach = 0  # end of the furthest span so far
    for start, end in sorted(spans):
        if start >= end:
            continue
        if start >= reach:  # no overlap: the distances are a plain countdown
            cover[start:end] = range(end - start + 1, 1, -1)
        else:
            for pos in range(start, end):
                cover[pos] = max(cover[pos], end - pos + 1)
        reach = max(reach, end)
    stops = {m.start() for m in _TERMINAL_RE.finditer(text)}
    for start, end in spans:
        stops.update(range(start, end))
    return cover, sorted(stops)


def _absorb_closers(text: str, j: int, cover: list[int], memo: dict[int, int]) -> int:
    """Move past closing quotes, brackets, emphasis and protected spans after a sentence end.

    ``memo`` keeps where each position leads, so a chain of adjacent protected spans is
    walked once, not once per span in it."""
    visited = []
    while j < len(text) and j not in memo:
        visited.append(j)
        if cover[j]:
            j += cover[j] - 1
        elif text[j] in _CLOSERS:
            j += 1
        else:
            break
    end = memo.get(j, j)
    for position in visited:
        memo[position] = end
    return end


def _classify(text: str, i: int, j: int, lang: str) -> str:
    """Can the punctuation ``text[i:j]`` end a sentence: "yes", "maybe" or "no"."""
    run = text[i:j]
    if "?" in run or "!" in run or "…" in run or len(run) > 1:
        return "yes"
    word, before = _word_before(text, i)
    lower = word.lower()
    if not word or word.isdigit():
        return "yes"
    if lang == "ru" and lower in ("г", "гг", "в", "вв"):
        # "2024 г." (year) or "XX в." (century) may end a sentence, "г. Москва" may not;
        # after "в 2020 г." a capital is as often the subject ("В 2020 г. Москва ввела").
        if not re.search(r"\d|^[IVXLC]+$", before):
            return "no"
        earlier = _tokens_before(text, i, 3)[2:]  # text[:i].split()[-3:-2], without a copy
        return "maybe" if earlier and earlier[0].lower() in _PREPOSITIONS else "yes"
    if lang == "ru" and lower in ("д", "п"):
        return "yes" if before.lower() == "т." else "no"  # "и т. д." / "и т. п."
    if lower in ("т.д", "т.п"):
        return "yes"
    if len(word) == 1 and word.isalpha() and _TAG.sub("", before)[-1:].isdigit():
        return "yes"  # a unit after a number ("2×3 м. Зал…"), not an initial
    if (len(word) == 1 and word.isalpha()) or lower in _NEVER[lang]:
        return "no"  # initials (J. R. R. Tolkien, Д. А. Арсеньев), "т. е.", titles
    if lower in _MAYBE[lang] or re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}", word):
        return "maybe"
    return "yes"


# What may stand before a word inside a token: quotes, brackets, emphasis, inline tags.
_MARKUP_BEFORE = re.compile(r"^(?:<[^<>\s][^<>]*+>|[\"'«“‘(\[*_~])++")


_TAG = re.compile(r"<[^<>\s][^<>]*+>")  # inline tags around a number: 10<sup>-9</sup> m.


def _word_before(text: str, i: int) -> tuple[str, str]:
    """The word ending at ``i`` (leading quotes/brackets stripped) and the word before it."""
    start = i
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = _MARKUP_BEFORE.sub("", text[start:i])
    prev_end = start
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    prev_start = prev_end
    while prev_start > 0 and not text[prev_start - 1].isspace():
        prev_start -= 1
    return word, text[prev_start:prev_end]


def _tokens_before(text: str, i: int, count: int) -> list[str]:
    """The last ``count`` whitespace-separated tokens of ``text[:i]``, the last first."""
    tokens: list[str] = []
    end = i
    while len(tokens) < count:
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end == 0:
            break
        start = end
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        tokens.append(text[start:end])
        end = start
    return tokens


_AUTHOR_WORDS = re.compile(r"[,!?…][»”\"]?[ \u00a0][—–][ \u00a0]")
_SPEECH_AGAIN = re.compile(r"\s+[—–][ \u00a0]+[«\"“]?[^\W\d_]")


def _speech_goes_on(text: str, k: int, speech: list[int], since: int) -> bool:
    """After «…, — said X.» does a dash and a capital continue the quote (a new sentence)?"""
    at = bisect_left(speech, since)
    if at == len(speech) or speech[at] > k:
        return False  # no author's words in this sentence
    again = _SPEECH_AGAIN.match(text, k)
    return again is not None and text[again.end() - 1].isupper()


def _starts_sentence(text: str, k: int, lang: str, verdict: str) -> bool:
    """Does the text after the whitespace at ``k`` look like the start of a sentence?"""
    m = k
    while m < len(text) and text[m].isspace():
        m += 1
    if m == len(text):
        return False
    first = text[m]
    if first.islower() or first in _DASHES:
        return False
    if verdict == "maybe":
        word = _WORD_CHARS.match(text, m)  # not text[m:]: a copy of the rest per end
        return word is not None and word.group() in _STARTERS[lang]
    return True


def _spans(text: str, ends: list[int]) -> list[tuple[int, int]]:
    """Turn sentence end offsets into spans that exclude surrounding whitespace."""
    spans = []
    start = 0
    for end in [*ends, len(text)]:
        chunk = text[start:end]
        if chunk.startswith("\\\n"):  # the backslash of a hard break stays between
            start += 1
            chunk = chunk[1:]
        left = len(chunk) - len(chunk.lstrip())
        right = len(chunk.rstrip())
        if right > left:
            spans.append((start + left, start + right))
        start = end
    return spans
