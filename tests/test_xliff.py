"""XLIFF 2.0 export/import: schema validation, translate-toolkit round trip, rejections."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from newsdesk.extensions import db
from newsdesk.interop import xliff
from newsdesk.interop.inline import NS, CodeBook, decode, encode, q
from newsdesk.models import Revision, SegmentStatus, Story
from tests.review_helpers import edit_source, segments

pytest_plugins = ["tests.review_fixtures"]

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "data" / "xliff_core_2.0.xsd")))


@pytest.fixture
def story_id(app, mt_story):
    """The machine-translated story, with an app context pushed after the job ran."""
    with app.app_context():
        yield mt_story


MARKUP_BODY = "The **new** lab has a [website](https://example.org/lab). Call `555`.\n"


def _export(story_id: int, lang: str = "ru") -> bytes:
    return xliff.export_story(db.session.get(Story, story_id), lang)


def _tt_change(content: bytes, unit_id: str, text: str) -> bytes:
    """Change one target with translate-toolkit, as Weblate would, and write the file."""
    store = Xliff2File.parsestring(content)
    unit = next(u for u in store.units if u.getid() == unit_id)
    unit.target = text
    return bytes(store)


def test_export_validates_against_the_xliff_core_schema(story_id):
    content = _export(story_id)
    document = etree.fromstring(content)
    assert SCHEMA.validate(document), SCHEMA.error_log
    units = document.findall(f".//{{{NS}}}unit")
    assert [u.get("id") for u in units] == [f"s{s.id}" for s in segments(story_id)]
    assert document.get("srcLang") == "en" and document.get("trgLang") == "ru"


def test_unit_ids_are_stable_across_exports(story_id):
    ids = [u.get("id") for u in etree.fromstring(_export(story_id)).iter(f"{{{NS}}}unit")]
    again = [u.get("id") for u in etree.fromstring(_export(story_id)).iter(f"{{{NS}}}unit")]
    assert ids == again and len(set(ids)) == len(ids)


def test_translate_toolkit_round_trip_changes_only_that_sentence(story_id):
    content = _export(story_id)
    store = Xliff2File.parsestring(content)
    before = segments(story_id)
    assert [u.source for u in store.units] == [s.source_text for s in before]
    target = before[1]
    changed = _tt_change(content, f"s{target.id}", "Хорошие новости.")
    assert SCHEMA.validate(etree.fromstring(changed)), SCHEMA.error_log
    result = xliff.import_story(changed)
    assert result.changed == [target.position + 1]
    after = segments(story_id)
    assert after[1].target_text == "Хорошие новости."
    assert after[1].status == SegmentStatus.EDITED
    assert [s.status for s in after if s.id != target.id] == [
        s.status for s in before if s.id != target.id
    ]
    article = db.session.get(Story, story_id).article("ru")
    assert article.lead == "Хорошие новости."
    assert (
        db.session.scalar(
            db.select(Revision)
            .where(Revision.article_id == article.id)
            .order_by(Revision.version.desc())
        ).lead
        == "Хорошие новости."
    )


def test_inline_markup_travels_as_codes_and_comes_back(app, engine, make_story):
    from newsdesk.translation_jobs import service as mt_service

    story = make_story(en={"title": "Lab", "body": MARKUP_BODY})
    with app.app_context():
        mt_service.request_translation(db.session.get(Story, story.id), "ru")
    with app.app_context():
        _check_markup_round_trip(story)


def _check_markup_round_trip(story):
    content = _export(story.id)
    document = etree.fromstring(content)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert document.findall(f".//{{{NS}}}source/{{{NS}}}pc")
    assert document.findall(f".//{{{NS}}}source/{{{NS}}}ph")
    assert "**" not in "".join(document.find(f".//{{{NS}}}unit[2]//{{{NS}}}source").itertext())
    first_body = segments(story.id)[1]
    # a CAT tool edits the text between the codes and keeps the codes
    unit = document.find(f".//{{{NS}}}unit[@id='s{first_body.id}']")
    target = unit.find(f".//{{{NS}}}target")
    target.text = "Новая "
    pc = target.find(f"{{{NS}}}pc")
    assert pc is not None
    pc.text = "лаборатория"
    broken = etree.tostring(document).replace(b'dataRefEnd="d', b'dataRefEnd="x')
    with pytest.raises(xliff.XliffError, match="inline code without data"):
        xliff.import_story(broken)
    result = xliff.import_story(etree.tostring(document))
    assert result.changed == [first_body.position + 1]
    text = segments(story.id)[1].target_text
    assert text.startswith("Новая **лаборатория**")
    assert "](https://example.org/lab)" in text


def test_notes_carry_qa_findings(story_id):
    seg = segments(story_id)[2]
    from newsdesk.review import service

    service.save_segment(seg, "Это стоило 7 долларов.", user=None)
    document = etree.fromstring(_export(story_id))
    unit = document.find(f".//{{{NS}}}unit[@id='s{seg.id}']")
    categories = [n.get("category") for n in unit.iter(f"{{{NS}}}note")]
    assert "newsdesk:numbers" in categories


def test_unchanged_file_changes_nothing(story_id):
    article = db.session.get(Story, story_id).article("ru")
    version = article.version
    result = xliff.import_story(_export(story_id))
    assert result.changed == [] and result.unchanged == len(segments(story_id))
    assert db.session.get(Story, story_id).article("ru").version == version


def _attr(content: bytes, element: str, name: str, value: str) -> bytes:
    document = etree.fromstring(content)
    node = document if element == "xliff" else document.find(f"{{{NS}}}{element}")
    node.set(name, value)
    return etree.tostring(document)


@pytest.mark.parametrize(
    "break_it, message",
    [
        (lambda c, s: b"<xliff", "well-formed"),
        (lambda c, s: c.replace(b'version="2.0"', b'version="1.2"'), "XLIFF 2.0"),
        (lambda c, s: _attr(c, "file", f"{{{xliff.ND}}}story", "999"), "no story 999"),
        (lambda c, s: _attr(c, "xliff", "trgLang", "en"), "languages do not match"),
        (lambda c, s: _attr(c, "file", f"{{{xliff.ND}}}targetVersion", "1"), "another version"),
        (lambda c, s: c.replace(f'id="s{s[-1].id}"'.encode(), b'id="s99999"'), "s99999"),
        (
            lambda c, s: b"X</source>".join(c.rsplit(b"</source>", 1)),  # the last unit
            "source of unit",
        ),
    ],
)
def test_rejected_files_change_nothing(story_id, break_it, message):
    content = _export(story_id)
    before = [(s.target_text, s.status) for s in segments(story_id)]
    # a real change in the same file proves that nothing is partially applied
    content = _tt_change(content, f"s{segments(story_id)[1].id}", "Изменено.")
    with pytest.raises(xliff.XliffError) as error:
        xliff.import_story(break_it(content, segments(story_id)))
    assert message in error.value.message
    assert [(s.target_text, s.status) for s in segments(story_id)] == before


def test_a_file_for_an_older_source_is_refused(story_id):
    content = _tt_change(_export(story_id), f"s{segments(story_id)[0].id}", "Заголовок")
    edit_source(story_id, lambda body: body + "\nOne more sentence.\n")
    with pytest.raises(xliff.XliffError, match="another version"):
        xliff.import_story(content)


def test_translators_only_import_their_languages(story_id, make_user):
    from newsdesk.review.service import ReviewForbidden

    outsider = make_user("enonly", role="translator", languages="en")
    content = _tt_change(_export(story_id), f"s{segments(story_id)[0].id}", "Заголовок")
    with pytest.raises(ReviewForbidden):
        xliff.import_story(content, user=outsider)
    with pytest.raises(ReviewForbidden):
        xliff.export_story(db.session.get(Story, story_id), "ru", user=outsider)


def test_cli_export_and_import(app, runner, mt_story, tmp_path):
    exported = runner.invoke(args=["xliff", "export", str(mt_story), "--target", "ru"])
    assert exported.exit_code == 0, exported.output
    assert SCHEMA.validate(etree.fromstring(exported.stdout_bytes))
    with app.app_context():
        unit_id = f"s{segments(mt_story)[0].id}"
    path = tmp_path / "story.xlf"
    path.write_bytes(_tt_change(exported.stdout_bytes, unit_id, "Лаборатория открылась"))
    imported = runner.invoke(args=["xliff", "import", str(path)])
    assert imported.exit_code == 0, imported.output
    assert "changed sentences: 1" in imported.output
    again = runner.invoke(args=["xliff", "import", str(path)])
    assert again.exit_code != 0 and "another version" in again.output
    missing = runner.invoke(args=["xliff", "export", str(mt_story), "--target", "en"])
    assert missing.exit_code != 0


PIECES = ["**", "*", "_", "`", "[", "](https://e.org/a)", "<b>", "</b>", "\\*", "&amp;", "<", ">"]


@given(
    st.lists(
        st.one_of(st.sampled_from(PIECES), st.text(st.sampled_from("ab яё1 .,"), max_size=4)),
        max_size=12,
    )
)
@settings(max_examples=200, deadline=None)
def test_inline_codes_always_come_back_as_the_same_markdown(parts):
    text = "".join(parts)
    book = CodeBook()
    source = etree.Element(q("source"))
    encode(source, text, "en", "ru", book, "source")
    target = etree.Element(q("target"))
    encode(target, text, "ru", "en", book, "target")
    parsed = etree.fromstring(etree.tostring(source))
    assert decode(parsed, book.data) == text
    assert decode(target, book.data) == text
