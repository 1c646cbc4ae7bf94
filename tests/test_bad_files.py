"""Malformed files (issue 6): import files, XLIFF, .argosmodel packages and CSV glossaries
are each refused with a message naming the problem, and nothing is partially applied.
(The cases already covered elsewhere: tests/test_importexport.py, test_xliff.py,
test_glossary.py, test_argos_engine.py.)"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.interop import xliff
from newsdesk.interop.inline import NS
from newsdesk.machine_translation import argos
from newsdesk.models import Story
from newsdesk.review.service import save_segment, start_review
from tests.fuzz_helpers import html_messages, looks_russian
from tests.review_helpers import segments

# --- Markdown import files ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        ("---\nlang: en\ntitle: T\ndate: 2024-13-45\n---\nText\n", "front matter", "month"),
        ('---\nlang: en\ntitle: "a\\0b"\n---\nText\n', "title", "NUL"),
        ("---\nlang: en\ntitle: T\n---\nText \x00 here\n", "body", "NUL"),
        ("---\nlang: en\ntitle: [a, b]\n---\nText\n", "title", "must be text"),
    ],
)
def test_malformed_import_files_name_the_problem(app, runner, tmp_path, text, field, problem):
    """Each was a crash (ValueError from YAML's date) or silently imported before."""
    good = tmp_path / "ru.md"
    good.write_text("---\nlang: ru\ntitle: Хорошо\n---\nТекст.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(args=["stories", "import", str(good), str(bad)])
    assert result.exit_code != 0
    assert f"{bad}: {field}:" in result.output and problem in result.output, result.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(Story.id))) == 0


# --- XLIFF ----------------------------------------------------------------------------------

BODY = "One sentence here. Two sentences here. Three sentences here. Four sentences here.\n"


@pytest.fixture
def aligned(app, make_story):
    """A story whose Russian side is aligned sentence by sentence, with a first translation."""
    story = make_story(en={"title": "Four sentences", "body": BODY})
    with app.app_context():
        start_review(db.session.get(Story, story.id), "ru", user=None)
        for number, segment in enumerate(segments(story.id), start=1):
            save_segment(segment, f"Предложение {number}.", user=None)
    return story.id


def _targets(story_id: int) -> list[str]:
    return [s.target_text for s in segments(story_id)]


def _edited(content: bytes, changes: dict[int, str], broken: int | None = None) -> bytes:
    """Change the targets of units (0-based); give unit ``broken`` an inline code without data."""
    document = etree.fromstring(content)
    units = document.findall(f".//{{{NS}}}unit")
    for index, text in changes.items():
        units[index].find(f".//{{{NS}}}target").text = text
    if broken is not None:
        target = units[broken].find(f".//{{{NS}}}target")
        etree.SubElement(target, f"{{{NS}}}ph", id="x1", dataRef="nowhere")
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8")


def test_xliff_with_a_broken_third_unit_changes_nothing(app, aligned):
    with app.app_context():
        before = _targets(aligned)
        assert len(before) >= 3
        content = xliff.export_story(db.session.get(Story, aligned), "ru")
        third = segments(aligned)[2].id
        bad = _edited(content, {0: "Первое изменено.", 1: "Второе изменено."}, broken=2)
        with pytest.raises(xliff.XliffError) as error:
            xliff.import_story(bad)
        assert f"Unit s{third}" in error.value.message and "inline code" in error.value.message
        assert _targets(aligned) == before  # units 1 and 2 were not applied either
        good = _edited(content, {0: "Первое изменено.", 1: "Второе изменено."})
        assert xliff.import_story(good).changed == [1, 2]


def test_xliff_upload_refused_in_the_users_language(app, client, login, make_user, aligned):
    login(make_user("ed", locale="ru"))
    with app.app_context():
        content = xliff.export_story(db.session.get(Story, aligned), "ru")
        before = _targets(aligned)
    bad = _edited(content, {0: "Первое изменено."}, broken=2)
    response = client.post(
        f"/editor/stories/{aligned}/xliff",
        data={"file": (io.BytesIO(bad), "story.xlf")},
        follow_redirects=True,
    )
    messages = html_messages(response.data)
    assert any("Ничего не импортировано" in m and "без данных" in m for m in messages), messages
    assert all(looks_russian(m) for m in html_messages(response.data))
    with app.app_context():
        assert _targets(aligned) == before


