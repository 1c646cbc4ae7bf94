"""Preview like the reader sees it (issue 15.9): the readers' layout for staff, and a signed,
expiring link for someone without an account."""

from __future__ import annotations

import re
from datetime import timedelta

from freezegun import freeze_time

from newsdesk.images import service as images
from newsdesk.models import utcnow
from newsdesk.site import preview
from newsdesk.stories import service as stories
from newsdesk.stories import trash
from tests.site_helpers import image_bytes

DRAFT = {
    "title": "Rector meets the JITRI delegation",
    "lead": "Talks on a joint laboratory in Nanjing.",
    "body": "The delegation of **14 people** arrived on Monday.",
}


def _status(client, url: str) -> int:
    response = client.get(url)
    response.close()  # a file response holds the file open until closed
    return response.status_code


def _link(html: str) -> str:
    found = re.search(r'id="preview-link" type="url" readonly value="([^"]+)"', html)
    assert found, html
    return found.group(1).replace("http://localhost", "")


def test_staff_see_an_unpublished_article_in_the_readers_layout(
    app, client, make_user, login, make_story
):
    story = make_story(en=DRAFT)
    assert client.get(f"/en/preview/story/{story.id}").status_code == 302  # login first
    login(make_user("tr", role="translator"))
    response = client.get(f"/en/preview/story/{story.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<h1>Rector meets the JITRI delegation</h1>" in html
    assert '<p class="lead">Talks on a joint laboratory in Nanjing.</p>' in html
    assert "<strong>14 people</strong>" in html
    assert "Not published yet" in html and "site-footer" in html
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex' in html
    # never kept by the page cache: someone without a login still gets the login form
    assert app.test_client().get(f"/en/preview/story/{story.id}").status_code == 302
    assert client.get(f"/ru/preview/story/{story.id}").status_code == 404  # no Russian yet
    # the story page links to the preview of each language that exists
    page = client.get(f"/editor/stories/{story.id}").get_data(as_text=True)
    assert f'href="/en/preview/story/{story.id}"' in page
    assert f'href="/ru/preview/story/{story.id}"' not in page


def test_a_signed_link_opens_the_preview_for_anyone_until_it_expires(
    app, client, make_user, login, make_story
):
    story = make_story(en=DRAFT, ru={"title": "Ректор встретил делегацию", "body": "Текст."})
    login(make_user("ed"))
    html = client.post(f"/en/preview/story/{story.id}/link").get_data(as_text=True)
    link = _link(html)
    assert link.startswith("/en/preview/") and str(story.id) not in link.rsplit("/", 1)[1][:3]
    anonymous = app.test_client()
    opened = anonymous.get(link)
    assert opened.status_code == 200
    text = opened.get_data(as_text=True)
    assert "Rector meets the JITRI delegation" in text
    assert "Create a link" not in text  # the holder of a link cannot make more links
    assert opened.headers["Referrer-Policy"] == "same-origin"
    # an edit shows at once (never cached)
    with app.app_context():
        article = stories.get_story(story.id).article("en")
        stories.update_article(
            article,
            title="Rector welcomes the delegation",
            body=DRAFT["body"],
            base_version=article.version,
        )
    assert "Rector welcomes the delegation" in anonymous.get(link).get_data(as_text=True)
    # the same token does not open the other language, a changed one opens nothing
    assert anonymous.get(link.replace("/en/", "/ru/")).status_code == 404
    assert anonymous.get(link[:-3] + "abc").status_code == 404
    with freeze_time(utcnow() + timedelta(days=8)):
        expired = anonymous.get(link)
    assert expired.status_code == 404
    assert "Ask the editor who sent it for a new link" in expired.get_data(as_text=True)


def test_the_link_shows_the_lead_image_only_to_its_holder(
    app, client, make_user, login, make_story
):
    story = make_story(en=DRAFT)
    other = make_story(en={"title": "Another draft", "body": "Text."})
    with app.app_context():
        image = images.set_lead_image(stories.get_story(story.id), image_bytes(400, 300))
        filename = image.filename
    login(make_user("ed"))
    link = _link(client.post(f"/en/preview/story/{story.id}/link").get_data(as_text=True))
    other_link = _link(client.post(f"/en/preview/story/{other.id}/link").get_data(as_text=True))
    token, other_token = link.rsplit("/", 1)[1], other_link.rsplit("/", 1)[1]
    anonymous = app.test_client()
    page = anonymous.get(link).get_data(as_text=True)
    assert f"/media/{filename}?preview={token}" in page
    assert _status(anonymous, f"/media/{filename}") == 404  # not public yet
    assert _status(anonymous, f"/media/{filename}?preview={token}") == 200
    assert _status(anonymous, f"/media/{filename}?preview={other_token}") == 404


def test_tokens_are_bound_to_story_and_language(app):
    with app.test_request_context("/en/"):
        token = preview.make_token(7, "en")
        assert preview.read_token(token, "en") == (7, "en")
        assert preview.read_token(token, "ru") is None
        assert preview.read_token(token + "x", "en") is None
        assert preview.read_token("x" * 500, None) is None
    other = app.__class__(app.import_name)
    other.secret_key = "another secret"
    other.config["PREVIEW_LINK_TTL"] = 3600
    with other.test_request_context("/en/"):
        assert preview.read_token(token, "en") is None  # signed with this site's secret only


def test_a_trashed_story_has_no_preview(app, client, make_user, login, make_story):
    story = make_story(en=DRAFT)
    login(make_user("ed"))
    link = _link(client.post(f"/en/preview/story/{story.id}/link").get_data(as_text=True))
    with app.app_context():
        trash.delete_story(stories.get_story(story.id))
    assert app.test_client().get(link).status_code == 404
    assert client.get(f"/en/preview/story/{story.id}").status_code == 404
