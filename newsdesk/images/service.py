"""Lead images: validated by their content, cleaned, stored under instance/images/.

An upload is decoded with Pillow (the declared type and file name are ignored), limited in
bytes and pixels, turned upright, shrunk to at most MAX_EDGE pixels and re-encoded, which
also drops EXIF metadata such as the camera's GPS position. The file is named by the
SHA-256 of what is stored, so its URL can be cached forever.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import warnings
from collections.abc import Mapping
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select

from newsdesk.extensions import db
from newsdesk.models import LANGS, LiveArticle, Story, User, utcnow
from newsdesk.models.site import LeadImage, LeadImageText
from newsdesk.stories.queries import visible

log = logging.getLogger(__name__)

# Decoded format -> (media type, file extension).
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
DEFAULT_MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 50_000_000
# Memory one decoded image may take: a small PNG can declare 7000 x 7000 RGBA (196 MB). JPEGs
# are decoded at a reduced scale first (draft), so a 50-megapixel photo needs about 50 MB.
MAX_DECODED_BYTES = 128 * 1024 * 1024
MIN_WIDTH, MIN_HEIGHT = 320, 160
MAX_EDGE = 2400
MAX_ALT, MAX_CAPTION = 300, 500


class ImageError(Exception):
    """The upload is not a usable image; the message is shown to the editor as is."""


def max_bytes() -> int:
    """Largest image accepted: ``LEAD_IMAGE_MAX_BYTES`` (default 8 MiB), and never more than
    the request limit ``MAX_CONTENT_LENGTH``, which refuses larger uploads first (413)."""
    limit = int(current_app.config.get("LEAD_IMAGE_MAX_BYTES", DEFAULT_MAX_BYTES))
    request_limit = current_app.config.get("MAX_CONTENT_LENGTH")
    return min(limit, int(request_limit)) if request_limit else limit


def storage_dir() -> Path:
    return Path(current_app.instance_path) / "images"


def path_of(filename: str) -> Path:
    return storage_dir() / filename


def decoded_bytes(image: Image.Image) -> int:
    """Memory Pillow needs for the decoded pixels: one byte a pixel for 1, L and P, two for
    the 16-bit integer modes, four for every other mode (RGB is stored padded to four)."""
    if image.mode in ("1", "L", "P"):
        per_pixel = 1
    elif image.mode.startswith("I;16"):
        per_pixel = 2
    else:
        per_pixel = 4
    width, height = image.size
    return width * height * per_pixel


def _decode(data: bytes) -> Image.Image:
    """Open and fully decode the upload, refusing anything that is not a sane photo."""
    if len(data) > max_bytes():
        raise ImageError(
            _("The image is larger than %(mb)s MB.", mb=f"{max_bytes() / 1024 / 1024:g}")
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in FORMATS:
                raise ImageError(_("Upload a JPEG, PNG or WebP image."))
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ImageError(_("The image has too many pixels."))
            if image.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 when still > MAX_EDGE
                image.draft(image.mode, (MAX_EDGE, MAX_EDGE))
            if decoded_bytes(image) > MAX_DECODED_BYTES:
                raise ImageError(
                    _(
                        "The image is too large to process: %(w)d × %(h)d pixels would take "
                        "more than %(mb)d MB of memory. Save it smaller or with 8 bits per "
                        "channel.",
                        w=width,
                        h=height,
                        mb=MAX_DECODED_BYTES // 1024 // 1024,
                    )
                )
            image.load()
    except ImageError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(_("Upload a JPEG, PNG or WebP image.")) from None
    except (OSError, SyntaxError, ValueError) as exc:
        log.info("rejected a damaged image: %s", exc)
        raise ImageError(_("The image file is damaged.")) from None
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        raise ImageError(
            _(
                "The image is too small: at least %(w)d × %(h)d pixels are needed.",
                w=MIN_WIDTH,
                h=MIN_HEIGHT,
            )
        )
    return image


def _encode(image: Image.Image, fmt: str) -> bytes:
    """Upright, at most MAX_EDGE pixels, re-encoded without metadata (colour profile kept)."""
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=85, optimize=True, progressive=True, **options)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True, **options)
    else:
        image.save(out, "WEBP", quality=85, method=4, **options)
    return out.getvalue()


def _store(data: bytes, ext: str) -> str:
    filename = f"{hashlib.sha256(data).hexdigest()}.{ext}"
    target = path_of(filename)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    return filename


def get_lead_image(story: Story) -> LeadImage | None:
    return db.session.scalar(select(LeadImage).where(LeadImage.story_id == story.id))


def set_lead_image(story: Story, data: bytes, *, user: User | None = None) -> LeadImage:
    """Validate ``data`` and make it the story's lead image (texts are kept on a replace)."""
    decoded = _decode(data)
    media_type, ext = FORMATS[decoded.format]
    stored = _encode(decoded, decoded.format)
    filename = _store(stored, ext)
    with Image.open(io.BytesIO(stored)) as final:
        width, height = final.size
    image = get_lead_image(story) or LeadImage(story_id=story.id)
    old = image.filename if image.id else None
    image.filename, image.media_type = filename, media_type
    image.width, image.height, image.byte_size = width, height, len(stored)
    image.uploaded_by_id = user.id if user else None
    image.updated_at = utcnow()
    db.session.add(image)
    db.session.commit()
    if old and old != filename:
        delete_if_unused(old)
    return image


def set_image_texts(image: LeadImage, texts: Mapping[str, tuple[str, str]]) -> LeadImage:
    """Set the alt text and caption per language: ``{"en": (alt, caption), ...}``."""
    for lang, (alt, caption) in texts.items():
        if lang not in LANGS:
            raise ImageError(_("Unknown language “%(lang)s”: use en or ru.", lang=lang))
        alt, caption = " ".join(alt.split()), caption.strip()
        if len(alt) > MAX_ALT or len(caption) > MAX_CAPTION:
            raise ImageError(_("The alt text or the caption is too long."))
        entry = image.text(lang)
        if entry is None:
            entry = LeadImageText(lang=lang)
            image.texts.append(entry)
        entry.alt, entry.caption = alt, caption
    image.updated_at = utcnow()
    db.session.commit()
    return image


def remove_lead_image(story: Story) -> bool:
    """Remove the story's lead image; False when it had none."""
    image = get_lead_image(story)
    if image is None:
        return False
    filename = image.filename
    db.session.delete(image)
    db.session.commit()
    delete_if_unused(filename)
    return True


def delete_if_unused(filename: str) -> None:
    """Remove the stored file when no lead image uses it any more."""
    if db.session.scalar(select(LeadImage.id).where(LeadImage.filename == filename)) is None:
        path_of(filename).unlink(missing_ok=True)


def is_public_file(filename: str, now) -> bool:
    """Whether readers may fetch the file: it is the lead image of a public article."""
    query = (
        select(LeadImage.id)
        .join(Story, Story.id == LeadImage.story_id)
        .join(LiveArticle, LiveArticle.story_id == Story.id)
        .where(LeadImage.filename == filename, *visible(now))
        .limit(1)
    )
    return db.session.scalar(query) is not None


def is_known_file(filename: str) -> bool:
    return db.session.scalar(select(LeadImage.id).where(LeadImage.filename == filename)) is not None