# --- CSV glossary ---------------------------------------------------------------------------


def _csv_with_bad_row(bad_row: int, rows: int = 60) -> str:
    lines = ["en,ru,kind,note"]
    for n in range(1, rows + 1):
        kind = "sometimes" if n == bad_row else "preferred"
        lines.append(f"Term {n},Термин {n},{kind},")
    return "\n".join(lines) + "\n"


def test_glossary_csv_with_a_bad_row_50_imports_nothing(ctx):
    with pytest.raises(glossary.GlossaryError, match=r"^Line 51: Unknown kind “sometimes”"):
        glossary.import_csv(_csv_with_bad_row(50))
    assert glossary.list_terms() == []
    assert glossary.import_csv(_csv_with_bad_row(0)) == 60


def test_glossary_upload_with_a_bad_row_says_where_in_russian(app, client, login, make_user):
    login(make_user("ed", locale="ru"))
    data = {"file": (io.BytesIO(_csv_with_bad_row(50).encode()), "terms.csv")}
    response = client.post("/editor/glossary/import", data=data, follow_redirects=True)
    flashes = [m for m in html_messages(response.data) if "51" in m]
    assert flashes and all(looks_russian(m) for m in flashes), html_messages(response.data)
    with app.app_context():
        assert glossary.list_terms() == []


# --- .argosmodel packages -------------------------------------------------------------------


def _state(packages: Path) -> tuple:
    """What is installed, and every file of it, so that any change shows."""
    files = sorted(
        (str(p.relative_to(packages)), p.stat().st_size) for p in packages.rglob("*") if p.is_file()
    )
    return [(p.from_code, p.to_code, p.version) for p in argos.installed_packages()], files


def _truncated(source: Path, dest: Path) -> Path:
    dest.write_bytes(source.read_bytes()[: source.stat().st_size * 2 // 3])
    return dest


def _damaged_member(source: Path, dest: Path) -> Path:
    """The zip's directory intact, but bytes inside model.bin's data flipped."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = next(i for i in archive.infolist() if i.filename.endswith("model/model.bin"))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    dest.write_bytes(bytes(data))
    return dest


def _bomb(source: Path, dest: Path) -> Path:
    """The real package plus an entry that inflates 200 MB of zeros from a few hundred KB."""
    with zipfile.ZipFile(source) as archive:
        entries = {i.filename: archive.read(i.filename) for i in archive.infolist()}
    top = next(iter(entries)).split("/")[0]
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        with archive.open(f"{top}/model/padding.bin", "w", force_zip64=True) as entry:
            chunk = bytes(1024 * 1024)
            for _ in range(200):
                entry.write(chunk)
    return dest


BAD_PACKAGES = {
    "truncated download": (_truncated, "not a zip archive"),
    "damaged model.bin": (_damaged_member, "damaged"),
    "zip bomb": (_bomb, "times its size"),
}


@pytest.mark.parametrize("case", BAD_PACKAGES)
def test_bad_package_is_refused_and_installed_models_are_untouched(
    argos_packages: Path, tiny_argos_files, tmp_path: Path, case: str
) -> None:
    make, reason = BAD_PACKAGES[case]
    before = _state(argos_packages)
    bad = make(tiny_argos_files[("en", "ru")], tmp_path / "bad.argosmodel")
    with pytest.raises(argos.ModelFileError, match=reason) as error:
        argos.install_file(bad)
    assert str(bad) in str(error.value)
    assert _state(argos_packages) == before  # nothing uninstalled, nothing half-unpacked
    hypothesis = argos.get_engine("en", "ru").translate_batch(
        ["The university opened a new laboratory."]
    )
    assert hypothesis[0].text


def test_cli_install_of_a_bad_package_exits_with_the_reason(
    argos_packages: Path, tiny_argos_files, tmp_path: Path, app_factory
) -> None:
    before = _state(argos_packages)
    bad = _damaged_member(tiny_argos_files[("en", "ru")], tmp_path / "bad.argosmodel")
    runner = app_factory(ARGOS_PACKAGES_DIR=str(argos_packages)).test_cli_runner()
    result = runner.invoke(args=["mt", "install", str(bad)])
    assert result.exit_code != 0 and "damaged" in result.output, result.output
    assert _state(argos_packages) == before
