"""Command line: ``newsdesk …`` (or ``flask --app wsgi …``)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from newsdesk import i18n, importexport, stories, users
from newsdesk.models import Role


def register(app: Flask) -> None:
    """Attach every newsdesk command group to the app's CLI."""
    from newsdesk.cli_mt import glossary_group, mt_group

    for command in (
        init_command,
        demo_command,
        serve_command,
        users_group,
        stories_group,
        i18n_group,
        mt_group,
        glossary_group,
        backup_command,
        restore_command,
    ):
        app.cli.add_command(command)


def main() -> None:
    """Entry point of the ``newsdesk`` console script."""
    from newsdesk import create_app

    FlaskGroup(create_app=lambda: create_app(), help="newsdesk: bilingual newsroom.")(
        prog_name="newsdesk"
    )


@click.command("init")
@click.option("--demo-if-empty", is_flag=True, help="Load the demo stories into an empty database.")
@with_appcontext
def init_command(demo_if_empty: bool) -> None:
    """Create or migrate the database; on a new one create 'admin' and print its password."""
    from flask_migrate import upgrade

    upgrade()
    click.echo(f"Database ready: {current_app.config['SQLALCHEMY_DATABASE_URI']}")
    password = users.ensure_admin()
    if password:
        click.echo("Created the first account. Log in at /editor/login with")
        click.echo("  username: admin")
        click.echo(f"  password: {password}")
        click.echo("(shown once; change it with `newsdesk users password admin`)")
    if demo_if_empty:
        from newsdesk.demo import load_demo

        created = load_demo(only_if_empty=True)
        if created:
            click.echo(f"Loaded {created} demo stories.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, help="Job consumer threads.")
@click.option("--threads", default=8, show_default=True, help="Threads answering requests.")
@with_appcontext
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the app with waitress, the job queue's consumer running in the same process."""
    from waitress import create_server

    from newsdesk.jobs import huey, start_consumer

    app = current_app._get_current_object()
    # A production server (not Werkzeug's development one); ident="" sends no Server header,
    # so no server name or version is announced.
    server = create_server(app, host=host, port=port, threads=threads, ident="")
    consumer = None if huey.immediate else start_consumer(workers, app)
    click.echo(f"newsdesk on http://{host}:{port}/ (editor: http://{host}:{port}/editor/)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        if consumer is not None:
            consumer.stop(graceful=True)


def _database_file() -> Path | None:
    from newsdesk.backup import BackupError, sqlite_path

    try:
        return sqlite_path(current_app.config["SQLALCHEMY_DATABASE_URI"])
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("backup")
@click.argument("dest", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite DEST if it exists.")
@with_appcontext
def backup_command(dest: Path, force: bool) -> None:
    """Copy the live SQLite database to DEST (online backup API) and check the copy."""
    from newsdesk.backup import PG_DUMP_GUIDANCE, BackupError, backup_sqlite

    source = _database_file()
    if source is None:
        click.echo(PG_DUMP_GUIDANCE)
        return
    try:
        backup_sqlite(source, dest, force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up {source} to {dest} (integrity check: ok).")


@click.command("restore")
@click.argument("src", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace the existing database.")
@with_appcontext
def restore_command(src: Path, force: bool) -> None:
    """Replace the database with SRC if SRC passes the integrity check (stop the server first)."""
    from newsdesk.backup import PG_DUMP_GUIDANCE, BackupError, restore_sqlite
    from newsdesk.extensions import db

    target = _database_file()
    if target is None:
        click.echo(PG_DUMP_GUIDANCE)
        return
    db.engine.dispose()
    try:
        restore_sqlite(src, target, force=force)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored {target} from {src}.")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the bilingual demo stories (skipped for slugs already present)."""
    from newsdesk.demo import load_demo

    click.echo(f"Loaded {load_demo(only_if_empty=False)} demo stories.")


@click.group("users")
def users_group() -> None:
    """Manage editor, translator and admin accounts."""


def _read_password(password_stdin: bool) -> str:
    if password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_group.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option(
    "--languages", default="en,ru", show_default=True, help="Languages a translator edits."
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_user_command(username: str, role: str, languages: str, password_stdin: bool) -> None:
    """Create an account; the password is prompted for unless --password-stdin is given."""
    try:
        user = users.create_user(username, _read_password(password_stdin), role, languages)
    except users.UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Created {user.role.value} {user.username}.")


@users_group.command("password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def password_command(username: str, password_stdin: bool) -> None:
    """Set a new password for an account."""
    try:
        users.change_password(username, _read_password(password_stdin))
    except users.UserError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Password changed for {username}; every session of the account was ended.")


@users_group.command("deactivate")
@click.argument("username")
@with_appcontext
def deactivate_command(username: str) -> None:
    """Deactivate an account: no login, its sessions and API tokens stop working at once."""
    _set_active(username, False)
    click.echo(f"Deactivated {username}.")


def _set_active(username: str, active: bool) -> None:
    try:
        users.set_active(users.find_user(username), active)
    except users.UserError as exc:
        raise click.ClickException(str(exc)) from None


@users_group.command("activate")
@click.argument("username")
@with_appcontext
def activate_command(username: str) -> None:
    """Let a deactivated account log in again."""
    _set_active(username, True)
    click.echo(f"Activated {username}.")


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


@click.group("i18n")
def i18n_group() -> None:
    """Interface catalogs (Babel): extract, update, compile, check."""


@i18n_group.command("extract")
def extract_command() -> None:
    """Collect the UI strings into translations/messages.pot."""
    i18n.extract()


@i18n_group.command("update")
def update_command() -> None:
    """Extract, then merge new strings into the en and ru catalogs."""
    i18n.extract()
    i18n.update()


@i18n_group.command("compile")
def compile_command() -> None:
    """Build the .mo files the app loads."""
    i18n.compile_catalogs()


@i18n_group.command("check")
def check_command() -> None:
    """Fail when a Russian string is missing or fuzzy, or the catalogs lag behind the code."""
    problems = i18n.check()
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        raise click.ClickException(
            f"{len(problems)} catalog problem(s); run `newsdesk i18n update`."
        )
    click.echo("Catalogs are complete and up to date.")
