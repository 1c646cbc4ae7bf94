"""The MT pipeline end to end with fake engines: structure, alignment, memory, flags."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.machine_translation.blocks import parse_blocks
from newsdesk.machine_translation.mask import GlossaryTerm, find_tokens
from newsdesk.machine_translation.pipeline import (
    EngineContractError,
    normalize_sentence,
    sentence_key,
    translate_document,
)
from tests import mt_fakes as fakes
from tests.adversarial_corpus import EN_SENTENCES, GLOSSARY, RU_SENTENCES, article, kept

SAMPLE = """# Title ##

Para line one\x20\x20
line two. Second sentence.

> quote one
continued lazy
> quote two

- item one
  cont
- [ ] task item

1. first
   1. nested

Setext
======

| a | b \\| c |
|---|---|
| x | `y` |

```
code. Not translated.
```

    indented code

<div>
html block
</div>

* * *
Last *para* with `code`.
"""


def test_blocks_of_every_kind_and_verbatim_skeleton():
    document = parse_blocks(SAMPLE)
    assert document.render() == SAMPLE
    kinds = [(b.kind, b.text) for b in document.blocks]
    assert kinds == [
        ("heading", "Title"),
        ("paragraph", "Para line one  \nline two. Second sentence."),
        ("blockquote", "quote one\ncontinued lazy\nquote two"),
        ("list_item", "item one\ncont"),
        ("list_item", "task item"),
        ("list_item", "first"),
        ("list_item", "nested"),
        ("heading", "Setext"),
        ("table_cell", "a"),
        ("table_cell", "b \\| c"),
        ("table_cell", "x"),
        ("table_cell", "`y`"),
        ("paragraph", "Last *para* with `code`."),
    ]
    upper = document.render([b.text.upper() for b in document.blocks])
    assert "code. Not translated." in upper and "html block" in upper and "# TITLE ##" in upper
    assert "> QUOTE ONE\nCONTINUED LAZY\n> QUOTE TWO" in upper


LINES = [
    "# Head",
    "## Head ##",
    "Setext",
    "===",
    "---",
    "- item",
    "  - sub",
    "* star",
    "1. one",
    "2) two",
    "> quote",
    "> - quoted item",
    ">",
    "| a | b |",
    "|---|---|",
    "| c | d |",
    "```",
    "~~~",
    "    code",
    "<div>",
    "</div>",
    "",
    "",
    "Text. More text!",
    "Wrapped line",
    "  lazy",
    "- [x] done",
    "***",
    "\t- tab",
    "[ref]: http://x.org",
    "Hard break  ",
    "*emph* and `code`",
]
markdownish = st.lists(
    st.tuples(st.sampled_from(LINES), st.sampled_from(["\n", "\n", "\r\n"])), max_size=25
).map(lambda pairs: "".join(a + b for a, b in pairs))


@settings(max_examples=300, deadline=None)
@given(st.one_of(markdownish, st.text(alphabet="#>-*1. |`\n\tab~=[]()!", max_size=120)))
def test_parse_then_render_is_the_identity(text):
    document = parse_blocks(text)
    assert document.render() == text
    assert document.render([b.text for b in document.blocks]) == text


INLINE = [
    "Dr. Smith said",
    "12.5%",
    "$3.5 million",
    "[a link](http://e.org/x)",
    "**bold**",
    "`co.de`",
    "https://x.y/z",
    "a@b.org",
    "Nov. 14, 2024",
    "1,000",
    "3,5",
    "т. е.",
    "«Да»",
]
article_text = st.lists(
    st.tuples(
        st.sampled_from(["", "# ", "- ", "1. ", "> ", "| "]),
        st.lists(st.sampled_from(INLINE), min_size=1, max_size=5),
        st.sampled_from([".", "!", "?", "", ". And more."]),
        st.sampled_from(["\n\n", "\n", " "]),
    ),
    max_size=8,
).map(lambda blocks: "".join(p + " ".join(words) + end + sep for p, words, end, sep in blocks))


@settings(max_examples=150, deadline=None)
@given(article_text, st.sampled_from(["en", "ru"]))
def test_echo_engine_in_the_same_language_reproduces_the_document(body, lang):
    engine = fakes.FakeEngine(lang, lang)
    result = translate_document(
        title="A title. Two.", lead="Lead.", body=body, source=lang, target=lang, engine=engine
    )
    assert (result.title, result.lead, result.body) == ("A title. Two.", "Lead.", body)
    assert all("placeholder_repaired" not in s.flags for s in result.segments)


def line_skeleton(markdown: str) -> list[tuple[str, int]]:
    """Each line's block prefix and its number of table pipes."""
    prefix = re.compile(r"^(?:[ \t]*(?:>|[-+*]|\d+[.)]|#{1,6}|\|)(?=[ \t]|$)[ \t]*)*")
    return [(prefix.match(line).group(), line.count("|")) for line in markdown.split("\n")]


