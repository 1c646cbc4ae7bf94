"""The review workspace: sentence saves and approvals (revisions, memory, audit), counts,
riskiest-first order, in-place JSON saves, mark ready, and the pages in both UI languages."""

from __future__ import annotations

import re

import pytest

from newsdesk.extensions import db
from newsdesk.models import MemoryEntry, Revision, Segment, SegmentStatus, Status, Story
from newsdesk.models.review import AuditEntry
from newsdesk.review import service, workspace
from newsdesk.review.sentences import text_token
from tests.html_text import CYRILLIC, chrome_text, html_lang
from tests.review_helpers import approve_all, require_ru, segments

pytest_plugins = ["tests.review_fixtures"]


@pytest.fixture
def translator(make_user):
    return make_user("tr", role="translator", languages="ru")


def _url(story_id, rest=""):
    return f"/editor/stories/{story_id}/review/ru{rest}"


def test_saving_a_sentence_writes_a_revision_and_an_audit_entry(app, mt_story, translator):
    with app.app_context():
        seg = segments(mt_story)[2]
        ru = seg.article
        version = ru.version
        result = service.save_segment(seg, "Университет открыл новую лабораторию.", user=translator)
        assert result.changed and seg.status == SegmentStatus.EDITED and seg.origin == "human"
        assert ru.version == version + 1
        assert ru.body.startswith("Университет открыл новую лабораторию. ")
        assert ru.status == Status.DRAFT  # no longer an untouched machine draft
        revision = db.session.scalar(
            db.select(Revision)
            .where(Revision.article_id == ru.id)
            .order_by(Revision.version.desc())
        )
        assert (revision.version, revision.note, revision.user_id) == (
            version + 1,
            "sentence 3",
            translator.id,
        )
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "edited"))
        assert entry.detail["sentence"] == 3 and entry.username == "tr"
        assert 0 < entry.detail["post_edit_distance"] <= 1
        assert db.session.scalars(db.select(MemoryEntry)).all() == []  # memory on approval only


def test_approving_fills_the_translation_memory(app, mt_story, translator):
    with app.app_context():
        seg = segments(mt_story)[2]
        version = seg.article.version
        service.save_segment(seg, seg.target_text, user=translator, approve=True)
        assert seg.status == SegmentStatus.APPROVED
        assert seg.article.version == version  # the text did not change: no new revision
        entry = db.session.scalar(db.select(MemoryEntry))
        assert (entry.source_text, entry.target_text, entry.approved_by_id) == (
            seg.source_text,
            seg.target_text,
            translator.id,
        )
        assert db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "approved"))


def test_empty_sentence_cannot_be_approved(app, mt_story):
    with app.app_context():
        with pytest.raises(service.ReviewError):
            service.save_segment(segments(mt_story)[2], "  ", user=None, approve=True)


def test_concurrent_edit_of_a_sentence_is_a_conflict(app, mt_story):
    with app.app_context():
        seg = segments(mt_story)[2]
        base = text_token(seg.target_text)
        service.save_segment(seg, "Первая версия.", user=None, base=base)
        with pytest.raises(service.SegmentConflict):
            service.save_segment(seg, "Вторая версия.", user=None, base=base)
        assert seg.target_text == "Первая версия."


def test_counts_and_riskiest_first(app, mt_story):
    with app.app_context():
        segs = segments(mt_story)
        service.save_segment(segs[0], segs[0].target_text, user=None, approve=True)
        service.save_segment(segs[5], "Посетители  welcome every day.", user=None)
        ws = workspace.load(db.session.get(Story, mt_story), "ru", order="risk")
        assert ws.counts == {"missing": 0, "stale": 0, "machine": 5, "edited": 1, "approved": 1}
        assert (ws.approved, ws.total) == (1, 7)
        assert ws.rows[0].number == 6 and {f.code for f in ws.rows[0].errors} == {"untranslated"}
        assert ws.rows[-1].number == 1
        todo = workspace.load(db.session.get(Story, mt_story), "ru", show="todo")
        assert [r.number for r in todo.rows] == [2, 3, 4, 5, 6, 7]


