"""Demo content: a few bilingual stories in the import format, in newsdesk/maintenance/demo/."""

from __future__ import annotations

import logging
from itertools import groupby
from pathlib import Path

from sqlalchemy import func, select

from newsdesk.extensions import db
from newsdesk.models import Article, Story
from newsdesk.stories.importexport import ImportError_, import_files, parse_file

DEMO_DIR = Path(__file__).resolve().parent / "demo"
log = logging.getLogger(__name__)


def load_demo(*, only_if_empty: bool) -> int:
    """Import the demo stories (files sharing a numeric prefix form a pair); return how many."""
    if only_if_empty and db.session.scalar(select(func.count(Story.id))):
        return 0
    files = sorted(DEMO_DIR.glob("*.md"))
    created = 0
    for _prefix, group in groupby(files, key=lambda p: p.name.split("-", 1)[0]):
        paths = list(group)
        parsed = [parse_file(p) for p in paths]
        publish = all(p.date for p in parsed)
        if any(_exists(p.lang, p.slug) for p in parsed if p.slug):
            continue
        try:
            import_files(paths, publish=publish)
        except ImportError_:
            log.exception("demo story %s not loaded", paths)
            continue
        created += 1
    return created


def _exists(lang: str, slug: str) -> bool:
    query = select(Article.id).where(Article.lang == lang, Article.slug == slug)
    return db.session.scalar(query) is not None
