"""QA a translator can trust (issue 16): blocking findings refuse an approval unless
overridden with a reason; the fix preview; human, sentence-specific findings; one summary
line per kind; the filter by finding; the glossary panel."""

from __future__ import annotations

import re

import pytest

from newsdesk.extensions import db
from newsdesk.models import Segment, SegmentStatus, Story
from newsdesk.models.review import AuditEntry
from newsdesk.review import finding_kinds, fixes, qa, service
from newsdesk.review.sentences import text_token
from newsdesk.review.service import segments as segment_service
from tests.review_helpers import segments

pytest_plugins = ["tests.review_fixtures"]

JSON = {"Accept": "application/json"}
WRONG = "Она стоила 2.5 млн $."  # "It cost $2.5 million." with English notation: an error
QUOTED = 'Открыли "лабораторию" - новую.'


@pytest.fixture
def translator(make_user):
    return make_user("tr", role="translator", languages="ru")


def _url(story_id, rest=""):
    return f"/editor/stories/{story_id}/review/ru{rest}"


def test_a_blocking_error_refuses_the_approval_until_a_reason_is_given(app, mt_story):
    with app.app_context():
        seg = segments(mt_story)[3]
        with pytest.raises(service.ReviewError, match="blocking error") as refused:
            service.save_segment(seg, WRONG, user=None, approve=True)
        assert "2.5" in refused.value.message  # the finding itself is named
        assert db.session.get(Segment, seg.id).status != SegmentStatus.APPROVED
        with pytest.raises(service.ReviewError):
            service.save_segment(seg, WRONG, user=None, approve=True, override="   ")
        service.save_segment(seg, WRONG, user=None, approve=True, override="Source is wrong")
        assert db.session.get(Segment, seg.id).status == SegmentStatus.APPROVED
        entry = db.session.scalar(
            db.select(AuditEntry).where(AuditEntry.action == "approved").order_by(AuditEntry.id)
        )
        assert entry.reason == "Source is wrong" and entry.detail["sentence"] == 4
        assert [f["code"] for f in entry.detail["overridden"]] == ["numbers"]


def test_a_clean_approval_keeps_no_reason(app, mt_story):
    with app.app_context():
        seg = segments(mt_story)[3]
        service.save_segment(
            seg, "Она стоила 2,5\u00a0млн $.", user=None, approve=True, override="x"
        )
        entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "approved"))
        assert entry.reason == "" and "overridden" not in entry.detail


def test_override_through_the_page_and_the_audit_log(app, client, login, translator, mt_story):
    login(translator)
    with app.app_context():
        seg = segments(mt_story)[3]
        service.save_segment(seg, WRONG, user=None)
    refused = client.post(
        _url(mt_story, f"/sentences/{seg.id}"),
        data={"text": WRONG, "base": text_token(WRONG), "approve": "1"},
        headers=JSON,
    )
    reply = refused.get_json()
    assert refused.status_code == 400 and "cannot be approved" in reply["message"]
    assert not reply["ok"] and f'id="override-{seg.id}"' in reply["row"]
    no_js = client.post(
        _url(mt_story, f"/sentences/{seg.id}"),
        data={"text": WRONG + " ", "base": text_token(WRONG), "approve": "1"},
    )
    assert no_js.status_code == 302 and no_js.headers["Location"].endswith("#s4")
    with app.app_context():
        kept = db.session.get(Segment, seg.id)
        assert (kept.target_text, kept.status) == (WRONG, SegmentStatus.EDITED)
    page = client.get(_url(mt_story)).get_data(as_text=True)
    assert f'id="override-{seg.id}"' in page and "Approve despite the errors" in page
    done = client.post(
        _url(mt_story, f"/sentences/{seg.id}"),
        data={"text": WRONG, "base": text_token(WRONG), "approve": "1", "override": "House style"},
        headers=JSON,
    )
    assert done.status_code == 200 and "seg-approved" in done.get_json()["row"]
    audit = client.get(f"/editor/stories/{mt_story}/audit").get_data(as_text=True)
    assert "House style" in audit and "Approved despite:" in audit and "“$2.5 million”" in audit


def test_fix_preview_marks_no_break_spaces_and_keeps_the_approval(
    app, client, login, translator, mt_story
):
    login(translator)
    with app.app_context():
        seg = segments(mt_story)[2]
        service.save_segment(seg, QUOTED, user=None, approve=True)
    page = client.get(_url(mt_story)).get_data(as_text=True)
    row = page[page.index('id="s3"') : page.index('id="s4"')]
    preview = row[row.index('class="fix-preview"') : row.index("</dl>")]
    assert '<span class="nbsp" title="No-break space">⍽</span>' in preview
    assert "<del>&#34;</del>лабораторию" in preview and "<ins>«</ins>лабораторию" in preview
    assert "\u00a0" not in preview  # shown as the mark, not as an invisible space
    assert "\u00a0" not in row[row.index("<textarea") : row.index("</textarea>")]
    reply = client.post(_url(mt_story, f"/sentences/{seg.id}/fix"), headers=JSON).get_json()
    assert "stays approved" in reply["message"]
    with app.app_context():
        fixed = db.session.get(Segment, seg.id)
        assert fixed.target_text == "Открыли «лабораторию»\u00a0— новую."
        assert fixed.status == SegmentStatus.APPROVED


