"""``newsdesk qa check``: QA findings for a source article and its translation, for
scripts and CI. Exit status 1 when any error-severity finding exists."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import click
import frontmatter
from flask.cli import with_appcontext
from sqlalchemy.exc import SQLAlchemyError

from newsdesk.glossary.service import pipeline_terms
from newsdesk.machine_translation.mask import GlossaryTerm
from newsdesk.review import qa, units
from newsdesk.review.alignment import AlignmentError, align
from newsdesk.review.article_checks import check_article_links, check_structure

log = logging.getLogger(__name__)


def read_article(path: Path) -> tuple[str, str, str]:
    """Title, lead and body of a Markdown file (front matter as in ``stories import``)."""
    post = frontmatter.loads(path.read_text(encoding="utf-8"))
    return str(post.get("title") or ""), str(post.get("lead") or ""), post.content


def check_articles(
    source: tuple[str, str, str],
    target: tuple[str, str, str],
    source_lang: str,
    target_lang: str,
    glossary: Sequence[GlossaryTerm] = (),
) -> list[qa.Finding]:
    """Align the target with the source's sentences (the pipeline's segmentation), then
    check each pair; a paragraph without a counterpart is an article-level error."""
    structure = [
        qa.Finding("markup", severity, message)
        for severity, message in check_structure(source[2], target[2])
    ] + [
        qa.Finding("links", severity, message)
        for severity, message in check_article_links(source[2], target[2])
    ]
    skeleton = units.layout(*source, source_lang, target_lang, glossary)
    try:
        aligned = align(
            skeleton, [""] * len(skeleton.units), *target, target_lang, source_lang, glossary
        )
    except AlignmentError as exc:
        return [*structure, qa.Finding("markup", qa.ERROR, exc.message)]
    findings = structure
    for number, (unit, text) in enumerate(zip(skeleton.units, aligned.texts, strict=True), 1):
        findings += qa.check_sentence(unit.text, text, source_lang, target_lang, glossary, number)
    return findings


def _glossary() -> list[GlossaryTerm]:

    try:
        return pipeline_terms()
    except SQLAlchemyError:
        log.warning("no glossary: the database is not available")
        return []


@click.group("qa")
def qa_group() -> None:
    """Quality checks of translations."""


@qa_group.command("check")
@click.option("--source-lang", type=click.Choice(["en", "ru"]), required=True)
@click.option("--target-lang", type=click.Choice(["en", "ru"]), required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list.")
@click.argument("source_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("target_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def check_command(
    source_lang: str, target_lang: str, as_json: bool, source_file: Path, target_file: Path
) -> None:
    """Compare TARGET_FILE with SOURCE_FILE sentence by sentence; exit 1 on any error."""
    if source_lang == target_lang:
        raise click.UsageError("--source-lang and --target-lang must differ")
    findings = check_articles(
        read_article(source_file),
        read_article(target_file),
        source_lang,
        target_lang,
        _glossary(),
    )
    if as_json:
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = f"#{f.segment}" if f.segment else "-"
            click.echo(f"{f.severity.upper():7} {f.code:14} {where:5} {f.message}")
        errors = len(qa.blocking(findings))
        click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)")
    if qa.blocking(findings):
        raise SystemExit(1)