CORPORA = {"en": ("ru", EN_SENTENCES), "ru": ("en", RU_SENTENCES)}
DAMAGES = {
    "drop": fakes.drop_placeholders,
    "duplicate": fakes.duplicate_placeholders,
    "reverse": fakes.reverse_placeholders,
    "mangle": fakes.mangle_placeholders,
    "gibberish": fakes.gibberish,
}


@pytest.mark.parametrize("source", ["en", "ru"])
@pytest.mark.parametrize("damage", list(DAMAGES))
def test_adversarial_corpus_survives_hostile_engines(source, damage):
    target, corpus = CORPORA[source]
    body = article(corpus, "Heading")
    engine = fakes.FakeEngine(
        source, target, lambda text: fakes.transliterate(DAMAGES[damage](text), target)
    )
    result = translate_document(
        title="Title.",
        lead="",
        body=body,
        source=source,
        target=target,
        engine=engine,
        glossary=GLOSSARY,
    )
    reference = translate_document(
        title="Title.",
        lead="",
        body=body,
        source=source,
        target=source,
        engine=fakes.FakeEngine(source, source),
        glossary=GLOSSARY,
    )
    assert reference.body == body
    # 1:1 alignment and the same structure.
    assert [s.source for s in result.segments] == [s.source for s in reference.segments]
    assert line_skeleton(result.body) == line_skeleton(body)
    assert "print('not translated. Ever.')" in result.body
    by_source = {s.source: s for s in result.segments}
    for sentence, must_keep in corpus:
        segment = by_source[sentence]
        for expected in must_keep:
            assert kept(expected, segment.target), (sentence, expected, segment.target)
        assert segment.target in result.body
        repaired = "placeholder_repaired" in segment.flags
        # Numbers and dates go to the engine as written; markup, links, terms as placeholders.
        masked = any(t.form is None for t in find_tokens(sentence, source, target, GLOSSARY))
        if damage in ("drop", "duplicate") and masked or damage == "gibberish":
            assert repaired, segment
        if damage == "mangle":
            assert not repaired, segment


class DictMemory:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, str, str], str] = {}

    def lookup(self, source: str, target: str, key: str) -> str | None:
        return self.entries.get((source, target, key))


def test_memory_hits_skip_the_engine():
    body = article(EN_SENTENCES, "Heading")
    engine, memory = (
        fakes.FakeEngine(transform=lambda t: fakes.transliterate(t, "ru")),
        DictMemory(),
    )
    first = translate_document(
        title="T.", lead="L.", body=body, source="en", target="ru", engine=engine, memory=memory
    )
    assert len(engine.calls) == 1 and first.provenance is not None
    for segment in first.segments:
        memory.entries[("en", "ru", segment.key)] = segment.target
    engine.calls.clear()
    again = translate_document(
        title="T.", lead="L.", body=body, source="en", target="ru", engine=engine, memory=memory
    )
    assert engine.calls == []
    assert again.body == first.body and again.provenance is None
    assert {s.origin for s in again.segments} == {"memory"}

    changed = body.replace("Contact the editors", "Write to the editors")
    third = translate_document(
        title="T.", lead="L.", body=changed, source="en", target="ru", engine=engine, memory=memory
    )
    assert engine.calls == [["Write to the editors at QX1 or follow QX2 for updates."]]
    assert [s.origin for s in third.segments].count("mt") == 1


def test_memory_key_is_the_normalized_sentence_hash():
    assert normalize_sentence(" Caf\u0065\u0301  is\n open ") == "Caf\u00e9 is open"
    assert sentence_key("Café is open") == sentence_key(" Cafe\u0301 is\nopen ")
    assert re.fullmatch(r"[0-9a-f]{64}", sentence_key("x"))


