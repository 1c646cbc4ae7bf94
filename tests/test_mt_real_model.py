"""The whole product path on a real argos package: the tiny model the tests build.

argostranslate installs it, CTranslate2 and SentencePiece run it; the pipeline's
guarantees (markup, numbers, links, glossary terms, alignment) must hold although the
model only knows its training sentences.
"""

from __future__ import annotations

import json

import pytest

from newsdesk.extensions import db
from newsdesk.machine_translation import testing as tiny
from newsdesk.models import JobState, Segment, Status, Story, TranslationJob
from tests.adversarial_corpus import EN_SENTENCES, GLOSSARY, RU_SENTENCES, kept

pytestmark = pytest.mark.slow

# Training sentences without numbers or glossary terms: masking leaves them as the model
# learnt them, so the model must give back exactly its training translation.
PLAIN = [
    (en, ru)
    for en, ru in tiny.TRAINING_PAIRS
    if not any(c.isdigit() for c in en) and not any(t.en.lower() in en.lower() for t in GLOSSARY)
]


@pytest.fixture
def mt_app(app_factory, argos_packages):
    return app_factory(ARGOS_PACKAGES_DIR=str(argos_packages), MT_BEAM_SIZE=1)


def test_cli_status_install_and_translate(app_factory, empty_argos_packages, tiny_argos_files):
    app = app_factory(ARGOS_PACKAGES_DIR=str(empty_argos_packages), MT_BEAM_SIZE=1)
    runner = app.test_cli_runner()
    status = runner.invoke(args=["mt", "status"])
    assert status.exit_code == 0
    assert "en→ru  NOT INSTALLED" in status.output and "newsdesk mt install" in status.output
    args = ["mt", "translate", "--source", "en", "--target", "ru"]
    missing = runner.invoke(args=args, input="Hi.")
    assert missing.exit_code != 0 and "newsdesk mt install --from-index en ru" in missing.output
    for path in tiny_argos_files.values():
        result = runner.invoke(args=["mt", "install", str(path)])
        assert result.exit_code == 0, result.output
    status = runner.invoke(args=["mt", "status"])
    assert "Both en→ru and ru→en are installed." in status.output
    en, ru = PLAIN[0]
    result = runner.invoke(args=["mt", "translate", "--source", "en", "--target", "ru"], input=en)
    assert result.exit_code == 0 and result.output.strip() == ru
    result = runner.invoke(
        args=["mt", "translate", "--source", "ru", "--target", "en", "--json"], input=PLAIN[1][1]
    )
    rows = json.loads(result.output)
    assert rows[0]["target"] == PLAIN[1][0] and rows[0]["origin"] == "mt"
    assert rows[0]["provenance"]["package"] == tiny.package_name("ru", "en")


def test_cli_install_explains_a_bad_file(app_factory, empty_argos_packages, tmp_path):
    app = app_factory(ARGOS_PACKAGES_DIR=str(empty_argos_packages))
    bad = tmp_path / "broken.argosmodel"
    bad.write_bytes(b"this is not a zip file")
    result = app.test_cli_runner().invoke(args=["mt", "install", str(bad)])
    assert result.exit_code != 0 and "zip" in result.output.lower()


def test_story_machine_draft_on_the_real_model(mt_app, make_story, block_network):
    body = (
        "\n\n".join(en for en, _ in PLAIN[2:6])
        + "\n\n"
        + "\n\n".join(sentence for sentence, _ in EN_SENTENCES)
    )
    story = make_story(en={"title": PLAIN[0][0], "lead": PLAIN[1][0], "body": body})
    with mt_app.app_context():
        from newsdesk.glossary import service as glossary
        from newsdesk.translation_jobs import service

        for term in GLOSSARY:
            glossary.add_term(term.en, term.ru, term.kind)
        job = service.request_translation(db.session.get(Story, story.id), "ru")
        assert job.state == JobState.DONE, job.error
        ru = db.session.get(Story, story.id).article("ru")
        assert ru.status == Status.MT_DRAFT
        assert ru.title == PLAIN[0][1] and ru.lead == PLAIN[1][1]
        for _en, expected in PLAIN[2:6]:
            assert expected in ru.body
        for sentence, required in EN_SENTENCES:
            for piece in required:
                assert kept(piece, ru.body), (sentence, piece)
        segments = db.session.scalars(db.select(Segment).where(Segment.article_id == ru.id)).all()
        assert len(segments) == 2 + 4 + len(EN_SENTENCES)
        assert {s.package for s in segments if s.origin == "mt"} == {tiny.package_name("en", "ru")}
        assert ru.body.count("\n\n") == body.count("\n\n")
    assert block_network == []


def test_russian_corpus_through_the_real_model(mt_app, block_network):
    from newsdesk.machine_translation.pipeline import translate_document
    from newsdesk.translation_jobs import memory, service

    with mt_app.app_context():
        engine = memory.CachingEngine(service.load_engine("ru", "en"))
        body = "\n\n".join(sentence for sentence, _ in RU_SENTENCES)
        result = translate_document(
            title="",
            lead="",
            body=body,
            source="ru",
            target="en",
            engine=engine,
            glossary=GLOSSARY,
        )
        for sentence, required in RU_SENTENCES:
            for piece in required:
                assert kept(piece, result.body), (sentence, piece)
        assert len([s for s in result.segments if s.kind == "body"]) == len(RU_SENTENCES)
        calls = engine.engine_calls
        translate_document(
            title="",
            lead="",
            body=body,
            source="ru",
            target="en",
            engine=engine,
            glossary=GLOSSARY,
        )
        assert engine.engine_calls == calls  # the second run came from the cache
    assert block_network == []


def test_job_state_after_translation(mt_app, make_story):
    story = make_story(en={"title": PLAIN[0][0], "body": PLAIN[1][0]})
    with mt_app.app_context():
        from newsdesk.translation_jobs import service

        service.request_translation(db.session.get(Story, story.id), "ru")
        job = db.session.scalar(db.select(TranslationJob))
        assert (job.state, job.done, job.total) == (JobState.DONE, 2, 2)