def test_details_show_memory_matches_and_glossary_terms(app, mt_story):
    from newsdesk.glossary import service as glossary
    from newsdesk.translation_jobs import memory

    with app.app_context():
        glossary.add_term("laboratory", "лаборатория", "preferred")
        memory.remember(
            "en",
            "ru",
            "The university opened a new laboratory today.",
            "Университет сегодня открыл новую лабораторию.",
        )
        db.session.commit()
        ws = workspace.load(db.session.get(Story, mt_story), "ru")
        row = ws.rows[2]
        assert row.suggestions[0].target == "Университет сегодня открыл новую лабораторию."
        assert 80 <= row.suggestions[0].score < 100
        assert [(t.en, t.ru) for t in row.terms] == [("laboratory", "лаборатория")]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "1 of 7 sentences approved"),
        ("ru", "Одобрено 1 из 7 предложений"),
    ],
)
def test_workspace_page_in_both_ui_languages(
    app, client, login, make_user, mt_story, locale, expected
):
    with app.app_context():
        seg = segments(mt_story)[0]
        service.save_segment(seg, seg.target_text, user=None, approve=True)
    login(make_user("ed", locale=locale))
    for path in [
        _url(mt_story),
        _url(mt_story, "?order=risk&show=todo"),
        _url(mt_story, "/markdown"),
        _url(mt_story, "/report"),
        f"/editor/stories/{mt_story}/ru/history",
        f"/editor/stories/{mt_story}/en/history",
        f"/editor/stories/{mt_story}/audit",
        f"/editor/stories/{mt_story}",
        "/editor/",
    ]:
        response = client.get(path)
        html = response.get_data(as_text=True)
        assert response.status_code == 200, path
        assert html_lang(html) == locale
        if locale == "en":
            assert not CYRILLIC.search(chrome_text(html)), (path, chrome_text(html))
        else:
            assert "Материалы" in html, path
    page = client.get(_url(mt_story)).get_data(as_text=True)
    if locale == "ru":
        require_ru("%(approved)s of %(count)s sentence approved")
    assert expected in page
    assert "<script" in page and "review.js" in page and "style=" not in page


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "Одобрено 0 из 1 предложения"),
        (3, "Одобрено 0 из 3 предложений"),
        (21, "Одобрено 0 из 21 предложения"),
    ],
)
def test_russian_counts_use_plural_forms(app, n, expected):
    from flask import render_template_string
    from flask_babel import force_locale

    template = (
        "{% trans approved=0, count=n %}{{ approved }} of {{ count }} sentence approved"
        "{% pluralize count %}{{ approved }} of {{ count }} sentences approved{% endtrans %}"
    )
    require_ru("%(approved)s of %(count)s sentence approved")
    with app.test_request_context("/"), force_locale("ru"):
        assert render_template_string(template, n=n) == expected


