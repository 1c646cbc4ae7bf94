"""XLIFF for any story: source-only files (empty targets) and pairs aligned on the fly."""

from __future__ import annotations

import pytest
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from newsdesk.extensions import db
from newsdesk.interop import xliff
from newsdesk.models import Article, Segment, SegmentStatus, Story
from newsdesk.review import sentences
from newsdesk.stories.errors import StoryError
from tests.review_helpers import segments
from tests.test_xliff import SCHEMA

pytest_plugins = ["tests.review_fixtures"]

EN = {
    "title": "Lab opens",
    "lead": "Good news for students.",
    "body": "The university opened a **new** laboratory. It has a [website](https://e.org).\n\n"
    "Visitors are welcome on weekdays.\n",
}
RU = {
    "title": "Лаборатория открылась",
    "lead": "Хорошие новости для студентов.",
    "body": "Университет открыл **новую** лабораторию. У неё есть [сайт](https://e.org).\n\n"
    "Посетителей ждут по будням.\n",
}
NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}


def _units(content: bytes) -> list[etree._Element]:
    document = etree.fromstring(content)
    assert SCHEMA.validate(document), SCHEMA.error_log
    return document.findall(".//x:unit", NS)


def _targets(content: bytes) -> list[str]:
    return [u.target for u in Xliff2File.parsestring(content).units]


def _rows() -> tuple[int, int]:
    return db.session.scalar(db.select(db.func.count(Segment.id))), db.session.scalar(
        db.select(db.func.count(Article.id))
    )


def _translate(content: bytes, texts: dict[str, str]) -> bytes:
    """Write targets as a CAT tool does (``texts``: unit id -> the target's inner XML)."""
    document = etree.fromstring(content)
    for unit in document.iterfind(".//x:unit", NS):
        if unit.get("id") in texts:
            target = unit.find(".//x:target", NS)
            filled = etree.fromstring(f'<target xmlns="{NS["x"]}">{texts[unit.get("id")]}</target>')
            target.getparent().replace(target, filled)
    return etree.tostring(document)


NEW_LAB = 'Университет открыл <pc id="1" dataRefStart="d1" dataRefEnd="d1">новую</pc> лабораторию.'


def test_an_english_only_story_exports_its_sentences_with_empty_targets(app, make_story):
    story = make_story(en=EN)
    with app.app_context():
        before = _rows()
        content = xliff.export_story(db.session.get(Story, story.id), "ru")
        assert _rows() == before  # nothing written to export
        units = _units(content)
        document = etree.fromstring(content)
        assert (document.get("srcLang"), document.get("trgLang")) == ("en", "ru")
        skeleton = sentences.source_layout(db.session.get(Story, story.id))
        assert [u.get("id") for u in units] == [f"u{n + 1}" for n in range(len(skeleton.units))]
        store = Xliff2File.parsestring(content)
        assert [u.source for u in store.units][0] == "Lab opens"
        assert all(u.target == "" for u in store.units)
        assert all(u.find(".//x:target", NS) is not None for u in units)
        assert {u.find(".//x:segment", NS).get("state") for u in units} == {"initial"}
        assert xliff.export_story(db.session.get(Story, story.id), "ru", empty=True) == content


def test_a_translated_source_only_file_creates_the_translation(app, make_story):
    story = make_story(en=EN)
    with app.app_context():
        content = xliff.export_story(db.session.get(Story, story.id), "ru")
        assert xliff.import_story(content).changed == []  # unmodified: nothing to do
        assert db.session.get(Story, story.id).article("ru") is None
        filled = _translate(content, {"u1": "Лаборатория открылась", "u3": NEW_LAB})
        result = xliff.import_story(filled)
        assert result.changed == [1, 3] and result.flags == []
        ru = db.session.get(Story, story.id).article("ru")
        assert ru.title == "Лаборатория открылась"
        assert ru.body.strip() == "Университет открыл **новую** лабораторию."
        saved = segments(story.id)
        assert saved[0].status == saved[2].status == SegmentStatus.EDITED
        assert [s.target_text for s in saved[3:]] == ["", ""]