def test_a_fix_that_changes_words_drops_the_approval(
    app, client, login, translator, mt_story, monkeypatch
):
    login(translator)
    with app.app_context():
        seg = segments(mt_story)[2]
        service.save_segment(seg, QUOTED, user=None, approve=True)
    monkeypatch.setattr(segment_service.qa, "fix_all", lambda text, lang: "Открыли лабораторию.")
    response = client.post(_url(mt_story, f"/sentences/{seg.id}/fix"))
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Segment, seg.id).status == SegmentStatus.EDITED
    flashed = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "needs review again" in flashed


def test_typography_only_compares_words_not_spaces_quotes_or_dashes():
    assert fixes.typography_only('a "b" - c  d', "a «b»\u00a0— c d")
    assert not fixes.typography_only("a b", "a c")
    assert fixes.preview("без ошибок.", "ru") is None


def test_messages_name_the_number_and_the_term():
    from newsdesk.machine_translation.mask import GlossaryTerm

    found = qa.check_sentence("It cost 1,500 dollars.", "Это стоило долларов.", "en", "ru")
    assert any("1,500" in f.message and f.code == "numbers" for f in found)
    term = GlossaryTerm("laboratory", "лаборатория", "preferred")
    found = qa.check_sentence("A laboratory opened.", "Открылся центр.", "en", "ru", [term])
    glossary = [f for f in found if f.code == "glossary"]
    assert "laboratory" in glossary[0].message and "лаборатория" in glossary[0].message
    assert finding_kinds.name("length_ratio") == "Length differs a lot from the source"
    assert all(code in finding_kinds.NAMES for code in qa.CODES)


def test_summary_has_one_line_per_kind_with_its_sentences():
    found = [
        qa.Finding("numbers", qa.ERROR, "“1” is missing", 2),
        qa.Finding("numbers", qa.WARNING, "“2” is extra", 2),
        qa.Finding("numbers", qa.ERROR, "“3” is missing", 5),
        qa.Finding("punctuation", qa.WARNING, "ends with “.”", 1),
    ]
    kinds = finding_kinds.summarize(found)
    assert [(k.code, k.severity, k.count, k.numbers) for k in kinds] == [
        ("numbers", qa.ERROR, 3, [2, 5]),
        ("punctuation", qa.WARNING, 1, [1]),
    ]


def test_summary_page_and_the_filter_by_finding(app, client, login, translator, mt_story):
    login(translator)
    with app.app_context():
        rows = segments(mt_story)
        service.save_segment(rows[3], WRONG, user=None)
        service.save_segment(rows[4], "Посетители приходят  в будни", user=None)
    page = client.get(_url(mt_story)).get_data(as_text=True)
    summary = page[page.index('id="review-summary"') : page.index("</ul>", page.index("qa-codes"))]
    codes = re.findall(r'data-code="([a-z_]+)"', summary)
    assert len(codes) == len(set(codes)) and "numbers" in codes
    assert "Numbers or dates differ from the source" in summary
    assert f'href="/editor/stories/{mt_story}/review/ru#s4"' in summary
    assert "<code>numbers</code>" not in page
    only = client.get(_url(mt_story, "?finding=numbers")).get_data(as_text=True)
    assert 'id="s4"' in only and 'id="s5"' not in only and 'id="s1"' not in only
    assert '<option value="numbers" selected>' in re.sub(r"\s+selected", " selected", only)
    none = client.get(_url(mt_story, "?finding=markup")).get_data(as_text=True)
    assert 'class="seg ' not in none and "No sentence has this finding." in none
    every = client.get(_url(mt_story, "?finding=bogus")).get_data(as_text=True)
    assert 'id="s1"' in every


def test_glossary_panel_lists_the_terms_of_the_page(app, client, login, translator, mt_story):
    from newsdesk.glossary import service as glossary

    login(translator)
    with app.app_context():
        glossary.add_term("laboratory", "лаборатория", "preferred")
        glossary.add_term("weekdays", "будни", "preferred")
        glossary.add_term("spaceship", "космический корабль", "preferred")  # not in the story
        db.session.commit()
        assert db.session.get(Story, mt_story) is not None
    page = client.get(_url(mt_story)).get_data(as_text=True)
    panel = page[page.index('id="glossary-panel"') : page.index("</aside>")]
    assert 'data-insert="лаборатория"' in panel and 'data-insert="будни"' in panel
    assert panel.count('data-insert="лаборатория"') == 1  # the lab is in two sentences
    assert "космический" not in panel
    filtered = client.get(_url(mt_story, "?show=todo&finding=typography")).get_data(as_text=True)
    assert "No glossary term in these sentences." in filtered