def _translate_with_progress(body: str, *, chunk_size: int):
    """Translate ``body`` into Russian with a transliterating fake engine, recording the
    progress callbacks: (engine, [(done, total), ...], result)."""
    engine = fakes.FakeEngine(transform=lambda t: fakes.transliterate(t, "ru"))
    seen = []
    result = translate_document(
        title="",
        lead="",
        body=body,
        source="en",
        target="ru",
        engine=engine,
        progress=lambda done, total: seen.append((done, total)),
        chunk_size=chunk_size,
    )
    return engine, seen, result


def test_identical_masked_sentences_are_translated_once_and_progress_moves():
    body = "It costs $5. It costs $6.\n\nIt costs $5.\n\nOne. Two. Three! Four? Five."
    engine, seen, result = _translate_with_progress(body, chunk_size=2)
    # 7 distinct of 8 (numbers go to the engine as written), shortest first (ties in
    # document order): the batch that holds "It costs $5." finishes both of its sentences.
    assert engine.calls == [
        ["One.", "Two."],
        ["Four?", "Five."],
        ["Three!", "It costs $5."],
        ["It costs $6."],
    ]
    assert seen == [(0, 8), (2, 8), (4, 8), (7, 8), (8, 8)]
    assert [s.target for s in result.segments[:3]] == [
        "Ит цостс 5\u00a0$.",
        "Ит цостс 6\u00a0$.",
        "Ит цостс 5\u00a0$.",
    ]


def test_batches_hold_sentences_of_similar_length_and_results_land_on_their_segments():
    short = ["Yes.", "No way.", "Maybe so.", "Go now.", "Go on."]
    long = [
        "The council approved the new budget for the northern districts after a long debate.",
        "Residents of the old town asked the mayor to keep the historic cobblestone streets.",
        "Engineers promised that the tram tracks would be laid without damaging the pavement.",
        "The regional weather service warned of heavy snowfall in the mountains this weekend.",
    ]
    # Long and short interleaved, so document order would mix them in every batch.
    sentences = [short[0], long[0], short[1], long[1], short[2], long[2], short[3], long[3]]
    sentences.append(short[4])
    body = " ".join(sentences[:3]) + "\n\n" + " ".join(sentences[3:6]) + "\n\n- "
    body += "\n- ".join(sentences[6:])
    engine, seen, result = _translate_with_progress(body, chunk_size=3)
    sent = [text for call in engine.calls for text in call]
    assert sorted(sent) == sorted(sentences)
    assert [len(call) for call in engine.calls] == [3, 3, 3]
    lengths = [[len(text) for text in call] for call in engine.calls]
    # Each batch's longest sentence is no longer than the next batch's shortest.
    for this, following in zip(lengths, lengths[1:], strict=False):
        assert max(this) <= min(following)
    assert engine.calls[0] == ["Yes.", "Go on.", "No way."]
    assert sorted(engine.calls[-1]) == sorted(long[1:])
    # "No way." and "Go now." are as long as each other: document order decides.
    assert engine.calls[1][:2] == ["Go now.", "Maybe so."]
    assert seen == [(0, 9), (3, 9), (6, 9), (9, 9)]
    # Every segment got its own sentence's translation, and the body is rebuilt in order.
    assert [s.source for s in result.segments] == sentences
    assert [s.target for s in result.segments] == [fakes.transliterate(t, "ru") for t in sentences]
    expected = body
    for text in sentences:
        expected = expected.replace(text, fakes.transliterate(text, "ru"), 1)
    assert result.body == expected


def test_sentences_without_words_are_verbatim_and_converted():
    engine = fakes.FakeEngine()
    result = translate_document(
        title="",
        lead="",
        body="3.5\n\nhttps://example.org/a.b\n\n| 1,000 |\n|---|\n",
        source="en",
        target="ru",
        engine=engine,
    )
    assert engine.calls == [] and result.provenance is None
    assert [(s.origin, s.target) for s in result.segments] == [
        ("verbatim", "3,5"),
        ("verbatim", "https://example.org/a.b"),
        ("verbatim", "1\u00a0000"),
    ]
    assert result.body == "3,5\n\nhttps://example.org/a.b\n\n| 1\u00a0000 |\n|---|\n"