def test_a_human_pair_exports_aligned_on_the_fly_without_writing(app, make_story):
    story = make_story(en=EN, ru=RU)
    with app.app_context():
        before = _rows()
        content = xliff.export_story(db.session.get(Story, story.id), "ru")
        assert _rows() == before
        assert not sentences.has_segments(db.session.get(Story, story.id).article("ru"))
        store = Xliff2File.parsestring(content)
        pairs = [(u.source, u.target) for u in store.units]
        assert pairs[0] == ("Lab opens", "Лаборатория открылась")
        assert pairs[2] == (
            "The university opened a new laboratory.",
            "Университет открыл новую лабораторию.",
        )
        assert pairs[-1] == ("Visitors are welcome on weekdays.", "Посетителей ждут по будням.")
        assert xliff.import_story(content).changed == []  # lossless: nothing changed
        assert _rows() == before
        assert _targets(xliff.export_story(db.session.get(Story, story.id), "ru", empty=True)) == [
            ""
        ] * len(pairs)
        changed = _translate(content, {"u5": "Гостей ждут в будни."})
        assert xliff.import_story(changed).changed == [5]
        saved = segments(story.id)
        assert saved[4].target_text == "Гостей ждут в будни." and saved[4].status.value == "edited"
        assert saved[0].target_text == "Лаборатория открылась"
        ru = db.session.get(Story, story.id).article("ru")
        assert ru.body.endswith("Гостей ждут в будни.\n") and "**новую**" in ru.body


def test_a_reviewed_translation_exports_with_empty_targets_too(app, mt_story):
    with app.app_context():
        story = db.session.get(Story, mt_story)
        content = xliff.export_story(story, "ru", empty=True)
        ids = [u.get("id") for u in _units(content)]
        assert ids == [f"s{s.id}" for s in segments(mt_story)]
        assert set(_targets(content)) == {""}
        before = [(s.target_text, s.status) for s in segments(mt_story)]
        assert xliff.import_story(content).changed == []
        assert [(s.target_text, s.status) for s in segments(mt_story)] == before


def test_the_translation_as_a_source_exports_but_does_not_overwrite_the_original(app, make_story):
    story = make_story(en=EN, ru=RU)
    with app.app_context():
        with pytest.raises(xliff.XliffError, match="no translation into"):
            xliff.export_story(db.session.get(Story, story.id), "en")
        content = xliff.export_story(db.session.get(Story, story.id), "en", empty=True)
        document = etree.fromstring(content)
        assert (document.get("srcLang"), document.get("trgLang")) == ("ru", "en")
        assert Xliff2File.parsestring(content).units[0].source == "Лаборатория открылась"
        assert xliff.import_story(content).changed == []
        with pytest.raises(xliff.XliffError, match="language it was written in"):
            xliff.import_story(_translate(content, {"u1": "Lab opened"}))
        assert db.session.get(Story, story.id).article("en").title == "Lab opens"


def test_cli_exports_source_only_files(app, runner, make_story):
    story = make_story(en=EN)
    plain = runner.invoke(args=["xliff", "export", str(story.id), "--target", "ru"])
    empty = runner.invoke(args=["xliff", "export", str(story.id), "--target", "ru", "--empty"])
    assert plain.exit_code == 0 and empty.exit_code == 0, plain.output + empty.output
    assert plain.stdout_bytes == empty.stdout_bytes
    assert set(_targets(empty.stdout_bytes)) == {""} and len(_units(empty.stdout_bytes)) == 5
    own = runner.invoke(args=["xliff", "export", str(story.id), "--target", "en"])
    assert own.exit_code != 0 and "no translation into" in own.output
    helped = runner.invoke(args=["xliff", "export", "--help"])
    assert "--empty" in helped.output and "Source only" in helped.output


def test_story_page_offers_source_only_downloads(app, client, login, make_user, make_story):
    story = make_story(en=EN)
    login(make_user("xlsrc", role="translator", languages="ru"))
    page = client.get(f"/editor/stories/{story.id}").get_data(as_text=True)
    link = f"/editor/stories/{story.id}/xliff/ru?targets=empty"
    assert link in page and "Download for translation into Russian" in page
    download = client.get(link)
    assert download.status_code == 200 and download.mimetype == "application/xliff+xml"
    assert f"story-{story.id}-en-ru-source.xlf" in download.headers["Content-Disposition"]
    assert set(_targets(download.data)) == {""}
    paired = client.get(f"/editor/stories/{story.id}/xliff/ru")
    assert paired.status_code == 200 and len(_units(paired.data)) == 5


def test_a_pair_that_cannot_be_aligned_says_why_and_exports_empty(app, make_story):
    extra = dict(RU, body=RU["body"] + "\nЛишний абзац без оригинала.\n")
    story = make_story(en=EN, ru=extra)
    with app.app_context():
        with pytest.raises(StoryError, match="has no counterpart in the source"):
            xliff.export_story(db.session.get(Story, story.id), "ru")
        content = xliff.export_story(db.session.get(Story, story.id), "ru", empty=True)
        assert set(_targets(content)) == {""} and len(_units(content)) == 5


def test_the_xliff_panel_speaks_russian(client, login, make_user, make_story):
    story = make_story(en=EN)
    login(make_user("xlru", role="translator", languages="ru", locale="ru"))
    page = client.get(f"/editor/stories/{story.id}").get_data(as_text=True)
    assert "Скачать для перевода на русский" in page and "пустыми переводами" in page
    assert "Download for translation" not in page
