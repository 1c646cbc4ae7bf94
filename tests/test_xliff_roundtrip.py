"""Every XLIFF export imports back losslessly, sentences that are all markup included,
also after translate-toolkit read and wrote the file."""

from __future__ import annotations

import copy
import sys

import pytest
from lxml import etree
from translate.storage.placeables import StringElem
from translate.storage.xliff2 import Xliff2File

from newsdesk.extensions import db
from newsdesk.interop import xliff
from newsdesk.interop.inline import decode, original_data
from newsdesk.models import Segment, Story
from tests.review_helpers import segments
from tests.test_xliff import SCHEMA

pytest_plugins = ["tests.review_fixtures"]

X = "urn:oasis:names:tc:xliff:document:2.0"
SPACE = "{http://www.w3.org/XML/1998/namespace}space"
BODY = (
    "A plain sentence.\n\n"
    "[Website](https://e.org/x)\n\n"
    "**Bold**\n\n"
    "![A map](https://e.org/m.png)\n\n"
    "`code --flag`\n\n"
    "See [the site](https://e.org) and **more**.\n"
)
BODY_RU = (
    "Простое предложение.\n\n"
    "[Сайт](https://e.org/x)\n\n"
    "**Жирный**\n\n"
    "![Карта](https://e.org/m.png)\n\n"
    "`code --flag`\n\n"
    "Смотрите [сайт](https://e.org) и **ещё**.\n"
)
ONLY_MARKUP = {
    "[Website](https://e.org/x)",
    "**Bold**",
    "![A map](https://e.org/m.png)",
    "`code --flag`",
}


@pytest.fixture(params=["review", "aligned", "empty"])
def exported(request, app, engine, make_story):
    """A story with all-markup sentences exported as each kind of file: the MT draft's
    segments, a human pair aligned on the fly, or the source with empty targets."""
    kind = request.param
    story_id = make_story(en={"title": "Links", "body": BODY}).id
    with app.app_context():
        story = db.session.get(Story, story_id)
        if kind == "review":
            # the MT service the fixtures patch, wherever the package keeps it
            fixtures = sys.modules["tests.review_fixtures"]
            fixtures.mt_service.request_translation(story, "ru")
        elif kind == "aligned":
            from newsdesk.stories import service as stories

            stories.add_article(story, lang="ru", title="Ссылки", body=BODY_RU)
    with app.app_context():
        story = db.session.get(Story, story_id)
        content = xliff.export_story(story, "ru", empty=kind == "empty")
        yield kind, story, content


def _state(story: Story):
    article = db.session.get(Story, story.id).article("ru")
    rows = db.session.scalar(db.select(db.func.count(Segment.id)))
    return rows, article and (article.version, article.title, article.lead, article.body)


def test_all_markup_sentences_are_units_and_validate(exported):
    kind, story, content = exported
    document = etree.fromstring(content)
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert {_markdown(u)[0] for u in Xliff2File.parsestring(content).units} >= ONLY_MARKUP
    for source in document.iter(f"{{{X}}}source"):
        assert source.getparent().getparent().get(SPACE) == "preserve"
        if len(source):  # never indented
            assert source.text is None or not source.text.isspace()
            assert all(not (c.tail or "").isspace() or c.tail == " " for c in source)
    if kind != "empty":
        targets = [_markdown(u)[1] for u in Xliff2File.parsestring(content).units]
        assert all(targets) and len(targets) == 7, targets


def test_an_unmodified_export_imports_back_unchanged(exported):
    kind, story, content = exported
    before = _state(story)
    result = xliff.import_story(content)
    assert result.changed == [] and result.flags == []
    assert result.unchanged == 7
    assert _state(story) == before


def test_translate_toolkit_reads_and_writes_the_file_losslessly(exported):
    kind, story, content = exported
    store = Xliff2File.parsestring(content)
    for unit in store.units:  # reading normalizes whitespace where xml:space allows it
        assert unit.source is not None and unit.target is not None
    written = bytes(store)
    assert SCHEMA.validate(etree.fromstring(written)), SCHEMA.error_log
    before = _state(story)
    assert xliff.import_story(written).changed == []
    assert _state(story) == before


def test_a_file_reindented_by_another_tool_still_imports(exported):
    kind, story, content = exported
    document = etree.fromstring(content)
    for unit in document.iter(f"{{{X}}}unit"):
        del unit.attrib[SPACE]
    etree.indent(document)  # pads sources and targets that hold only codes
    reindented = etree.tostring(document)
    assert b"<source>\n" in reindented
    assert xliff.import_story(reindented).changed == []


def test_translate_toolkit_translates_all_markup_units_keeping_their_codes(exported):
    kind, story, content = exported
    store = Xliff2File.parsestring(content)
    words = {"Website": "Сайт", "Bold": "Жирно", "A map": "Карта", "the site": "сайт"}
    words |= {"See ": "Смотрите ", " and ": " и "}
    changed = {}
    for number, unit in enumerate(store.units, start=1):
        markdown = _markdown(unit)[0]
        if markdown not in ONLY_MARKUP and not markdown.startswith("See"):
            continue
        rich = copy.deepcopy(unit.rich_source)
        _replace_words(rich[0], words)
        unit.rich_target = rich
        changed[number] = markdown
    result = xliff.import_story(bytes(store))
    assert set(result.changed) <= set(changed) and len(result.changed) >= 2
    texts = {s.source_text: s.target_text for s in segments(story.id)}
    assert texts["[Website](https://e.org/x)"] == "[Сайт](https://e.org/x)"
    assert texts["**Bold**"] == "**Жирно**"
    assert texts["![A map](https://e.org/m.png)"] == "![Карта](https://e.org/m.png)"
    assert texts["See [the site](https://e.org) and **more**."] == (
        "Смотрите [сайт](https://e.org) и **more**."
    )
    assert texts["`code --flag`"] == "`code --flag`"
    assert result.flags == []  # a code span repeated as is is no untranslated sentence


def _markdown(unit) -> tuple[str, str]:
    """A translate-toolkit unit's source and target as Markdown (its .source drops codes)."""
    element = unit.xmlelement.getparent()
    data = original_data(element)
    source, target = (unit.xmlelement.find(f"{{{X}}}{side}") for side in ("source", "target"))
    return decode(source, data), "" if target is None else decode(target, data)


def _replace_words(element: StringElem, words: dict[str, str]) -> None:
    """Translate the words between a rich string's inline codes, as a translator would."""
    for number, sub in enumerate(element.sub):
        if isinstance(sub, str):
            for english, russian in words.items():
                sub = sub.replace(english, russian)
            element.sub[number] = sub
        else:
            _replace_words(sub, words)
