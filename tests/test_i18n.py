"""UI catalogs: complete, current with the code, and Russian plurals with three forms."""

from __future__ import annotations

import shutil

import pytest
from babel.messages.pofile import read_po, write_po
from flask_babel import force_locale, ngettext

from newsdesk import i18n


def test_catalogs_are_complete_and_current(runner):
    """Fails when a string in the code or a template is missing from the catalogs."""
    result = runner.invoke(args=["i18n", "check"])
    assert result.exit_code == 0, result.output
    assert "complete and up to date" in result.output


@pytest.fixture
def catalog_copy(tmp_path, monkeypatch):
    target = tmp_path / "translations"
    shutil.copytree(i18n.CATALOG_DIR, target)
    monkeypatch.setattr(i18n, "CATALOG_DIR", target)
    monkeypatch.setattr(i18n, "POT_FILE", target / "messages.pot")
    return target


def _rewrite(path, change):
    with path.open("rb") as fh:
        catalog = read_po(fh)
    change(catalog)
    with path.open("wb") as fh:
        write_po(fh, catalog)


def test_check_notices_a_string_missing_from_the_catalog(catalog_copy):
    _rewrite(catalog_copy / "messages.pot", lambda c: c.delete("All news"))
    _rewrite(catalog_copy / "ru" / "LC_MESSAGES" / "messages.po", lambda c: c.delete("All news"))
    problems = i18n.check()
    assert "messages.pot is out of date: missing 'All news'" in problems
    assert "ru: not in catalog: 'All news'" in problems


def test_check_notices_untranslated_and_fuzzy_russian(catalog_copy):
    def damage(catalog):
        catalog["All news"].string = ""
        catalog["Log in"].flags.add("fuzzy")

    _rewrite(catalog_copy / "ru" / "LC_MESSAGES" / "messages.po", damage)
    problems = i18n.check()
    assert "ru: untranslated: 'All news'" in problems
    assert "ru: fuzzy: 'Log in'" in problems


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 материал"),
        (3, "3 материала"),
        (5, "5 материалов"),
        (21, "21 материал"),
        (12, "12 материалов"),
    ],
)
def test_russian_plurals_use_three_forms(app, n, expected):
    with app.test_request_context("/"), force_locale("ru"):
        assert ngettext("%(count)s story", "%(count)s stories", n, count=n) == expected


def test_editor_story_count_is_pluralized(client, login, make_user, make_story):
    for title in ("Один", "Два", "Три"):
        make_story(ru=title)
    login(make_user("ed", locale="ru"))
    assert "3 материала" in client.get("/editor/").get_data(as_text=True)


def test_no_pseudo_plurals_and_no_obsolete_entries():
    """Counts go through ngettext, never «%(n)d раз(а)»; strings the code dropped are gone."""
    with (i18n.CATALOG_DIR / "ru" / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        catalog = read_po(fh)
    assert not catalog.obsolete
    pseudo = []
    for message in catalog:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if text and any(mark in text for mark in ("(а)", "(ы)", "(ов)", "(ей)", "(я)")):
                pseudo.append(text)
    assert pseudo == []


def test_check_reports_an_obsolete_entry(catalog_copy):
    path = catalog_copy / "ru" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh)
    catalog.obsolete["A string nobody uses any more"] = catalog["Save"]
    with path.open("wb") as fh:
        write_po(fh, catalog, width=76)
    assert any("obsolete entry" in problem for problem in i18n.check())
