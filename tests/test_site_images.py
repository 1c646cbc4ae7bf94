"""Lead images: upload in the editor, validation by content, storage, serving, display."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from PIL import Image

from newsdesk.extensions import db
from newsdesk.images import service as images
from newsdesk.models import utcnow
from newsdesk.models.site import LeadImage
from tests.site_helpers import BASE, image_bytes, meta, parse

NOV14 = datetime(2024, 11, 14, 10, 0)
GPS_IFD, ORIENTATION, MAKE = 0x8825, 0x0112, 0x010F


@pytest.fixture
def pair(make_story):
    return make_story(
        en={"title": "Observatory opens", "slug": "observatory"},
        ru={"title": "Обсерватория открылась", "slug": "observatoriya"},
        publish="pair",
        at=NOV14,
    )


@pytest.fixture
def editor(client, login, make_user):
    return login(make_user("ed", role="editor"))


def upload(client, story_id, data: bytes, name="photo.jpg", **texts):
    fields = {"alt_en": "", "caption_en": "", "alt_ru": "", "caption_ru": "", **texts}
    if data is not None:
        fields["image"] = (io.BytesIO(data), name)
    return client.post(
        f"/editor/stories/{story_id}/image", data=fields, content_type="multipart/form-data"
    )


def stored(app) -> list[Path]:
    folder = Path(app.instance_path) / "images"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_upload_strips_metadata_turns_upright_and_stores_by_hash(app, editor, pair):
    photo = image_bytes(800, 500, exif={ORIENTATION: 6, MAKE: "SpyCam"})
    response = upload(
        editor,
        pair.id,
        photo,
        alt_en="The new telescope dome at night",
        caption_en="Photo: press office",
        alt_ru="Купол нового телескопа ночью",
        caption_ru="Фото: пресс-служба",
    )
    assert response.status_code == 302
    (path,) = stored(app)
    assert path.suffix == ".jpg" and len(path.stem) == 64
    with Image.open(path) as saved:
        assert saved.format == "JPEG"
        assert saved.size == (500, 800)  # orientation 6: rotated upright
        assert dict(saved.getexif()) == {}
    with app.app_context():
        image = db.session.scalar(db.select(LeadImage))
        assert (image.width, image.height, image.media_type) == (500, 800, "image/jpeg")
        assert image.alt("ru") == "Купол нового телескопа ночью"


def test_article_pages_show_the_image_with_their_languages_texts(app, client, editor, pair):
    upload(
        editor,
        pair.id,
        image_bytes(1200, 630),
        alt_en="The dome",
        caption_en="Photo: press office",
        alt_ru="Купол",
        caption_ru="Фото: пресс-служба",
    )
    client.post("/editor/logout")
    with app.app_context():
        filename = db.session.scalar(db.select(LeadImage.filename))
    for path, alt, caption, lang in [
        ("/en/news/observatory", "The dome", "Photo: press office", "en"),
        ("/ru/news/observatoriya", "Купол", "Фото: пресс-служба", "ru"),
    ]:
        page = client.get(path).get_data(as_text=True)
        tree = parse(page)
        (img,) = tree.xpath("//figure[@class='lead-image']/img")
        assert img.get("src") == f"/media/{filename}"
        assert img.get("alt") == alt and (img.get("width"), img.get("height")) == ("1200", "630")
        assert tree.xpath("//figure[@class='lead-image']/figcaption/text()") == [caption]
        assert tree.xpath("//figure[@class='lead-image']/ancestor::*[@lang][1]/@lang") == [lang]
        assert meta(page, "og:image") == [f"{BASE}/media/{filename}"]
        assert meta(page, "og:image:alt") == [alt]
        assert meta(page, "twitter:card") == ["summary_large_image"]
    cards = parse(client.get("/en/").get_data(as_text=True))
    assert cards.xpath("//li[contains(@class,'has-image')]/img/@alt") == [""]  # decorative


def test_feed_entries_carry_the_image_as_enclosure(app, client, editor, pair):
    upload(editor, pair.id, image_bytes(), alt_en="Dome", caption_en="Caption here")
    feed = feedparser.parse(client.get("/en/feed.xml").data)
    assert feed.bozo == 0
    (entry,) = feed.entries
    (enclosure,) = entry.enclosures
    with app.app_context():
        image = db.session.scalar(db.select(LeadImage))
        assert enclosure.href == f"{BASE}/media/{image.filename}"
        assert enclosure.type == "image/jpeg" and int(enclosure.length) == image.byte_size
    assert f'src="{BASE}/media/' in entry.content[0].value
    assert "<figcaption>Caption here</figcaption>" in entry.content[0].value
    assert entry.link == f"{BASE}/en/news/observatory"


def test_public_image_is_cached_for_a_year(app, client, editor, pair):
    upload(editor, pair.id, image_bytes(fmt="PNG"), name="diagram.png")
    client.post("/editor/logout")
    with app.app_context():
        filename = db.session.scalar(db.select(LeadImage.filename))
    response = client.get(f"/media/{filename}")
    response.close()  # a file response holds the file open
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    cache = response.cache_control
    assert cache.public and cache.immutable and cache.max_age == 365 * 24 * 3600
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    again = client.get(f"/media/{filename}", headers={"If-None-Match": response.headers["ETag"]})
    again.close()
    assert again.status_code == 304


def test_embargoed_image_is_hidden_from_readers_only(app, client, editor, make_story):
    story = make_story(
        en={"title": "Embargoed", "slug": "embargoed"},
        publish="en",
        at=utcnow() + timedelta(days=1),
    )
    upload(editor, story.id, image_bytes())
    with app.app_context():
        filename = db.session.scalar(db.select(LeadImage.filename))
    staff = editor.get(f"/media/{filename}")
    staff.close()
    assert staff.status_code == 200
    assert staff.cache_control.private and staff.cache_control.no_store
    editor.post("/editor/logout")
    assert client.get(f"/media/{filename}").status_code == 404
    assert client.get("/media/../newsdesk.sqlite").status_code == 404
    assert client.get("/media/" + "0" * 64 + ".jpg").status_code == 404


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"GIF89a" + b"\0" * 100, "photo.jpg", "Upload a JPEG, PNG or WebP image."),
        (image_bytes(fmt="GIF"), "anim.gif", "Upload a JPEG, PNG or WebP image."),
        (
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            "logo.svg",
            "Upload a JPEG, PNG or WebP image.",
        ),
        (b"not an image at all", "photo.jpg", "Upload a JPEG, PNG or WebP image."),
        (image_bytes()[:3000], "cut.jpg", "The image file is damaged."),
        (image_bytes(200, 200), "tiny.jpg", "The image is too small"),
        (
            image_bytes(10000, 5100, fmt="PNG", mode="1"),
            "huge.png",
            "The image has too many pixels.",
        ),
    ],
)
def test_uploads_are_validated_by_content(app, editor, pair, data, name, message):
    response = upload(editor, pair.id, data, name=name, alt_en="x")
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert stored(app) == []
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count(LeadImage.id))) == 0


def test_size_limit(app_factory, login, make_user, pair):
    app = app_factory(LEAD_IMAGE_MAX_BYTES=20_000)
    client = app.test_client()
    make_user("ed2", role="editor")
    client.post("/editor/login", data={"username": "ed2", "password": "correct horse battery"})
    noisy = Image.effect_noise((800, 600), 90).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=95)
    assert len(out.getvalue()) > 20_000
    response = upload(client, pair.id, out.getvalue())
    assert response.status_code == 400
    assert "The image is larger than" in response.get_data(as_text=True)


def test_replacing_keeps_texts_and_removes_the_old_file(app, editor, pair):
    upload(editor, pair.id, image_bytes(800, 500), alt_en="First")
    (first,) = stored(app)
    upload(editor, pair.id, None, alt_en="Only the text changed")
    assert stored(app) == [first]
    upload(editor, pair.id, image_bytes(900, 500), alt_en="Second")
    (second,) = stored(app)
    assert second != first
    response = editor.post(f"/editor/stories/{pair.id}/image/delete")
    assert response.status_code == 302
    assert stored(app) == []
    assert "lead-image" not in editor.get("/en/news/observatory").get_data(as_text=True)


def test_a_new_image_needs_a_file(editor, pair):
    response = upload(editor, pair.id, None, alt_en="Nothing")
    assert response.status_code == 400
    assert "Choose an image file." in response.get_data(as_text=True)


def test_translators_cannot_change_images(client, login, make_user, pair):
    login(make_user("tr", role="translator", languages="ru"))
    assert client.get(f"/editor/stories/{pair.id}/image").status_code == 403
    assert upload(client, pair.id, image_bytes()).status_code == 403


def test_story_page_links_to_the_image_page(editor, pair):
    page = editor.get(f"/editor/stories/{pair.id}").get_data(as_text=True)
    assert f'href="/editor/stories/{pair.id}/image"' in page


def test_service_refuses_overlong_texts(ctx, make_story):
    story = make_story(en="Story")
    image = images.set_lead_image(story, image_bytes())
    with pytest.raises(images.ImageError):
        images.set_image_texts(image, {"en": ("x" * 301, "")})
    with pytest.raises(images.ImageError):
        images.set_image_texts(image, {"de": ("Bild", "")})


def test_migration_0004_matches_the_models(ctx):
    """Alembic's autogenerate sees no difference in the reader-site tables."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), db.metadata)
    mine = ("lead_images", "lead_image_texts")
    assert [d for d in diff if any(name in repr(d) for name in mine)] == []
