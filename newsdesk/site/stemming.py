"""Words to lexemes exactly as PostgreSQL's ``english`` and ``russian`` text-search
configurations make them, so that search on SQLite finds what search on PostgreSQL finds.

PostgreSQL's default parser and those configurations send every token to one dictionary:
a token with a digit to ``simple`` (lower-cased, nothing else), a word of ASCII letters to
``english_stem`` (in both configurations), any other word to the configuration's own stemmer.
A Snowball dictionary lower-cases the word, drops it when it is a stop word (checked before
stemming, so ``всё`` is not the stop word ``все``) and stems it; the Russian stemmer itself
folds ё to е. Words of 2,047 bytes or more are skipped. PyStemmer runs the same Snowball C
code as the server; its version must match the server's Snowball release (PyStemmer 2.2 =
Snowball 2.2, as in PostgreSQL 15: Snowball 3 changed English stems, university → universiti).

Tokens differ, stems do not: PostgreSQL also keeps hyphenated compounds, signed and decimal
numbers, e-mail addresses, URLs and hosts as lexemes of their own, where this module keeps
only the runs of letters and digits in them; a search for one finds on SQLite what it finds
on PostgreSQL, sometimes more (tests/test_search_stemming.py).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

import Stemmer

CONFIGS = {"en": "english", "ru": "russian"}  # article language -> PostgreSQL configuration
TOKEN = re.compile(r"[^\W_]+")
DIGIT = re.compile(r"[0-9]")
MAX_WORD_BYTES = 2047  # PostgreSQL: "word is too long to be indexed"
CACHED_WORD = 40  # characters: words this short are memoized (longer ones are rare)
SQL_FUNCTION = "newsdesk_lexemes"  # what the SQLite index triggers call (migration 0011)

# The stop-word files of PostgreSQL's Snowball dictionaries (tsearch_data/*.stop, which come
# from the Snowball project); tests/test_search_stemming.py compares them with the server's.
STOP_WORDS = {
    "english": frozenset(
        """
        i me my myself we our ours ourselves you your yours yourself yourselves he him his
        himself she her hers herself it its itself they them their theirs themselves what which
        who whom this that these those am is are was were be been being have has had having do
        does did doing a an the and but if or because as until while of at by for with about
        against between into through during before after above below to from up down in out on
        off over under again further then once here there when where why how all any both each
        few more most other some such no nor not only own same so than too very s t can will
        just don should now
        """.split()
    ),
    "russian": frozenset(
        """
        и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
        ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни
        быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
        есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
        тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы
        нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над
        больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою
        этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между
        """.split()
    ),
}

_local = threading.local()  # a Snowball stemmer keeps state per call: one per thread


def _stemmer(dictionary: str) -> Stemmer.Stemmer:
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if dictionary not in stemmers:
        stemmers[dictionary] = Stemmer.Stemmer(dictionary)
    return stemmers[dictionary]


def lower(word: str) -> str:
    """Lower-case a word as PostgreSQL does (towlower: İ becomes a plain i)."""
    return word.replace("İ", "i").lower()


def lexeme(config: str, token: str) -> str | None:
    """The lexeme PostgreSQL's ``config`` makes of one token, or None (stop word, too long)."""
    if len(token) <= CACHED_WORD:
        return _cached_lexeme(config, token)
    if len(token) >= MAX_WORD_BYTES or len(token.encode()) >= MAX_WORD_BYTES:
        return None
    return _lexeme(config, token)


@lru_cache(maxsize=65536)
def _cached_lexeme(config: str, token: str) -> str | None:
    return _lexeme(config, token)


def _lexeme(config: str, token: str) -> str | None:
    word = lower(token)
    if DIGIT.search(token):
        return word
    dictionary = "english" if token.isascii() else config
    if word in STOP_WORDS[dictionary]:
        return None
    return _stemmer(dictionary).stemWord(word)


def lexemes(lang: str, text: str) -> list[str]:
    """The lexemes of ``text`` in order, repeats kept: ``to_tsvector`` of an article in ``lang``."""
    config = CONFIGS[lang]
    found = (lexeme(config, match.group()) for match in TOKEN.finditer(text))
    return [word for word in found if word]


def stemmed_text(lang: str | None, text: str | None) -> str:
    """The lexemes joined by spaces: what the SQLite index stores ('' for other languages)."""
    if not text or lang not in CONFIGS:
        return ""
    return " ".join(lexemes(lang, text))


def register_sqlite_functions(dbapi_connection, _record=None) -> None:
    """Give a SQLite connection ``newsdesk_lexemes(lang, text)``, which the index triggers call.

    Every connection that writes ``articles`` needs it (the app's engine, migrations, bench)."""
    dbapi_connection.create_function(SQL_FUNCTION, 2, stemmed_text, deterministic=True)