def test_save_through_the_page_without_js_redirects_to_the_next_sentence(
    app, client, login, translator, mt_story
):
    login(translator)
    with app.app_context():
        first, second = segments(mt_story)[:2]
    response = client.post(
        _url(mt_story, f"/sentences/{first.id}"),
        data={"text": "Лаборатория открылась", "approve_next": "1"},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/review/ru#s{second.position + 1}")
    with app.app_context():
        seg = db.session.get(Segment, first.id)
        assert (seg.target_text, seg.status) == ("Лаборатория открылась", SegmentStatus.APPROVED)


def test_in_place_save_returns_the_row_and_the_next_sentence(
    app, client, login, translator, mt_story
):
    login(translator)
    with app.app_context():
        seg = segments(mt_story)[3]
        base = text_token(seg.target_text)
    response = client.post(
        _url(mt_story, f"/sentences/{seg.id}"),
        data={"text": "Она стоила 2,5\u00a0млн $.", "base": base, "approve_next": "1"},
        headers={"Accept": "application/json"},
    )
    data = response.get_json()
    assert response.status_code == 200 and data["ok"]
    assert 'id="s4"' in data["row"] and "seg-approved" in data["row"]
    assert "1 of 7 sentences approved" in data["summary"]
    assert data["next"] == "s5"  # the next sentence still needing attention
    conflict = client.post(
        _url(mt_story, f"/sentences/{seg.id}"),
        data={"text": "Другое.", "base": base, "save": "1"},
        headers={"Accept": "application/json"},
    )
    assert conflict.status_code == 409 and not conflict.get_json()["ok"]


def test_fix_button_applies_typography(app, client, login, translator, mt_story):
    login(translator)
    with app.app_context():
        seg = segments(mt_story)[2]
        service.save_segment(seg, 'Открыли "лабораторию" - новую.', user=None)
    page = client.get(_url(mt_story)).get_data(as_text=True)
    assert "Apply the suggested fixes" in page
    client.post(_url(mt_story, f"/sentences/{seg.id}/fix"))
    with app.app_context():
        assert db.session.get(Segment, seg.id).target_text == "Открыли «лабораторию»\u00a0— новую."


def test_mark_ready_needs_every_sentence_reviewed_or_an_editor_override(
    app, client, login, make_user, translator, mt_story
):
    login(translator)
    response = client.post(_url(mt_story, "/ready"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Story, mt_story).article("ru").status == Status.MT_DRAFT
    assert client.post(_url(mt_story, "/ready"), data={"reason": "trust me"}).status_code == 403
    client.post("/editor/logout")
    login(make_user("ed"))
    response = client.post(_url(mt_story, "/ready"), data={"reason": "Checked on paper"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Story, mt_story).article("ru").status == Status.READY
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "overrode"))
        assert entry.reason == "Checked on paper" and entry.detail["gate"] == "ready"
        assert entry.detail["machine"] == 7


def test_mark_ready_after_review(app, mt_story):
    with app.app_context():
        approve_all(mt_story)
        ru = db.session.get(Story, mt_story).article("ru")
        assert not service.mark_ready(ru, user=None)
        assert ru.status == Status.READY


def test_blocking_qa_keeps_a_translation_from_being_ready(app, mt_story):
    with app.app_context():
        approve_all(mt_story)
        seg = segments(mt_story)[3]  # "It cost $2.5 million."
        service.save_segment(
            seg, "Она стоила 2.5 млн $.", user=None, approve=True, override="Checked the figure"
        )
        with pytest.raises(service.ReviewError, match="blocking QA finding"):
            service.mark_ready(seg.article, user=None)


def test_start_page_for_an_unaligned_translation(app, client, login, make_user, make_story):
    story = make_story(
        en={"title": "Hello", "body": "One. Two."}, ru={"title": "Привет", "body": "Раз. Два."}
    )
    login(make_user("ed"))
    page = client.get(_url(story.id)).get_data(as_text=True)
    assert "Start sentence review" in page
    assert client.post(_url(story.id, "/start")).status_code == 302
    assert "0 of 3 sentences approved" in client.get(_url(story.id)).get_data(as_text=True)


def test_pages_of_a_story_without_translation_are_404(client, login, make_user, make_story):
    story = make_story(en="Only English")
    login(make_user("ed"))
    assert client.get(_url(story.id)).status_code == 404
    assert client.get(f"/editor/stories/{story.id}/review/en").status_code == 404


def test_retranslate_without_a_model_says_what_to_do(app, client, login, make_user, make_story):
    story = make_story(
        en={"title": "Hello", "body": "One. Two."}, ru={"title": "Привет", "body": "Раз."}
    )
    login(make_user("ed"))
    client.post(_url(story.id, "/start"))
    response = client.post(_url(story.id, "/retranslate"), follow_redirects=True)
    assert "newsdesk mt install" in response.get_data(as_text=True)


def test_keyboard_script_and_styles_exist(app):
    from pathlib import Path

    static = Path(app.static_folder)
    script = (static / "review.js").read_text()
    assert "ctrlKey" in script and "application/json" in script
    assert re.search(r"\.seg-stale", (static / "review.css").read_text())
