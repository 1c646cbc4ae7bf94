"""The translation memory as TMX, read back with translate-toolkit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage.tmx import tmxfile

from newsdesk.extensions import db
from newsdesk.interop.tmx import XML_LANG, Numbers, export_memory, write_seg
from newsdesk.translation_jobs import memory
from tests.test_xliff import PIECES


def test_tmx_export_is_read_by_translate_toolkit(ctx):
    memory.remember("en", "ru", "The lab opened.", "Лаборатория открылась.", None)
    memory.remember("ru", "en", "Привет & <мир>.", "Hello & <world>.", None)
    store = tmxfile.parsestring(export_memory())
    pairs = {(u.source, u.target) for u in store.units}
    assert ("The lab opened.", "Лаборатория открылась.") in pairs
    assert ("Привет & <мир>.", "Hello & <world>.") in pairs
    only = tmxfile.parsestring(export_memory("en", "ru"))
    assert [(u.source, u.target) for u in only.units] == [
        ("The lab opened.", "Лаборатория открылась.")
    ]


def test_tm_export_command(app, runner):
    with app.app_context():
        memory.remember("en", "ru", "Good news.", "Хорошие новости.", None)
        db.session.commit()
    result = runner.invoke(args=["tm", "export", "--source", "en"])
    assert result.exit_code == 0, result.output
    store = tmxfile.parsestring(result.stdout_bytes)
    assert [u.target for u in store.units] == ["Хорошие новости."]


# TMX 1.4 inline codes. No TMX DTD is installed on this machine (searched /usr/share, the
# venv, translate-toolkit), so the structure is checked with lxml against the rules of
# the TMX 1.4 specification for the elements newsdesk writes.
HEADER_ATTRIBUTES = {
    "creationtool",
    "creationtoolversion",
    "segtype",
    "o-tmf",
    "adminlang",
    "srclang",
    "datatype",
}
INLINE = {"bpt", "ept", "it", "ph", "hi", "ut", "sub"}
MARKED = [
    (
        "The **new** lab has a [website](https://example.org/lab) and ![a map](m.png).",
        "У **новой** лаборатории есть [сайт](https://example.org/lab) и ![карта](m.png).",
    ),
    ("Call `555` or see <b>this</b> \\* [^1] &amp; <https://e.org>.", "Звоните `555` <b>да</b>."),
    ("[![logo](l.png)](https://e.org) **a [b** c](u); ![a **b](x) c**.", "_курсив_ **жирный**"),
]


def _check_tmx_structure(document: etree._Element) -> None:
    assert document.tag == "tmx" and document.get("version") == "1.4"
    assert [child.tag for child in document] == ["header", "body"]
    assert HEADER_ATTRIBUTES <= set(document[0].attrib)
    for unit in document[1]:
        assert unit.tag == "tu"
        variants = unit.findall("tuv")
        assert len(variants) == 2 and {c.tag for c in unit} <= {"note", "prop", "tuv"}
        for variant in variants:
            assert variant.get(XML_LANG) in ("en", "ru")
            [seg] = variant.findall("seg")
            assert {c.tag for c in seg} <= INLINE
            opened: dict[str, int] = {}
            for code in seg:
                assert code.text, code.tag  # every code holds the Markdown it stands for
                assert len(code) == 0
                if code.tag == "bpt":
                    assert code.get("i") not in opened
                    opened[code.get("i")] = 1
                elif code.tag == "ept":
                    assert set(code.attrib) == {"i"} and opened.pop(code.get("i")) == 1
                elif code.tag == "it":
                    assert code.get("pos") in ("begin", "end")
                else:
                    assert "i" not in code.attrib
            assert not opened, "a <bpt> without its <ept>"


def test_tmx_writes_markup_as_inline_codes(ctx):
    for source, target in MARKED:
        memory.remember("en", "ru", source, target, None)
    db.session.flush()
    content = export_memory()
    document = etree.fromstring(content)
    _check_tmx_structure(document)
    segs = document.findall(".//seg")
    first = segs[0]
    # no URL or Markdown syntax is offered as text to translate
    plain = (first.text or "") + "".join(code.tail or "" for code in first)
    assert "https://" not in plain and "**" not in plain and "](" not in plain
    assert [(c.tag, c.text) for c in first][:4] == [
        ("bpt", "**"),
        ("ept", "**"),
        ("bpt", "["),
        ("ept", "](https://example.org/lab)"),
    ]
    assert first[4].tag == "ph" and first[4].get("type") == "image"
    kinds = {(c.tag, c.get("type")) for seg in segs for c in seg}
    assert {("ph", "x-code"), ("ph", "fnote"), ("ph", "x-escape"), ("ph", "x-entity")} <= kinds
    assert ("it", "bold") in kinds  # the ** whose other half is inside an image
    # the same markup in source and target shares its x
    source_x = {c.text: c.get("x") for c in segs[0] if c.get("x")}
    target_x = {c.text: c.get("x") for c in segs[1] if c.get("x")}
    assert source_x["**"] == target_x["**"] and source_x["["] == target_x["["]


def test_tmx_inline_codes_read_back_as_the_same_markdown(ctx):
    for source, target in MARKED:
        memory.remember("en", "ru", source, target, None)
    db.session.flush()
    store = tmxfile.parsestring(export_memory())
    assert {(u.source, u.target) for u in store.units} == set(MARKED)
    document = etree.fromstring(export_memory())
    texts = ["".join(seg.itertext()) for seg in document.iter("seg")]
    assert texts == [text for pair in MARKED for text in pair]


@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text("ab яё1 .,", max_size=4)), max_size=12))
@settings(max_examples=200, deadline=None)
def test_any_markdown_comes_back_from_a_seg(parts):
    text = "".join(parts)
    seg = etree.Element("seg")
    write_seg(seg, text, "en", "ru", Numbers(), "source")
    parsed = etree.fromstring(etree.tostring(seg))
    assert "".join(parsed.itertext()) == text
    opened = [c.get("i") for c in parsed if c.tag == "bpt"]
    assert opened == [c.get("i") for c in parsed if c.tag == "bpt" and c.get("i") in opened]
    assert sorted(opened) == sorted(c.get("i") for c in parsed if c.tag == "ept")
