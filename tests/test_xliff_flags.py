"""XLIFF import flags: untranslated targets and misplaced inline codes are imported and said."""

from __future__ import annotations

import io
import sys

import pytest
from flask_babel import force_locale
from lxml import etree
from translate.storage.xliff2 import Xliff2File

from newsdesk.extensions import db
from newsdesk.interop import xliff
from newsdesk.interop.import_flags import has_words, kept_old_codes, out_of_order
from newsdesk.models import Story
from tests.review_helpers import segments

pytest_plugins = ["tests.review_fixtures"]

X = "urn:oasis:names:tc:xliff:document:2.0"
BODY = (
    "The **new** lab has a [website](https://e.org/lab).\n\n"
    "It opened in spring.\n\n"
    "NASA 2024.\n\n"
    "`make test`\n"
)
MARKED = "The **new** lab has a [website](https://e.org/lab)."


@pytest.fixture
def story_id(app, engine, make_story):
    """A machine-translated story (targets with codes), inside an app context."""
    story_id = make_story(en={"title": "Lab", "lead": "Good news.", "body": BODY}).id
    with app.app_context():
        fixtures = sys.modules["tests.review_fixtures"]  # the MT service the fixtures patch
        fixtures.mt_service.request_translation(db.session.get(Story, story_id), "ru")
    with app.app_context():
        yield story_id


def _export(story_id: int, *, empty: bool = False) -> bytes:
    return xliff.export_story(db.session.get(Story, story_id), "ru", empty=empty)


def _unit(store: Xliff2File, story_id: int, source: str):
    number = next(s.position for s in segments(story_id) if s.source_text == source)
    return store.units[number], number + 1


def _codes(result) -> list[tuple[int, str]]:
    return [(flag.sentence, flag.code) for flag in result.flags]


def test_a_target_repeating_its_source_is_imported_and_flagged(story_id):
    store = Xliff2File.parsestring(_export(story_id))
    spring, n_spring = _unit(store, story_id, "It opened in spring.")
    spring.target = "It opened in spring."
    nasa, n_nasa = _unit(store, story_id, "NASA 2024.")
    nasa.target = "NASA 2024."  # a name and a number: nothing to translate
    code, n_code = _unit(store, story_id, "`make test`")
    code.rich_target = code.rich_source  # inline code only
    result = xliff.import_story(bytes(store))
    assert n_spring in result.changed and n_nasa in result.changed
    assert _codes(result) == [(n_spring, "untranslated")]
    assert f"Sentence {n_spring} " in result.flags[0].message
    assert segments(story_id)[n_spring - 1].target_text == "It opened in spring."


def test_translate_toolkit_setting_a_marked_target_is_flagged(story_id):
    store = Xliff2File.parsestring(_export(story_id))
    unit, number = _unit(store, story_id, MARKED)
    old = segments(story_id)[number - 1].target_text
    unit.target = "Новая лаборатория имеет сайт."  # replaces only the text before the codes
    result = xliff.import_story(bytes(store))
    assert _codes(result) == [(number, "old_codes")]
    saved = segments(story_id)[number - 1].target_text
    assert saved.startswith("Новая лаборатория имеет сайт.") and saved != old


def test_reordered_codes_are_flagged(story_id):
    document = etree.fromstring(_export(story_id))
    number = next(s.position + 1 for s in segments(story_id) if s.source_text == MARKED)
    unit = document.findall(f".//{{{X}}}unit")[number - 1]
    target = unit.find(f".//{{{X}}}target")
    strong, link = target.findall(f"{{{X}}}pc")
    for element in list(target):
        target.remove(element)
    target.text = "У "
    strong.text, strong.tail, link.text, link.tail = "новой", " лаборатории.", "сайта", " есть "
    target.extend([link, strong])
    result = xliff.import_story(etree.tostring(document))
    assert _codes(result) == [(number, "code_order")]
    assert segments(story_id)[number - 1].target_text == (
        "У [сайта](https://e.org/lab) есть **новой** лаборатории."
    )


def test_a_plain_text_target_for_a_marked_source_is_flagged(story_id):
    store = Xliff2File.parsestring(_export(story_id, empty=True))
    unit, number = _unit(store, story_id, MARKED)
    unit.target = "Новая лаборатория имеет сайт."
    result = xliff.import_story(bytes(store))
    assert _codes(result) == [(number, "codes_missing")]


def test_flag_messages_are_translated(story_id):
    store = Xliff2File.parsestring(_export(story_id))
    _unit(store, story_id, "It opened in spring.")[0].target = "It opened in spring."
    with force_locale("ru"):
        result = xliff.import_story(bytes(store))
    assert "Предложение" in result.flags[0].message


def test_flags_reach_the_page_and_the_cli(
    app, story_id, client, login, make_user, runner, tmp_path
):
    store = Xliff2File.parsestring(_export(story_id))
    _unit(store, story_id, "It opened in spring.")[0].target = "It opened in spring."
    content = bytes(store)
    path = tmp_path / "story.xlf"
    path.write_bytes(content)
    login(make_user("xlflag", role="translator", languages="ru"))
    data = {"file": (io.BytesIO(content), "story.xlf")}
    page = client.post(f"/editor/stories/{story_id}/xliff", data=data, follow_redirects=True)
    assert "repeats the source text" in page.get_data(as_text=True)
    again = tmp_path / "again.xlf"
    store = Xliff2File.parsestring(_export(story_id))
    _unit(store, story_id, "Good news.")[0].target = "Good news."
    again.write_bytes(bytes(store))
    output = runner.invoke(args=["xliff", "import", str(again)])
    assert output.exit_code == 0, output.output
    assert "warning: untranslated: Sentence 2 (unit" in output.output


@pytest.mark.parametrize(
    "text, words",
    [
        ("It opened in spring.", True),
        ("NASA 2024.", False),
        ("`make test` [https://e.org](https://e.org)", False),
        ("On November 14, 2024.", True),
        ("10:30–12:00, +7 (812) 555-01-02", False),
        ("**JITRI**", False),
        ("**Bold** move", True),
    ],
)
def test_has_words(text, words):
    assert has_words(text, "en", "ru") is words


def test_code_order_and_kept_codes_rules():
    assert out_of_order(["1", "2", "3"], ["2", "1", "3"])
    assert not out_of_order(["1", "2"], ["1", "t1", "2"])
    assert not out_of_order(["1", "2"], ["2"])
    old = "Новая **лаборатория** есть."
    assert kept_old_codes(old, "Совсем другое предложение.**лаборатория** есть.", "ru")
    assert not kept_old_codes(old, "Наша новая **лаборатория** есть.", "ru")
    assert not kept_old_codes(old, "Новая **лаборатория** теперь есть.", "ru")
    assert not kept_old_codes("Без кодов.", "Другой текст.Без кодов.", "ru")


def test_many_flags_are_counted_past_the_first_ones(ctx):
    from newsdesk.interop.import_flags import ImportFlag
    from newsdesk.interop.xliff_import import ImportResult

    result = ImportResult(None, "ru")
    result.flags = [ImportFlag(f"s{n}", n, "untranslated", f"flag {n}") for n in range(12)]
    messages = result.flag_messages(10)
    assert messages[:10] == [f"flag {n}" for n in range(10)] and len(messages) == 11
    assert messages[-1] == "2 more warnings about the imported sentences are not shown."
    with force_locale("ru"):
        assert result.flag_messages(11)[-1].startswith("Ещё 1 предупреждение")
    assert result.flag_messages() == [f"flag {n}" for n in range(12)]
