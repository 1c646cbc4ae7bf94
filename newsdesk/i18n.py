"""UI localization: which locale a request gets, and the catalog commands on Babel's API."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po
from flask import Flask, current_app, g, request
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from newsdesk.config import PROJECT_ROOT

CATALOG_DIR = PROJECT_ROOT / "translations"
POT_FILE = CATALOG_DIR / "messages.pot"
LOGIN_MESSAGE = _l("Please log in to see this page.")


def init_app(app: Flask) -> None:
    """Trim whitespace in {% trans %} blocks and expose the locale to templates."""
    app.jinja_env.policies["ext.i18n.trimmed"] = True
    app.cli.add_command(i18n_group)

    @app.context_processor
    def inject_locale():

        return {"ui_locale": str(get_locale() or "en")}


def select_locale() -> str:
    """Site pages follow their URL; the editor follows the user's choice, then the browser."""
    languages = list(current_app.config["LANGUAGES"])
    lang = getattr(g, "lang", None)
    if lang in languages:
        return lang
    if request and request.path[1:3] in languages and request.path[3:4] in ("/", ""):
        return request.path[1:3]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    best = request.accept_languages.best_match(languages) if request else None
    return best or current_app.config["BABEL_DEFAULT_LOCALE"]


def _babel(*args: str) -> None:
    """Run a pybabel command through Babel's Python API (an argument list, never a shell)."""
    CommandLineInterface().run(["pybabel", "-q", *args])


def extract(pot: Path = POT_FILE) -> None:
    """Extract every message from Python code and templates into the .pot template."""
    _babel(
        "extract",
        "-F",
        str(PROJECT_ROOT / "pyproject.toml"),
        "-k",
        "_l",
        "--no-location",
        "--sort-output",
        "--project",
        "newsdesk",
        "-o",
        str(pot),
        str(PROJECT_ROOT),
    )


def update() -> None:
    """Merge the .pot template into each language's .po catalog."""
    _babel(
        "update",
        "-i",
        str(POT_FILE),
        "-d",
        str(CATALOG_DIR),
        "--no-fuzzy-matching",
        "--ignore-obsolete",  # strings the code no longer uses leave the catalogs
    )


def compile_catalogs() -> None:
    """Build the binary .mo files the app loads."""
    _babel("compile", "-d", str(CATALOG_DIR), "--statistics")


def check() -> list[str]:
    """Problems that make the catalogs unfit to ship; an empty list means all is well."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "messages.pot"
        extract(fresh)
        wanted = {_key(m) for m in _read(fresh) if m.id}
    committed = {_key(m) for m in _read(POT_FILE) if m.id}
    for key in sorted(wanted - committed, key=str):
        problems.append(f"messages.pot is out of date: missing {key[0]!r}")
    for key in sorted(committed - wanted, key=str):
        problems.append(f"messages.pot is out of date: obsolete {key[0]!r}")
    for lang in ("ru", "en"):
        po_path = CATALOG_DIR / lang / "LC_MESSAGES" / "messages.po"
        catalog = _read(po_path)
        have = {_key(m) for m in catalog if m.id}
        for key in sorted(wanted - have, key=str):
            problems.append(f"{lang}: not in catalog: {key[0]!r}")
        for msgid in catalog.obsolete:
            problems.append(f"{lang}: obsolete entry (run `newsdesk i18n update`): {msgid!r}")
        if lang != "ru":
            continue
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                problems.append(f"ru: fuzzy: {_key(message)[0]!r}")
            elif not all(strings):
                problems.append(f"ru: untranslated: {_key(message)[0]!r}")
    return problems


def _key(message) -> tuple:
    return (message.id if isinstance(message.id, str) else tuple(message.id), message.context)


def _read(path: Path):
    with path.open("rb") as fh:
        return read_po(fh)


@click.group("i18n")
def i18n_group() -> None:
    """Interface catalogs (Babel): extract, update, compile, check."""


@i18n_group.command("extract")
def extract_command() -> None:
    """Collect the UI strings into translations/messages.pot."""
    extract()


@i18n_group.command("update")
def update_command() -> None:
    """Extract, then merge new strings into the en and ru catalogs."""
    extract()
    update()


@i18n_group.command("compile")
def compile_command() -> None:
    """Build the .mo files the app loads."""
    compile_catalogs()


@i18n_group.command("check")
def check_command() -> None:
    """Fail when a Russian string is missing or fuzzy, or the catalogs lag behind the code."""
    problems = check()
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(
            f"{len(problems)} catalog problem(s); run `newsdesk i18n update`."
        )
    click.echo("Catalogs are complete and up to date.")
