"""Flag machine-translated sentences that a translator should look at first.

Checks look at the words only: placeholders (numbers, URLs, markup, glossary terms)
are removed before counting letters or scripts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsdesk.machine_translation import terms
from newsdesk.machine_translation.mask import PLACEHOLDER_RE, GlossaryTerm

UNCHANGED = "unchanged"  # the output is the source text
EMPTY = "empty"  # no words in the output
REPEATED_TOKENS = "repeated_tokens"  # a word or phrase repeated in a loop
NON_LETTERS = "non_letters"  # mostly punctuation, digits or symbols
WRONG_SCRIPT = "wrong_script"  # Latin-heavy Russian, or Cyrillic in English
PLACEHOLDER_REPAIRED = "placeholder_repaired"  # placeholders dropped/duplicated/crossed
PLACEHOLDER_UNVERIFIED = "placeholder_unverified"  # a token is missing after restoring
LOW_SCORE = "low_score"  # the engine's score is under the threshold
FORBIDDEN_TERM = "forbidden_term"  # a glossary term marked forbidden is in the output

_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"\w+")


def words_only(masked_text: str) -> str:
    """The text without placeholders, whitespace collapsed."""
    return " ".join(PLACEHOLDER_RE.sub(" ", masked_text).split())


def quality_flags(
    *,
    masked_source: str,
    masked_output: str,
    output: str,
    target: str,
    score: float | None = None,
    low_score: float | None = None,
    repaired: bool = False,
    verified: bool = True,
    glossary: Sequence[GlossaryTerm] = (),
    same_language: bool = False,
) -> tuple[str, ...]:
    """Return the flags for one sentence, in a stable order.

    ``masked_source``/``masked_output`` are the engine's input and raw output (with
    placeholders), ``output`` the restored target sentence.
    """
    return word_flags(masked_source, masked_output, target, same_language) + sentence_flags(
        output=output,
        target=target,
        score=score,
        low_score=low_score,
        repaired=repaired,
        verified=verified,
        glossary=glossary,
    )


def word_flags(
    masked_source: str, masked_output: str, target: str, same_language: bool = False
) -> tuple[str, ...]:
    """The flags that depend on the engine's input and raw output alone (the first part
    of :func:`quality_flags`): the same for every sentence masked to that input."""
    source_words, output_words = words_only(masked_source), words_only(masked_output)
    flags = []
    if not _LETTER.search(output_words) and _LETTER.search(source_words):
        flags.append(EMPTY)
    elif not same_language and output_words.casefold() == source_words.casefold():
        flags.append(UNCHANGED)
    if _repeats(output_words):
        flags.append(REPEATED_TOKENS)
    if _letter_share(output_words) < 0.5 <= _letter_share(source_words):
        flags.append(NON_LETTERS)
    if wrong_script(output_words, target):
        flags.append(WRONG_SCRIPT)
    return tuple(flags)


def sentence_flags(
    *,
    output: str,
    target: str,
    score: float | None = None,
    low_score: float | None = None,
    repaired: bool = False,
    verified: bool = True,
    glossary: Sequence[GlossaryTerm] = (),
) -> tuple[str, ...]:
    """The rest of :func:`quality_flags`: restoring, score and the restored sentence."""
    flags = []
    if repaired:
        flags.append(PLACEHOLDER_REPAIRED)
    if not verified:
        flags.append(PLACEHOLDER_UNVERIFIED)
    if score is not None and low_score is not None and score < low_score:
        flags.append(LOW_SCORE)
    if forbidden_terms(output, target, glossary):
        flags.append(FORBIDDEN_TERM)
    return tuple(flags)


def _letter_share(text: str) -> float:
    """Letters among the non-space characters (1.0 when there are none)."""
    visible = sum(map(len, text.split()))  # split() drops exactly what isspace() matches
    if not visible:
        return 1.0
    return len(_LETTER.findall(text)) / visible


def _repeats(text: str) -> bool:
    """A word or a phrase of up to four words three times in a row, or one word dominating."""
    words = _WORD.findall(text.casefold())
    for size in range(1, 5):
        # words[i : i + size] comes three times in a row exactly when words[j] equals
        # words[j + size] for 2 * size consecutive j starting at i: one pass per size.
        run = 0
        for word, later in zip(words, words[size:], strict=False):
            run = run + 1 if word == later else 0
            if run >= 2 * size:
                return True
    if len(words) >= 8:
        top = max(Counter(words).values())
        return top / len(words) > 0.4
    return False


def wrong_script(text: str, target: str) -> bool:
    """Is ``text`` written mostly in the other language's script?"""
    latin, cyrillic = len(_LATIN.findall(text)), len(_CYRILLIC.findall(text))
    letters = latin + cyrillic
    if not letters:
        return False
    if target == "ru":
        return latin / letters > 0.5
    return cyrillic / letters > 0.1


def forbidden_terms(text: str, target: str, glossary: Sequence[GlossaryTerm]) -> list[str]:
    """The forbidden glossary terms (in the target language) that occur in ``text``."""
    index = terms.cached_index(glossary, ("forbidden", target), lambda g: _forbidden(g, target))
    return [glossary[n].form(target) for n in sorted(index.values_in(text))]


def _forbidden(glossary: Sequence[GlossaryTerm], target: str) -> terms.TermIndex:
    """One trie of the forbidden forms (cached per glossary): cost independent of its size."""
    forms = ((t.form(target), n) for n, t in enumerate(glossary) if t.kind == "forbidden")
    return terms.TermIndex(forms, terms.WORD)
