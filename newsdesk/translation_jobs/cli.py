"""``newsdesk mt …``: models, translation from the shell, jobs."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.machine_translation.engine import DirectionNotInstalled
from newsdesk.machine_translation.evaluate import Pair, evaluate
from newsdesk.machine_translation.long_input import MAX_SENTENCE_CHARS, TOO_LONG
from newsdesk.machine_translation.pipeline import translate_document
from newsdesk.models import Status, Story, TranslationJob
from newsdesk.translation_jobs import leases, queue, service
from newsdesk.translation_jobs.memory import DatabaseMemory


@click.group("mt")
def mt_group() -> None:
    """Machine translation: models and translation from the shell."""


@mt_group.command("status")
@with_appcontext
def status_command() -> None:
    """Show installed directions, package versions and where they live."""

    click.echo(f"Packages folder: {current_app.config['ARGOS_PACKAGES_DIR']}")
    missing = []
    for (source, target), d in sorted(service.directions().items()):
        if d.installed:
            click.echo(f"  {source}→{target}  installed  {d.package} {d.version}  {d.path}")
        else:
            click.echo(f"  {source}→{target}  NOT INSTALLED")
            missing.append(d)
    if missing:
        click.echo("\nTo install a missing direction:")
        click.echo("  offline:  newsdesk mt install FILE.argosmodel")
        for d in missing:
            click.echo(f"  online:   newsdesk mt install --from-index {d.source} {d.target}")
    else:
        click.echo("\nBoth en→ru and ru→en are installed.")


def _configured_argos():
    # Imported when a command needs it: argostranslate is heavy and creates folders at import.
    from newsdesk.machine_translation import argos

    argos.configure(Path(current_app.config["ARGOS_PACKAGES_DIR"]))
    return argos


@mt_group.command("install")
@click.argument("args", nargs=-1, required=True)
@click.option(
    "--from-index", is_flag=True, help="Download SOURCE TARGET from the Argos index (online)."
)
@with_appcontext
def install_command(args: tuple[str, ...], from_index: bool) -> None:
    """Install FILE.argosmodel (offline), or with --from-index SOURCE TARGET (online)."""
    argos = _configured_argos()
    try:
        if from_index:
            if len(args) != 2:
                raise click.UsageError("--from-index takes two language codes, e.g. en ru")
            package = argos.install_from_index(args[0], args[1])
        else:
            if len(args) != 1:
                raise click.UsageError("give one .argosmodel file")
            package = argos.install_file(Path(args[0]))
    except argos.ModelFileError as exc:
        raise click.ClickException(str(exc)) from None
    except argos.IndexUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Installed {package.from_code}→{package.to_code}: {package.name} {package.version}")


@mt_group.command("remove")
@click.argument("source")
@click.argument("target")
@with_appcontext
def remove_command(source: str, target: str) -> None:
    """Remove the installed model for SOURCE→TARGET."""
    argos = _configured_argos()
    if not argos.remove(source, target):
        raise click.ClickException(f"No {source}→{target} model is installed.")
    click.echo(f"Removed the {source}→{target} model.")


@mt_group.command("translate")
@click.option("--source", "source", type=click.Choice(["en", "ru"]), required=True)
@click.option("--target", "target", type=click.Choice(["en", "ru"]), required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "text"]),
    default="markdown",
    show_default=True,
    help="markdown keeps the structure; text translates line by line and keeps blank lines.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the aligned sentences as JSON.")
@with_appcontext
def translate_command(source: str, target: str, fmt: str, as_json: bool) -> None:
    """Translate standard input to standard output through the newsdesk pipeline."""

    if source == target:
        raise click.UsageError("--source and --target must differ")
    text = sys.stdin.read()
    try:
        engine = service.load_engine(source, target)
    except DirectionNotInstalled:
        raise click.ClickException(service.missing_model_message(source, target)) from None
    result = translate_document(
        title="",
        lead="",
        body=text,
        source=source,
        target=target,
        engine=engine,
        memory=DatabaseMemory(),
        glossary=glossary.pipeline_terms(),
        body_format=fmt,
    )
    kept = sum(TOO_LONG in seg.flags for seg in result.segments)
    if kept:
        click.echo(
            f"warning: {kept} sentence(s) longer than {MAX_SENTENCE_CHARS} characters were "
            "kept in the source language; split them into shorter sentences.",
            err=True,
        )
    if as_json:
        rows = []
        for seg in result.segments:
            row = asdict(seg)
            row["provenance"] = asdict(seg.provenance) if seg.provenance else None
            rows.append(row)
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        click.echo(result.body, nl=not result.body.endswith("\n"))


@mt_group.command("evaluate")
@click.option("--source", type=click.Choice(["en", "ru"]), required=True)
@click.option("--target", type=click.Choice(["en", "ru"]), required=True)
@click.option(
    "--folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Pairs NAME.<source>.md / NAME.<target>.md (or .txt) instead of published stories.",
)
@click.option("--limit", default=200, show_default=True, help="At most this many pairs.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@with_appcontext
def evaluate_command(
    source: str, target: str, folder: Path | None, limit: int, as_json: bool
) -> None:
    """Score the installed model on reference translations (published pairs by default):
    chrF and BLEU of raw sentence-by-sentence MT and of the newsdesk pipeline."""

    if source == target:
        raise click.UsageError("--source and --target must differ")
    if folder:
        pairs = _folder_pairs(folder, source, target)[:limit]
    else:
        pairs = _published_pairs(source, target, limit)
    if not pairs:
        where = f"in {folder}" if folder else "among published stories"
        raise click.ClickException(f"No {source}→{target} pairs {where}.")
    try:
        engine = service.load_engine(source, target)
    except DirectionNotInstalled:
        raise click.ClickException(service.missing_model_message(source, target)) from None
    with click.progressbar(length=len(pairs), label="Translating", file=sys.stderr) as bar:
        result = evaluate(
            pairs,
            source=source,
            target=target,
            engine=engine,
            glossary=glossary.pipeline_terms(),
            progress=lambda done, total: bar.update(done - bar.pos),
        )
    if as_json:
        click.echo(json.dumps([asdict(score) for score in result.scores], indent=2))
        return
    click.echo(f"{len(pairs)} {source}→{target} pairs, {engine.provenance.package}")
    click.echo(f"{'system':<10} {'chrF':>6} {'BLEU':>6} {'exact':>7}")
    for score in result.scores:
        exact = f"{score.exact}/{score.documents}"
        click.echo(f"{score.system:<10} {score.chrf:6.1f} {score.bleu:6.1f} {exact:>7}")


def _folder_pairs(folder: Path, source: str, target: str) -> list:

    pairs = []
    for path in sorted(folder.iterdir()):
        for suffix in (".md", ".txt"):
            if path.name.endswith(f".{source}{suffix}"):
                stem = path.name[: -len(f".{source}{suffix}")]
                other = folder / f"{stem}.{target}{suffix}"
                if other.is_file():
                    text = path.read_text(encoding="utf-8")
                    pairs.append(Pair(stem, text, other.read_text(encoding="utf-8")))
    return pairs


def _published_pairs(source: str, target: str, limit: int) -> list:

    stories = db.session.scalars(
        select(Story).where(Story.source_lang == source).order_by(Story.id.desc())
    )
    pairs = []
    for story in stories:
        original, translation = story.article(source), story.article(target)
        if original is None or translation is None:
            continue
        if Status.PUBLISHED == original.status == translation.status:
            pairs.append(Pair(f"story {story.id}", original.body, translation.body))
            if len(pairs) >= limit:
                break
    return pairs


@mt_group.command("queue")
@click.argument("story_ids", nargs=-1, type=int, required=True)
@click.option("--into", "target", type=click.Choice(["en", "ru"]), required=True)
@with_appcontext
def queue_command(story_ids: tuple[int, ...], target: str) -> None:
    """Queue machine translations of stories (as the story page's button does)."""

    for story_id in story_ids:
        story = db.session.get(Story, story_id)
        if story is None:
            raise click.ClickException(f"no story {story_id}")
        try:
            job = service.request_translation(story, target)
        except service.TranslationUnavailable as exc:
            raise click.ClickException(f"story {story_id}: {exc.message}") from None
        click.echo(f"story {story_id}: job {job.id} {job.state.value}")


@mt_group.command("jobs")
@click.option("--limit", default=20, show_default=True, help="How many of the newest jobs.")
@with_appcontext
def jobs_command(limit: int) -> None:
    """List translation jobs: state, progress, attempts, worker and why a job failed."""

    jobs = db.session.scalars(
        select(TranslationJob).order_by(TranslationJob.id.desc()).limit(limit)
    ).all()
    if not jobs:
        click.echo("No translation jobs.")
    for job in jobs:
        click.echo(
            f"job {job.id}  story {job.story_id} {job.source_lang}→{job.target_lang}  "
            f"{job.state.value}  {job.done}/{job.total}  attempts {job.attempts}  "
            f"worker {job.worker or '-'}"
        )
        if job.error:
            click.echo(f"    {job.error}")


@mt_group.command("recover")
@with_appcontext
def recover_command() -> None:
    """Queue again the jobs of workers that died (what workers do every 30 s)."""
    ids = leases.recover_jobs(waiting=queue.queued_job_ids)
    click.echo(f"queued again: {', '.join(map(str, ids))}" if ids else "nothing to recover")
