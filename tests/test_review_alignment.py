"""Whole-Markdown editing of a translation: its sentences are re-aligned with the source,
and ordinary edits (fix a word, add a sentence, reorder two paragraphs) keep approved work."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.machine_translation.blocks import parse_blocks
from newsdesk.models import SegmentStatus, Status, Story
from newsdesk.review import service, units
from newsdesk.stories import service as stories
from tests.review_helpers import approve_all, segments

pytest_plugins = ["tests.review_fixtures"]

SOURCE = {
    "title": "Lab opens",
    "lead": "Good news.",
    "body": "The lab opened today. It is big.\n\n## Hours\n\n"
    "It opens at nine. It closes at six.\n\n- Free entry.\n- Guided tours.\n",
}
TARGET = {
    "title": "Лаборатория открылась",
    "lead": "Хорошие новости.",
    "body": "Лаборатория открылась сегодня. Она большая.\n\n## Часы работы\n\n"
    "Она открывается в девять. Она закрывается в шесть.\n\n- Вход свободный.\n- Экскурсии.\n",
}


@pytest.fixture
def reviewed(app, make_story):
    """A hand-written translation aligned for review, every sentence approved."""
    story = make_story(en=SOURCE, ru=TARGET)
    with app.app_context():
        service.start_review(db.session.get(Story, story.id), "ru", user=None)
        approve_all(story.id)
    return story.id


def _texts(story_id):
    return [s.target_text for s in segments(story_id)]


def _save(story_id, **changes):
    ru = db.session.get(Story, story_id).article("ru")
    fields = {"title": ru.title, "lead": ru.lead, "body": ru.body, **changes}
    return service.save_markdown(ru, base_version=ru.version, user=None, **fields)


def test_start_review_aligns_a_hand_written_translation(app, reviewed):
    with app.app_context():
        segs = segments(reviewed)
        assert [(s.source_text, s.target_text) for s in segs][2:5] == [
            ("The lab opened today.", "Лаборатория открылась сегодня."),
            ("It is big.", "Она большая."),
            ("Hours", "Часы работы"),
        ]
        assert len(segs) == 9 and {s.status for s in segs} == {SegmentStatus.APPROVED}
        assert db.session.get(Story, reviewed).article("ru").body == TARGET["body"]


def test_fixing_a_word_changes_only_that_sentence(app, reviewed):
    with app.app_context():
        before = _texts(reviewed)
        changed = _save(reviewed, body=TARGET["body"].replace("большая", "огромная"))
        segs = segments(reviewed)
        assert changed == [4]
        assert segs[3].target_text == "Она огромная." and segs[3].status == SegmentStatus.EDITED
        assert [s.status for s in segs if s.position != 3] == [SegmentStatus.APPROVED] * 8
        assert [t for n, t in enumerate(_texts(reviewed)) if n != 3] == [
            t for n, t in enumerate(before) if n != 3
        ]


def test_adding_a_sentence_joins_a_neighbour_and_keeps_the_rest_approved(app, reviewed):
    with app.app_context():
        body = TARGET["body"].replace("Она большая.", "Она большая. Там светло.")
        changed = _save(reviewed, body=body)
        segs = segments(reviewed)
        assert changed == [4]
        assert segs[3].target_text == "Она большая. Там светло."
        assert sum(s.status == SegmentStatus.APPROVED for s in segs) == 8
        assert "Она большая. Там светло." in db.session.get(Story, reviewed).article("ru").body


def test_reordering_two_paragraphs_loses_no_approved_work(app, reviewed):
    with app.app_context():
        before = _texts(reviewed)
        paragraphs = TARGET["body"].split("\n\n")
        paragraphs[0], paragraphs[2] = paragraphs[2], paragraphs[0]
        changed = _save(reviewed, body="\n\n".join(paragraphs))
        assert changed == []
        assert _texts(reviewed) == before
        assert {s.status for s in segments(reviewed)} == {SegmentStatus.APPROVED}
        # The translation keeps the source's structure (paragraph order follows the source).
        assert db.session.get(Story, reviewed).article("ru").body == TARGET["body"]


def test_edit_form_save_realigns_too(app, reviewed):
    with app.app_context():
        ru = db.session.get(Story, reviewed).article("ru")
        stories.update_article(
            ru, title="Лаборатория открыта", lead=ru.lead, body=ru.body, slug=ru.slug
        )
        segs = segments(reviewed)
        assert segs[0].target_text == "Лаборатория открыта"
        assert segs[0].status == SegmentStatus.EDITED
        assert sum(s.status == SegmentStatus.APPROVED for s in segs) == 8


def test_a_paragraph_without_a_source_paragraph_is_refused_and_nothing_changes(app, reviewed):
    with app.app_context():
        version = db.session.get(Story, reviewed).article("ru").version
        with pytest.raises(stories.StoryError, match="no counterpart in the source"):
            _save(reviewed, body=TARGET["body"] + "\nСовсем новый абзац.\n")
        db.session.expire_all()
        ru = db.session.get(Story, reviewed).article("ru")
        assert ru.version == version and ru.body == TARGET["body"]


def test_translating_a_missing_sentence_in_markdown_fills_it(app, reviewed):
    with app.app_context():
        en = db.session.get(Story, reviewed).article("en")
        stories.update_article(
            en,
            title=en.title,
            lead=en.lead,
            body=en.body.replace("It is big.", "It is big. It is new."),
        )
        assert [s.target_text for s in segments(reviewed)][3:6] == [
            "Она большая.",
            "",
            "Часы работы",
        ]
        _save(reviewed, body=TARGET["body"].replace("Она большая.", "Она большая. Она новая."))
        segs = segments(reviewed)
        assert segs[4].target_text == "Она новая." and segs[4].status == SegmentStatus.EDITED
        assert segs[4].source_key  # no longer missing
        assert segs[3].status == SegmentStatus.APPROVED


def test_ready_gate_on_the_edit_form(app, mt_story):
    with app.app_context():
        ru = db.session.get(Story, mt_story).article("ru")
        with pytest.raises(stories.StoryError, match="untouched machine output"):
            stories.update_article(
                ru, title=ru.title, lead=ru.lead, body=ru.body, slug=ru.slug, status=Status.READY
            )
        db.session.expire_all()
        assert db.session.get(Story, mt_story).article("ru").status == Status.MT_DRAFT


@pytest.mark.parametrize(
    "body",
    [
        "One. Two.\n\n> Quoted line one.\n> Still quoted. Next sentence.\n\n| a | b |\n|---|---|\n"
        "| Cell one. | Cell two. |\n\n1. First item. More.\n2. Second.\n",
        "# Heading\n\nText with **bold** and a [link](https://x.example). Second sentence.\n",
    ],
)
def test_render_with_the_source_sentences_gives_back_the_source(body):
    skeleton = units.layout("Title.", "Lead one. Lead two.", body, "en", "ru")
    assert units.render(skeleton, [u.text for u in skeleton.units]) == (
        "Title.",
        "Lead one. Lead two.",
        body,
    )
    assert parse_blocks(body).render() == body
