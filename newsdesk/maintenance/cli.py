"""``newsdesk init``, ``serve``, ``demo``, ``backup``, ``restore``: the site and its database."""

from __future__ import annotations

import signal
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from newsdesk.accounts import users
from newsdesk.extensions import db
from newsdesk.maintenance.backup import (
    PG_DUMP_GUIDANCE,
    BackupError,
    backup_sqlite,
    restore_sqlite,
    sqlite_path,
)
from newsdesk.maintenance.demo import load_demo
from newsdesk.translation_jobs.queue import huey, start_consumer


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
        created = load_demo(only_if_empty=True)
        if created:
            click.echo(f"Loaded {created} demo stories.")


def _database_file() -> Path | None:

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

    click.echo(f"Loaded {load_demo(only_if_empty=False)} demo stories.")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, help="Job consumer threads.")
@click.option("--threads", default=8, show_default=True, help="Threads answering requests.")
@with_appcontext
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the app with waitress, the job queue's consumer running in the same process."""
    from waitress import create_server

    app = current_app._get_current_object()
    # A production server (not Werkzeug's development one); ident="" sends no Server header,
    # so no server name or version is announced.
    server = create_server(app, host=host, port=port, threads=threads, ident="")
    _stop_on_signals()
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


def _stop_on_signals() -> None:
    """Ctrl-C (SIGINT) and a service manager's SIGTERM both stop the server cleanly, also when
    the process was started with SIGINT ignored (``nohup … &``, some CI runners and test
    harnesses pass that on to their children)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)


COMMANDS = (init_command, serve_command, demo_command, backup_command, restore_command)