def test_segments_record_title_lead_and_provenance():
    engine = fakes.FakeEngine(transform=lambda t: fakes.transliterate(t, "ru"), score=-0.25)
    result = translate_document(
        title="Big news. Really.",
        lead="A lead.",
        body="## Head\n\nText here.",
        source="en",
        target="ru",
        engine=engine,
    )
    assert [(s.kind, s.block, s.index) for s in result.segments] == [
        ("title", 0, 0),
        ("title", 0, 1),
        ("lead", 0, 0),
        ("body", 0, 0),
        ("body", 1, 0),
    ]
    assert result.title == "Биг невс. Реаллы." and result.body == "## Хеад\n\nТехт хере."
    segment = result.segments[0]
    assert (segment.origin, segment.score, segment.machine, segment.flags) == (
        "mt",
        -0.25,
        "Биг невс.",
        (),
    )
    assert segment.provenance == engine.provenance == result.provenance
    assert segment.key == sentence_key("Big news.")


@pytest.mark.parametrize(
    ("output", "flag"),
    [
        (lambda t: t, "unchanged"),
        (lambda t: "", "empty"),
        (lambda t: "да да да да нет", "repeated_tokens"),
        (lambda t: "!!! ??? 123 ...", "non_letters"),
        (lambda t: "Latin words only here", "wrong_script"),
        (lambda t: "Это бойня QX1", "forbidden_term"),
    ],
)
def test_quality_flags(output, flag):
    engine = fakes.FakeEngine(transform=output)
    glossary = [GlossaryTerm("massacre", "бойня", "forbidden")]
    result = translate_document(
        title="",
        lead="",
        body="The mayor visited https://example.org today.",
        source="en",
        target="ru",
        engine=engine,
        glossary=glossary,
    )
    (segment,) = result.segments
    assert flag in segment.flags


def test_clean_output_has_no_flags_and_low_score_is_opt_in():
    engine = fakes.FakeEngine(transform=lambda t: "Мэр посетил QX1 сегодня.", score=-4.0)
    kwargs = dict(
        title="",
        lead="",
        body="The mayor visited https://example.org today.",
        source="en",
        target="ru",
        engine=engine,
    )
    (segment,) = translate_document(**kwargs).segments
    assert segment.flags == () and segment.target == "Мэр посетил https://example.org сегодня."
    (segment,) = translate_document(**kwargs, low_score=-2.0).segments
    assert segment.flags == ("low_score",)


def test_cyrillic_left_in_english_is_wrong_script():
    engine = fakes.FakeEngine("ru", "en", transform=lambda t: "The мэр посетил school")
    (segment,) = translate_document(
        title="", lead="", body="Мэр посетил школу.", source="ru", target="en", engine=engine
    ).segments
    assert "wrong_script" in segment.flags


def test_errors():
    with pytest.raises(ValueError, match="de"):
        translate_document(
            title="",
            lead="",
            body="x",
            source="de",
            target="en",
            engine=fakes.FakeEngine("de", "en"),
        )
    with pytest.raises(ValueError, match="engine"):
        translate_document(
            title="",
            lead="",
            body="x",
            source="en",
            target="ru",
            engine=fakes.FakeEngine("ru", "en"),
        )
    short = fakes.FakeEngine()
    short.translate_batch = lambda sentences: []
    with pytest.raises(EngineContractError):
        translate_document(title="Hello.", lead="", body="", source="en", target="ru", engine=short)


@settings(max_examples=100, deadline=None)
@given(article_text, st.sampled_from(list(DAMAGES)), st.sampled_from(["en", "ru"]))
def test_hostile_engines_never_break_alignment_or_structure(body, damage, source):
    target = CORPORA[source][0]
    engine = fakes.FakeEngine(
        source, target, lambda t: fakes.transliterate(DAMAGES[damage](t), target)
    )
    result = translate_document(
        title="", lead="", body=body, source=source, target=target, engine=engine
    )
    reference = translate_document(
        title="",
        lead="",
        body=body,
        source=source,
        target=source,
        engine=fakes.FakeEngine(source, source),
    )
    assert [s.source for s in result.segments] == [s.source for s in reference.segments]
    # Line breaks inside a sentence are not kept, so compare blocks rather than lines.
    kinds = [b.kind for b in parse_blocks(body).blocks]
    assert [b.kind for b in parse_blocks(result.body).blocks] == kinds
    for segment in result.segments:  # (a block quote's "> " may come between its lines)
        assert all(line in result.body for line in segment.target.split("\n"))
