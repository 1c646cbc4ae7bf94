"""Sentence splitting for English and Russian: cases, and the no-lost-character property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.machine_translation.segment import sentence_spans, split_sentences
from tests.adversarial_corpus import EN_SENTENCES, RU_SENTENCES

EN_CASES = [
    ("Dr. Smith arrived. He spoke.", ["Dr. Smith arrived.", "He spoke."]),
    ("Prof. Jones left early. We stayed.", ["Prof. Jones left early.", "We stayed."]),
    ("Mr. Brown and Mrs. Green met Ms. White.", ["Mr. Brown and Mrs. Green met Ms. White."]),
    ("Fruit, e.g. Apples, is healthy. Eat it.", ["Fruit, e.g. Apples, is healthy.", "Eat it."]),
    ("One thing, i.e. This one, matters.", ["One thing, i.e. This one, matters."]),
    ("The U.S. Senate voted on Friday.", ["The U.S. Senate voted on Friday."]),
    ("He moved to the U.S. He liked it.", ["He moved to the U.S.", "He liked it."]),
    (
        "Apples, pears, etc. are sold here. Buy some.",
        ["Apples, pears, etc. are sold here.", "Buy some."],
    ),
    ("J. R. R. Tolkien wrote it. It sold well.", ["J. R. R. Tolkien wrote it.", "It sold well."]),
    (
        "Growth was 3.5 percent. It was 3,5 in Europe.",
        ["Growth was 3.5 percent.", "It was 3,5 in Europe."],
    ),
    ("Wait... What happened? Nobody knows!", ["Wait...", "What happened?", "Nobody knows!"]),
    ("It was… strange. Really.", ["It was… strange.", "Really."]),
    ('He said "Stop." Then he left.', ['He said "Stop."', "Then he left."]),
    ('"Why?" she asked. "Because."', ['"Why?" she asked.', '"Because."']),
    ("(It rained.) We stayed.", ["(It rained.)", "We stayed."]),
    ("See https://example.com/a.B?x=1. Then go.", ["See https://example.com/a.B?x=1.", "Then go."]),
    ("Mail Jane.Doe@Example.org. She answers.", ["Mail Jane.Doe@Example.org.", "She answers."]),
    ("We met at 3 p.m. The talk began.", ["We met at 3 p.m.", "The talk began."]),
    ("Costs rose. 2024 was hard.", ["Costs rose.", "2024 was hard."]),
    (
        "Acme Inc. is big. Acme Inc. The company grew.",
        ["Acme Inc. is big.", "Acme Inc.", "The company grew."],
    ),
    ("Really?! Yes.", ["Really?!", "Yes."]),
]

RU_CASES = [
    ("В 2024 г. В Москве открылся музей.", ["В 2024 г.", "В Москве открылся музей."]),
    ("В 1990–1995 гг. Он жил в Москве.", ["В 1990–1995 гг.", "Он жил в Москве."]),
    ("Он жил в г. Москве. Потом уехал.", ["Он жил в г. Москве.", "Потом уехал."]),
    ("Музей им. Пушкина открыт. Вход свободный.", ["Музей им. Пушкина открыт.", "Вход свободный."]),
    ("Это важно, т. е. Срочно. Делайте.", ["Это важно, т. е. Срочно.", "Делайте."]),
    ("Яблоки, груши и т. д. Потом был обед.", ["Яблоки, груши и т. д.", "Потом был обед."]),
    ("Книги, журналы и т. п. Всё продано.", ["Книги, журналы и т. п.", "Всё продано."]),
    ("Выступил проф. Иванов. Зал аплодировал.", ["Выступил проф. Иванов.", "Зал аплодировал."]),
    ("Дом на ул. Ленина снесут. Жаль.", ["Дом на ул. Ленина снесут.", "Жаль."]),
    ("Д. А. Арсеньев приехал. Его ждали.", ["Д. А. Арсеньев приехал.", "Его ждали."]),
    ("Рост составил 3,5 %. Это много.", ["Рост составил 3,5 %.", "Это много."]),
    ("Курс 3.5 не изменился. Итак.", ["Курс 3.5 не изменился.", "Итак."]),
    ("«Привет!» — сказал он. «Как дела?»", ["«Привет!» — сказал он.", "«Как дела?»"]),
    ("Он сказал: «Хватит.» Все ушли.", ["Он сказал: «Хватит.»", "Все ушли."]),
    ("Он ушёл... И вернулся.", ["Он ушёл...", "И вернулся."]),
    ("Это было в XX в. Тогда всё изменилось.", ["Это было в XX в.", "Тогда всё изменилось."]),
    (
        "Дж. Р. Р. Толкин написал книгу. Её читают.",
        ["Дж. Р. Р. Толкин написал книгу.", "Её читают."],
    ),
    ("Сайт www.example.ru/a.Б работает. Да.", ["Сайт www.example.ru/a.Б работает.", "Да."]),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english_sentences(text, expected):
    assert split_sentences(text, "en") == expected


@pytest.mark.parametrize(("text", "expected"), RU_CASES)
def test_russian_sentences(text, expected):
    assert split_sentences(text, "ru") == expected


@pytest.mark.parametrize(
    ("text", "lang"), [(t, "en") for t, _ in EN_SENTENCES] + [(t, "ru") for t, _ in RU_SENTENCES]
)
def test_dense_corpus_sentences_stay_whole(text, lang):
    assert split_sentences(text, lang) == [text]


def test_protected_spans_are_never_split():
    text = "Run `make. Then` now. Done."
    code = (text.index("`"), text.rindex("`") + 1)
    assert split_sentences(text, "en") == ["Run `make.", "Then` now.", "Done."]
    assert split_sentences(text, "en", [code]) == ["Run `make. Then` now.", "Done."]


def test_unsupported_language():
    with pytest.raises(ValueError, match="de"):
        split_sentences("Hallo. Welt.", "de")


def test_whitespace_only_and_empty():
    assert split_sentences("", "en") == []
    assert split_sentences(" \n\t", "ru") == []


ALPHABET = "aZ bД ж.,!?…\"'«»()[]*_-—:;3 5\n\tU.S.e.g.т.д.г.Dr.@/"


def _check_lossless(text: str, spans: list[tuple[int, int]]) -> None:
    rebuilt, pos = [], 0
    for start, end in spans:
        assert start < end, "empty sentence"
        assert text[pos:start].strip() == "", "non-whitespace between sentences"
        assert not text[start].isspace() and not text[end - 1].isspace()
        rebuilt += [text[pos:start], text[start:end]]
        pos = end
    assert text[pos:].strip() == ""
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=120), st.sampled_from(["en", "ru"]))
def test_segmentation_loses_and_adds_nothing(text, lang):
    _check_lossless(text, sentence_spans(text, lang))


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=ALPHABET, min_size=1, max_size=80),
    st.lists(st.tuples(st.integers(0, 79), st.integers(1, 8)), max_size=4),
)
def test_no_boundary_inside_protected_spans(text, raw):
    protected = [(a, min(a + w, len(text))) for a, w in raw if a < len(text)]
    spans = sentence_spans(text, "en", protected)
    _check_lossless(text, spans)
    for start, end in protected:
        for _, s_end in spans:
            if start < s_end < end:
                assert not text[s_end:end].strip(), "a sentence ends inside a protected span"
