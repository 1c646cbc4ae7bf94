"""``newsdesk stories import|export``: articles as Markdown files with front matter;
``newsdesk stories purge-trash``: the retention rule of the trash."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from newsdesk.stories import importexport
from newsdesk.stories import service as stories


@click.group("stories")
def stories_group() -> None:
    """Import and export stories as Markdown files with YAML front matter; purge the trash."""


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


@stories_group.command("purge-trash")
@click.option("--days", type=int, default=None, help="Retention in days (TRASH_RETENTION_DAYS).")
@with_appcontext
def purge_trash_command(days: int | None) -> None:
    """Delete for good the stories in the trash for longer than the retention period."""
    purged = stories.purge_expired(days=days)
    ids = ", ".join(str(story_id) for story_id in purged)
    noun = "story" if len(purged) == 1 else "stories"
    click.echo(f"Purged {len(purged)} {noun} from the trash" + (f": {ids}." if purged else "."))
