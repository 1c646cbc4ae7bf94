"""Conflicts resolved, not dumped (issue 15.8): a save from a stale page is merged three ways
against the version it started from; overlaps are settled per place, keep mine / keep theirs."""

from __future__ import annotations

import html as html_lib
import re
import time

from newsdesk.extensions import db
from newsdesk.models import Story
from newsdesk.stories import service as stories
from newsdesk.stories.conflicts import Proposal
from newsdesk.stories.merge import MAX_PARAGRAPHS, merge_body, merge_field, paragraphs
from tests.fuzz_helpers import html_messages

BASE = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph."


def test_changes_in_different_paragraphs_merge():
    mine = "First paragraph, edited by me.\n\nSecond paragraph.\n\nThird paragraph."
    theirs = "First paragraph.\n\nSecond paragraph.\n\nThird paragraph, edited by them."
    merged = merge_body(BASE, mine, theirs)
    assert merged.conflicts == []
    assert merged.text() == (
        "First paragraph, edited by me.\n\nSecond paragraph.\n\nThird paragraph, edited by them."
    )


def test_added_and_removed_paragraphs_merge():
    mine = "New opening.\n\n" + BASE
    theirs = "First paragraph.\n\nThird paragraph."
    assert (
        merge_body(BASE, mine, theirs).text()
        == "New opening.\n\nFirst paragraph.\n\nThird paragraph."
    )


def test_both_changing_one_paragraph_is_a_conflict_settled_per_choice():
    mine = BASE.replace("Second paragraph.", "Second, as I wrote it.")
    theirs = BASE.replace("Second paragraph.", "Second, as they wrote it.").replace(
        "Third paragraph.", "Third, theirs."
    )
    merged = merge_body(BASE, mine, theirs)
    assert [(c.mine, c.theirs) for c in merged.conflicts] == [
        ("Second, as I wrote it.", "Second, as they wrote it.")
    ]
    assert merged.text() == "First paragraph.\n\nSecond, as I wrote it.\n\nThird, theirs."
    assert (
        merged.text({0: "theirs"})
        == "First paragraph.\n\nSecond, as they wrote it.\n\nThird, theirs."
    )


def test_the_same_change_on_both_sides_is_no_conflict():
    same = BASE.replace("Second", "2nd")
    assert merge_body(BASE, same, same).conflicts == []
    assert merge_field("Title", "Title!", "Title!").text() == "Title!"
    assert merge_field("Title", "Mine", "Title").text() == "Mine"
    assert merge_field("Title", "Title", "Theirs").text() == "Theirs"
    assert merge_field("Title", "Mine", "Theirs").conflicts


def test_a_huge_body_is_not_merged_and_merging_stays_fast():
    many = "\n\n".join(f"Paragraph {n}." for n in range(MAX_PARAGRAPHS + 1))
    assert merge_body(many, many + "\n\nMore.", many) is None
    body = "\n\n".join(f"Paragraph {n}." for n in range(MAX_PARAGRAPHS))
    start = time.process_time()
    merged = merge_body(
        body, body.replace("Paragraph 3.", "P3."), body.replace("Paragraph 400.", "P400.")
    )
    assert time.process_time() - start < 2.0
    assert merged.conflicts == [] and "P3." in merged.text() and "P400." in merged.text()
    assert paragraphs("a\n\n\n\n  \n\nb\n") == ["a", "b"]


def test_a_proposal_survives_the_form_and_a_forged_one_is_ignored():
    proposal = Proposal(
        5,
        {
            "title": merge_field("T", "Mine", "Theirs"),
            "lead": merge_field("", "", ""),
            "body": merge_body(BASE, BASE.replace("First", "1st"), BASE.replace("First", "One")),
        },
    )
    back = Proposal.from_json(proposal.to_json())
    assert back.theirs_version == 5 and len(back.conflicts) == 2
    assert back.texts({0: "theirs", 1: "theirs"})["title"] == "Theirs"
    assert back.texts({1: "theirs"})["body"].startswith("One paragraph.")
    assert Proposal.from_json('{"version": "x"}') is None
    assert Proposal.from_json("not json") is None
    typed = {"title": "Typed", "lead": "", "body": "Typed body"}
    assert stories.resolve_merge("not json", {}, typed) == typed


