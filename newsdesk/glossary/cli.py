"""``newsdesk glossary import|export``: terms as CSV (en,ru,kind,note)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from newsdesk.glossary import service as glossary


@click.group("glossary")
def glossary_group() -> None:
    """The MT glossary: import and export terms as CSV (en,ru,kind,note)."""


@glossary_group.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@with_appcontext
def glossary_import_command(file) -> None:
    """Import terms from a CSV file; all rows or none."""
    try:
        count = glossary.import_csv(file.read())
    except glossary.GlossaryError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Imported {count} terms.")


@glossary_group.command("export")
@with_appcontext
def glossary_export_command() -> None:
    """Print the glossary as CSV."""
    click.echo(glossary.export_csv(), nl=False)
