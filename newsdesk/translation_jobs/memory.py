"""Translation memory and the machine-output cache, both in the database."""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.machine_translation.engine import Engine, Hypothesis, Provenance
from newsdesk.machine_translation.pipeline import normalize_sentence, sentence_key
from newsdesk.models import MachineCache, MemoryEntry, User

log = logging.getLogger(__name__)
_KEYS_PER_QUERY = 500


class DatabaseMemory:
    """Exact-match memory: people's translations first, then sentences to keep as they are."""

    def __init__(self, protected: dict[str, str] | None = None) -> None:
        # Sentences a person already edited or approved in this article, by source key.
        self.protected = protected or {}

    def lookup(self, source: str, target: str, key: str) -> str | None:
        return self.lookup_many(source, target, [key]).get(key)

    def lookup_many(self, source: str, target: str, keys: list[str]) -> dict[str, str]:
        """The stored target for each key that has one: one query per document, not per
        sentence (keys in chunks, under SQLite's and PostgreSQL's parameter limits)."""
        found = {key: self.protected[key] for key in keys if key in self.protected}
        wanted = sorted({key for key in keys if key not in found})
        for first in range(0, len(wanted), _KEYS_PER_QUERY):
            rows = db.session.execute(
                select(MemoryEntry.source_key, MemoryEntry.target_text).where(
                    MemoryEntry.source_lang == source,
                    MemoryEntry.target_lang == target,
                    MemoryEntry.source_key.in_(wanted[first : first + _KEYS_PER_QUERY]),
                )
            )
            found.update({key: text for key, text in rows})
        return found


def remember(
    source_lang: str, target_lang: str, source_text: str, target_text: str, user: User | None = None
) -> MemoryEntry:
    """Store (or replace) a person's translation of a sentence; the caller commits."""
    key = sentence_key(source_text)
    entry = db.session.scalar(
        select(MemoryEntry).where(
            MemoryEntry.source_lang == source_lang,
            MemoryEntry.target_lang == target_lang,
            MemoryEntry.source_key == key,
        )
    )
    if entry is None:
        entry = MemoryEntry(source_lang=source_lang, target_lang=target_lang, source_key=key)
        db.session.add(entry)
    entry.source_text = normalize_sentence(source_text)
    entry.target_text = target_text
    entry.approved_by_id = user.id if user else None
    entry.origin = "review"  # a person's translation wins over the archive's
    entry.story_id = None
    return entry


class CachingEngine:
    """Wraps an engine: outputs already computed for this model version come from the
    database; new ones are stored and committed as each batch finishes."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.source, self.target = engine.source, engine.target
        self.engine_calls = 0

    @property
    def provenance(self) -> Provenance:
        return self.engine.provenance

    def _where(self):
        p = self.engine.provenance
        return (
            MachineCache.source_lang == self.source,
            MachineCache.target_lang == self.target,
            MachineCache.package == p.package,
            MachineCache.package_version == p.version,
        )

    def translate_batch(self, sentences: list[str]) -> list[Hypothesis]:
        keys = [hashlib.sha256(s.encode("utf-8")).hexdigest() for s in sentences]
        rows = db.session.execute(
            select(MachineCache.input_key, MachineCache.output, MachineCache.score).where(
                *self._where(), MachineCache.input_key.in_(set(keys))
            )
        )
        found = {key: Hypothesis(output, score) for key, output, score in rows}
        missing = [i for i, key in enumerate(keys) if key not in found]
        if missing:
            self.engine_calls += 1
            fresh = self.engine.translate_batch([sentences[i] for i in missing])
            p = self.engine.provenance
            for i, hypothesis in zip(missing, fresh, strict=True):
                if keys[i] in found:
                    continue  # the same input twice in one batch
                found[keys[i]] = hypothesis
                db.session.add(
                    MachineCache(
                        source_lang=self.source,
                        target_lang=self.target,
                        package=p.package,
                        package_version=p.version,
                        input_key=keys[i],
                        output=hypothesis.text,
                        score=hypothesis.score,
                    )
                )
            db.session.commit()
        log.debug("batch of %d: %d from cache", len(sentences), len(sentences) - len(missing))
        return [found[key] for key in keys]
