"""The archive feeds the translation memory: an imported or published human pair is aligned
into memory units, and a later machine translation takes those sentences from memory."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import MemoryEntry, Segment, Story
from newsdesk.stories import importexport
from newsdesk.translation_jobs import archive, memory, service
from tests.mt_fakes import FakeEngine, fake_package, transliterate

EN = """---
lang: en
title: University opens a joint laboratory with JITRI in Nanjing
slug: joint-lab-nanjing
date: 2025-10-12T09:00:00
lead: The laboratory will study new materials for batteries.
---
On 12 October 2025 the rector, Dmitry Arseniev, signed the agreement in Nanjing. The \
delegation of 14 people also visited three companies of the institute.

The laboratory gets 1,500 square metres and 25 million roubles for the first two years.
"""

RU = """---
lang: ru
title: Университет открывает совместную лабораторию с JITRI в Нанкине
slug: sovmestnaya-laboratoriya
date: 2025-10-12T09:00:00
lead: Лаборатория будет изучать новые материалы для аккумуляторов.
---
12 октября 2025 года ректор Дмитрий Арсеньев подписал соглашение в Нанкине. Делегация из \
14 человек также посетила три компании института.

Лаборатория получит 1500 квадратных метров и 25 миллионов рублей на первые два года.
"""

SENTENCE_EN = (
    "The laboratory gets 1,500 square metres and 25 million roubles for the first two years."
)
SENTENCE_RU = "Лаборатория получит 1500 квадратных метров и 25 миллионов рублей на первые два года."


@pytest.fixture
def imported(app, tmp_path):
    (tmp_path / "lab.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "lab.ru.md").write_text(RU, encoding="utf-8")
    with app.app_context():
        story = importexport.import_files(
            [tmp_path / "lab.en.md", tmp_path / "lab.ru.md"], publish=True
        )
        return story.id


def _units(app):
    with app.app_context():
        return {
            (e.source_lang, e.target_lang, e.source_text): (e.target_text, e.origin, e.story_id)
            for e in db.session.scalars(select(MemoryEntry))
        }


def test_importing_a_published_pair_fills_the_memory_both_ways(app, imported):
    units = _units(app)
    assert units[("en", "ru", SENTENCE_EN)] == (SENTENCE_RU, "archive", imported)
    assert units[("ru", "en", SENTENCE_RU)] == (SENTENCE_EN, "archive", imported)
    title = "University opens a joint laboratory with JITRI in Nanjing"
    assert units[("en", "ru", title)][0].startswith("Университет открывает")
    assert len(units) == 2 * 5  # title, lead and three body sentences, each way


def test_a_new_story_reusing_archive_sentences_never_reaches_the_engine(
    app, imported, make_story, monkeypatch
):
    fake = FakeEngine("en", "ru", transform=lambda text: transliterate(text, "ru"))
    fake_package(app)
    monkeypatch.setattr(service, "load_engine", lambda source, target: fake)
    story = make_story(
        en={
            "title": "University opens a joint laboratory with JITRI in Nanjing",
            "lead": "The laboratory will study new materials for batteries.",
            "body": SENTENCE_EN,
        }
    )
    with app.app_context():
        service.request_translation(db.session.get(Story, story.id), "ru", None)
        ru = db.session.get(Story, story.id).article("ru")
        origins = set(db.session.scalars(select(Segment.origin).where(Segment.article_id == ru.id)))
        assert ru.body == SENTENCE_RU
    assert fake.calls == []  # zero engine calls: every sentence came from the archive
    assert origins == {"memory"}


def test_a_reviewed_translation_is_never_replaced_by_the_archive(app, tmp_path):
    with app.app_context():
        mine = memory.remember("en", "ru", SENTENCE_EN, "Перевод, одобренный человеком.")
        mine.origin = archive.ORIGIN_REVIEW
        db.session.commit()
    (tmp_path / "lab.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "lab.ru.md").write_text(RU, encoding="utf-8")
    with app.app_context():
        importexport.import_files([tmp_path / "lab.en.md", tmp_path / "lab.ru.md"], publish=True)
    assert _units(app)[("en", "ru", SENTENCE_EN)][:2] == (
        "Перевод, одобренный человеком.",
        "review",
    )


def test_a_draft_pair_adds_nothing_and_a_failing_aligner_never_blocks_publishing(
    app, tmp_path, monkeypatch
):
    (tmp_path / "lab.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "lab.ru.md").write_text(RU, encoding="utf-8")
    with app.app_context():
        importexport.import_files([tmp_path / "lab.en.md", tmp_path / "lab.ru.md"])
    assert _units(app) == {}

    def broken(*args, **kwargs):
        raise RuntimeError("aligner bug")

    monkeypatch.setattr(archive, "align_paragraphs", broken)
    (tmp_path / "b.en.md").write_text(EN.replace("joint-lab-nanjing", "b-en"), encoding="utf-8")
    (tmp_path / "b.ru.md").write_text(
        RU.replace("sovmestnaya-laboratoriya", "b-ru"), encoding="utf-8"
    )
    with app.app_context():
        story = importexport.import_files(
            [tmp_path / "b.en.md", tmp_path / "b.ru.md"], publish=True
        )
        assert story.published_at is not None
    assert _units(app) == {}


def test_the_archive_command_aligns_pairs_published_before(app, tmp_path, monkeypatch):
    (tmp_path / "lab.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "lab.ru.md").write_text(RU, encoding="utf-8")
    with monkeypatch.context() as patched, app.app_context():
        patched.setattr(archive, "remember_story", lambda story: 0)  # as before this feature
        importexport.import_files([tmp_path / "lab.en.md", tmp_path / "lab.ru.md"], publish=True)
    assert _units(app) == {}
    result = app.test_cli_runner().invoke(args=["tm", "align-archive"])
    assert result.exit_code == 0, result.output
    assert "1 stories, 10 memory units" in result.output
    assert _units(app)[("en", "ru", SENTENCE_EN)][1] == "archive"
