"""LIN: time of the text functions on hostile input, at 8n against n (linear is 8x).

The pathological inputs live here so that ``tests/test_linear_time.py`` (every entry point
against every input) and this bench part (the worst known cases) measure the same thing.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from bench.common import Result

#: Growth factor between the two sizes measured, and the ratio above which time grows
#: faster than linearly: linear is 8x, quadratic 64x; noise on a busy machine stays below.
FACTOR = 8
THRESHOLD = 24.0
BASE_CHARS = 2000  # text length at n; 8n is 16,000 (the body limit is 200,000)
CAP = 2.0  # seconds per call at 8n beyond which 8n is extrapolated, not run

#: name -> (prefix, repeated unit, suffix): the text is prefix + unit * m + suffix.
PATTERNS: dict[str, tuple[str, str, str]] = {
    "straight quotes": ("Первое предложение. ", '"', ""),
    "curly quotes": ("Text ", "“", ""),
    "quote word": ("", '"a ', ""),
    "spaces after ](": ("[link](", " ", ""),
    "link tails": ("", "[a](b ", ""),
    ") after a URL": ("see https://example.com/a", ")", " end."),
    "( after a URL": ("see https://example.com/a", "(", " end."),
    "URLs": ("", "http://a.b/c ", ""),
    "www.": ("", "www.", ""),
    "spaced hyphens": ("a", " -", " b"),
    "dashes": ("a ", "—", " b"),
    "initials": ("Текст ", "А. ", "Иванов"),
    "latin initials": ("Text ", "A. ", "Smith"),
    "spaces after an initial": ("Текст А.", " ", "x"),
    "surname initial": ("", "Иванов А. ", ""),
    "full stops": ("Word", ".", " Next"),
    "spaced stops": ("Word", ". ", "Next"),
    "abbreviations": ("", "e.g. ", ""),
    "opening brackets": ("", "[", "]"),
    "closing brackets": ("", "]", ""),
    "images": ("", "![", ""),
    "parentheses": ("", "(", ")"),
    "stars": ("a ", "*", " b"),
    "spaced stars": ("", "* a", ""),
    "underscores": ("a ", "_", " b"),
    "word underscores": ("", "_a", ""),
    "tildes": ("", "~", ""),
    "backticks": ("a ", "`", " b"),
    "code openers": ("", "`a", ""),
    "angle brackets": ("a ", "<", " b"),
    "tag openers": ("", "<a ", ""),
    "comments": ("", "<!--", ""),
    "autolink openers": ("", "<http:", ""),
    "ampersands": ("", "&a", ""),
    "backslashes": ("", "\\", ""),
    "digit groups": ("", "1 000 ", ""),
    "digits and spaces": ("", "1 ", "г."),
    "digits and commas": ("", "1,", ""),
    "digits and stops": ("", "1.", ""),
    "long number": ("", "1", ""),
    "long word": ("", "а", "."),
    "long latin word": ("", "a", "."),
    "spaces": ("a", " ", "b"),
    "tabs and spaces": ("a", " \t", ". b"),
    "at signs": ("", "a@", ""),
    "dotted address": ("", "a.", "@b"),
    "placeholder look-alikes": ("", "QX1 ", ""),
    "words": ("", "Слово слово ", ""),
    "sentences": ("", "One. ", ""),
    "newlines": ("", "a\n", ""),
    "quote lines": ("", "> ", "a"),
    "list markers": ("", "- ", "a"),
    "pipes": ("", "|", ""),
}


def make(name: str, chars: int) -> str:
    """The pathological text ``name`` of about ``chars`` characters."""
    prefix, unit, suffix = PATTERNS[name]
    return prefix + unit * max(1, chars // len(unit)) + suffix


def _per_call(func: Callable[[str], object], text: str, budget: float) -> float:
    """CPU seconds per call, calls repeated until ``budget`` seconds have passed. CPU time
    of this process, not wall time: a busy machine that lets it wait does not count."""
    calls, started = 0, time.process_time()
    while True:
        func(text)
        calls += 1
        spent = time.process_time() - started
        if spent >= budget:
            return spent / calls


def growth(
    func: Callable[[str], object], name: str, *, rounds: int = 3, base: int = BASE_CHARS
) -> tuple[float, float, float]:
    """(time at 8n / time at n, seconds at n, seconds at 8n), best of ``rounds`` each,
    the sizes interleaved so that a busy moment hits them alike. When the time at 2n
    already says that 8n would take over :data:`CAP` seconds per call, 8n is not run
    and its time is extrapolated from n and 2n (so a cubic case cannot hang a test)."""
    texts = [make(name, base), make(name, base * 2), make(name, base * FACTOR)]
    best = [float("inf")] * 3
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            best[0] = min(best[0], _per_call(func, texts[0], 0.002))
            best[1] = min(best[1], _per_call(func, texts[1], 0.002))
            doubling = best[1] / best[0]
            if doubling >= 3 and best[0] * FACTOR**2 > CAP:
                best[2] = best[0] * doubling**3  # 8n = three doublings
                continue
            best[2] = min(best[2], _per_call(func, texts[2], 0.0))
    finally:
        if enabled:
            gc.enable()
    return best[2] / best[0], best[0], best[2]


def is_linear(func: Callable[[str], object], name: str) -> tuple[bool, str]:
    """Does ``func`` take time linear in the length of the text ``name``? A high ratio is
    measured again (more rounds) before it counts, so that noise alone never fails."""
    ratio, small, large = growth(func, name, rounds=1)
    for rounds in (3, 5):
        if ratio < THRESHOLD:
            break
        ratio, small, large = growth(func, name, rounds=rounds)
    detail = f"{name}: {small * 1e3:.2f} ms at n, {large * 1e3:.1f} ms at 8n, {ratio:.1f}x"
    return ratio < THRESHOLD, detail


def worst_cases() -> dict[str, tuple[Callable[[str], object], str]]:
    """The inputs that were the most quadratic before the fix (issue 13), with what they hit."""
    from newsdesk.machine_translation.segment import find_urls
    from newsdesk.review import alignment, diff, qa, typography, units

    def review(text: str) -> object:
        return qa.check_sentence("Первое предложение.", text, "en", "ru")

    def changed(text: str) -> object:
        return diff.word_diff(text, text[: len(text) // 2] + "x" + text[len(text) // 2 :])

    def realign(text: str) -> object:
        skeleton = units.layout("Title", "Lead.", "One. Two.", "en", "ru")
        olds = ["Заголовок", "Лид.", "Один.", "Два."]
        return alignment.align(skeleton, olds, "Заголовок", "Лид.", text, "ru", "en")

    return {
        "QA checks, run of backticks": (review, "backticks"),
        "QA checks, spaces after ](": (review, "spaces after ]("),
        "QA checks, ) after a URL": (review, ") after a URL"),
        "URL finding, ) after a URL": (find_urls, ") after a URL"),
        "typography, run of spaces": (typography.fix, "spaces"),
        "typography, spaces after an initial": (typography.fix, "spaces after an initial"),
        "word diff, run of quotes": (changed, "straight quotes"),
        "re-alignment, one paragraph of short sentences": (realign, "sentences"),
    }


def run(reps: int = 3) -> list[Result]:
    """One row per worst case: the ratio of time at 8n to time at n (linear: 8x)."""
    results = []
    for figure, (func, name) in worst_cases().items():
        ratio, small, large = growth(func, name, rounds=max(reps, 2))
        results.append(
            Result(
                figure=f"LIN {figure}",
                ratio=ratio,
                target=f"< {THRESHOLD:.0f}× (linear 8×, quadratic 64×)",
                passed=ratio < THRESHOLD,
                absolute=f"{small * 1e3:.2f} ms at {BASE_CHARS:,} chars, "
                f"{large * 1e3:.1f} ms at {BASE_CHARS * FACTOR:,}",
                repetitions=max(reps, 2),
                spread="best of rounds",
            )
        )
    return results
