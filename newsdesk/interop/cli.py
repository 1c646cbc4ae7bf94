"""``newsdesk xliff export|import`` and ``newsdesk tm export``."""

from __future__ import annotations

import sys

import click
from flask.cli import with_appcontext

from newsdesk.extensions import db
from newsdesk.interop.tmx import export_memory
from newsdesk.interop.xliff import export_story, import_story
from newsdesk.models import LANGS, Story, User
from newsdesk.stories.errors import StoryError
from newsdesk.translation_jobs import archive


def _user(name: str | None) -> User | None:
    """The account to act as; None (no role checks) when not given, like other commands."""
    if name is None:
        return None
    user = db.session.scalar(db.select(User).where(User.username == name))
    if user is None:
        raise click.ClickException(f"no user {name!r}")
    return user


@click.group("xliff")
def xliff_group() -> None:
    """Exchange a story's translation with CAT tools as XLIFF 2.0."""


@xliff_group.command("export")
@click.argument("story_id", type=int)
@click.option(
    "--target",
    "lang",
    required=True,
    type=click.Choice(LANGS),
    help="Target language: the story's sentences are written in the other one.",
)
@click.option(
    "--empty",
    is_flag=True,
    help="Source only: every target empty (any language version; the translation as it "
    "stands otherwise, aligned on the fly when no review has started).",
)
@click.option("--output", "-o", type=click.File("wb"), default="-", help="File (default stdout).")
@click.option("--user", "username", help="Act as this account (its role is checked).")
@with_appcontext
def export_command(story_id: int, lang: str, empty: bool, output, username: str | None) -> None:
    """Write STORY_ID's sentences for translation into --target as XLIFF 2.0."""

    story = db.session.get(Story, story_id)
    if story is None:
        raise click.ClickException(f"no story {story_id}")
    try:
        output.write(export_story(story, lang, user=_user(username), empty=empty))
    except StoryError as exc:
        raise click.ClickException(exc.message) from None


@xliff_group.command("import")
@click.argument("file", type=click.File("rb"))
@click.option("--user", "username", help="Act as this account (its role is checked).")
@with_appcontext
def import_command(file, username: str | None) -> None:
    """Apply an XLIFF 2.0 file exported by newsdesk; changed sentences become edited.

    A translation not aligned yet is aligned first (one that does not exist is created);
    targets that repeat their source or whose inline codes look misplaced are imported
    and listed as warnings."""

    try:
        result = import_story(file.read(), user=_user(username))
    except StoryError as exc:
        raise click.ClickException(f"{file.name}: {exc.message}") from None
    changed = ", ".join(map(str, result.changed)) or "none"
    click.echo(f"story {result.story.id} {result.lang}: changed sentences: {changed}")
    for flag in result.flags:
        click.echo(f"warning: {flag.code}: {flag.message}")


@click.group("tm")
def tm_group() -> None:
    """The translation memory."""


@tm_group.command("export")
@click.option("--source", type=click.Choice(LANGS), help="Only this source language.")
@click.option("--target", type=click.Choice(LANGS), help="Only this target language.")
@click.option("--output", "-o", type=click.File("wb"), default="-", help="File (default stdout).")
@with_appcontext
def tm_export_command(source: str | None, target: str | None, output) -> None:
    """Write the translation memory as TMX 1.4."""

    output.write(export_memory(source, target))
    if output is sys.stdout.buffer:
        output.flush()


@tm_group.command("align-archive")
@with_appcontext
def tm_align_archive_command() -> None:
    """Align every published English/Russian pair into translation-memory units (origin
    "archive"); a person's approved translation is never replaced. Publishing a pair does the
    same for that story; run this once after importing an archive published earlier."""
    stories, units = archive.remember_archive()
    click.echo(f"{stories} stories, {units} memory units from the archive.")