def _edit(client, story_id, version, **fields):
    data = {"title": "Dam opens", "lead": "", "body": BASE, "status": "draft", "save": "1"}
    data.update(fields, base_version=str(version))
    return client.post(f"/editor/stories/{story_id}/en/edit", data=data)


def _stale(app, make_user, login, make_story, theirs: str) -> tuple[int, int]:
    """A story opened at some version, then saved by someone else with body ``theirs``:
    (story id, the version the editor's page started from)."""
    story = make_story(en={"title": "Dam opens", "body": BASE})
    login(make_user("ed"))
    with app.app_context():
        article = db.session.get(Story, story.id).article("en")
        version = article.version
        stories.update_article(article, title="Dam opens", body=theirs, base_version=version)
    return story.id, version


def _body(app, story_id: int) -> str:
    with app.app_context():
        return db.session.get(Story, story_id).article("en").body


def test_a_stale_save_touching_other_paragraphs_is_merged_with_one_message(
    app, client, make_user, login, make_story
):
    story_id, version = _stale(
        app, make_user, login, make_story, BASE.replace("Third", "The third")
    )
    response = _edit(client, story_id, version, body=BASE.replace("First", "The first"))
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert page.count("Someone else saved this article while you were editing") == 1
    assert (
        _body(app, story_id) == "The first paragraph.\n\nSecond paragraph.\n\nThe third paragraph."
    )


def test_overlapping_saves_show_each_place_side_by_side_and_save_the_choice(
    app, client, make_user, login, make_story
):
    theirs = BASE.replace("Second paragraph.", "Theirs, second.").replace("Third", "3rd")
    story_id, version = _stale(app, make_user, login, make_story, theirs)
    mine = BASE.replace("Second paragraph.", "Mine, second.")
    response = _edit(client, story_id, version, body=mine)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert html.count('role="alert"') == 1 and 'class="flash' not in html  # one message
    assert html_messages(response.data) == [  # what the fuzzer reads as the page's error
        "Someone else saved this article while you were editing"
    ]
    assert '<pre class="merge-text">Mine, second.</pre>' in html
    assert '<pre class="merge-text">Theirs, second.</pre>' in html
    assert 'id="recovery" class="recovery card" aria-labelledby="recovery-title" hidden' in html
    state = html_lib.unescape(re.search(r'name="merge_state" value="([^"]*)"', html).group(1))
    textarea = html_lib.unescape(
        re.search(r'<textarea[^>]*id="body"[^>]*>([^<]*)</textarea>', html).group(1)
    )
    proposed = "First paragraph.\n\nMine, second.\n\n3rd paragraph."  # mine, plus theirs
    assert textarea.strip().replace("\r\n", "\n") == proposed
    version = Proposal.from_json(state).theirs_version
    saved = _edit(
        client, story_id, version, body=proposed, merge_state=state, **{"keep-0": "theirs"}
    )
    assert saved.status_code == 302
    assert _body(app, story_id) == "First paragraph.\n\nTheirs, second.\n\n3rd paragraph."


def test_text_edited_by_hand_on_the_merge_page_wins_over_the_choices(
    app, client, make_user, login, make_story
):
    story_id, version = _stale(app, make_user, login, make_story, BASE.replace("Second", "Their"))
    with app.app_context():
        proposal = stories.propose_merge(
            db.session.get(Story, story_id).article("en"),
            version,
            {"title": "Dam opens", "lead": "", "body": BASE.replace("Second", "My")},
        )
    typed = "Rewritten by hand."
    state = proposal.to_json()
    saved = _edit(
        client,
        story_id,
        proposal.theirs_version,
        body=typed,
        merge_state=state,
        **{"keep-0": "theirs"},
    )
    assert saved.status_code == 302
    assert _body(app, story_id) == typed
