"""``newsdesk stories import|export``: articles as Markdown files with front matter."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from newsdesk.stories import importexport
from newsdesk.stories import service as stories


@click.group("stories")
def stories_group() -> None:
    """Import and export stories as Markdown files with YAML front matter."""


@stories_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--publish", is_flag=True, help="Publish the story (the pair, for two files).")
@with_appcontext
def import_command(files: tuple[Path, ...], publish: bool) -> None:
    """Import FILE (one language) or FILE FILE2 (a pair); prints each article's public path."""
    try:
        story = importexport.import_files(list(files), publish=publish)
    except importexport.ImportError_ as exc:
        raise click.ClickException(str(exc)) from None
    except stories.StoryError as exc:
        raise click.ClickException(exc.message) from None
    for article in story.articles:
        click.echo(f"{article.lang} /{article.lang}/news/{article.slug}")


@stories_group.command("export")
@click.argument("story_id", type=int)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_command(story_id: int, directory: Path) -> None:
    """Write the story's articles into DIRECTORY in the import format."""
    story = stories.get_story(story_id)
    if story is None:
        raise click.ClickException(f"No story with id {story_id}.")
    for path in importexport.export_story(story, directory):
        click.echo(str(path))
