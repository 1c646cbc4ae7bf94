"""Lead images are bounded by the memory their decoded pixels need, not only by pixel count:
a 381 KB PNG declaring 7000 x 7000 16-bit RGBA would take about 200 MB once decoded."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from newsdesk.images import service as images
from tests.site_helpers import image_bytes
from tests.test_site_images import NOV14, upload


def zero_png(width: int, height: int, color_type: int = 6, depth: int = 16) -> bytes:
    """A real, valid PNG of zeros, cheap to build however large it declares itself.

    Every block of rows is compressed after a full flush, so all blocks compress to the same
    bytes and the stream is built by repetition (a 7000 x 7000 RGBA16 image in ~0.5 s)."""
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color_type]
    row = b"\0" * (1 + width * channels * depth // 8)
    blocks, rest = divmod(height, 64)
    block = row * 64
    compressor = zlib.compressobj(9)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(row * rest) + compressor.flush()
    checksum = 1
    for _ in range(blocks):
        checksum = zlib.adler32(block, checksum)
    checksum = zlib.adler32(row * rest, checksum)
    stream = first + again * (blocks - 1) + tail[:-4] + struct.pack(">I", checksum)

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, depth, color_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", stream) + chunk(b"IEND", b"")
    )


@pytest.fixture
def story(make_story):
    return make_story(en={"title": "Telescope", "slug": "telescope"}, publish="en", at=NOV14)


@pytest.fixture
def editor(client, login, make_user):
    return login(make_user("ed", role="editor"))


def test_zero_png_is_a_real_png():
    with Image.open(io.BytesIO(zero_png(400, 300))) as image:
        image.load()
        assert (image.mode, image.size) == ("RGBA", (400, 300))
        assert image.getextrema() == ((0, 0),) * 4


def test_16_bit_rgba_bomb_is_refused_before_decoding(app, editor, story, monkeypatch):
    data = zero_png(7000, 7000)
    assert len(data) < 400_000  # 7000 * 7000 < MAX_PIXELS: only the byte bound can stop it
    loaded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: loaded.append(self.size))
    response = upload(editor, story.id, data, name="bomb.png", alt_en="x")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "too large to process: 7000 × 7000 pixels" in page
    assert (7000, 7000) not in loaded
    assert not (Path(app.instance_path) / "images").exists()


def test_refusal_is_in_russian_for_russian_editors(client, login, make_user, story):
    login(make_user("ред", role="editor", locale="ru"))
    response = upload(client, story.id, zero_png(7000, 7000), name="bomb.png", alt_en="x")
    assert response.status_code == 400
    assert "слишком велико для обработки" in response.get_data(as_text=True)


def test_decoded_bytes_follow_the_mode():
    assert images.decoded_bytes(Image.open(io.BytesIO(zero_png(7000, 7000)))) == 7000 * 7000 * 4
    grey16 = Image.open(io.BytesIO(zero_png(500, 400, color_type=0)))
    assert grey16.mode == "I;16" and images.decoded_bytes(grey16) == 500 * 400 * 2
    assert images.decoded_bytes(Image.new("L", (500, 400))) == 500 * 400
    assert images.decoded_bytes(Image.new("RGB", (500, 400))) == 500 * 400 * 4


def test_big_camera_jpeg_is_decoded_at_reduced_scale_and_kept(app, ctx, story):
    data = image_bytes(7000, 5000, quality=50)  # 140 MB decoded at full scale: over the bound
    images.set_lead_image(story, data)  # the service: the test client spools 560 KB to a file
    (stored,) = (Path(app.instance_path) / "images").iterdir()
    with Image.open(stored) as image:
        assert max(image.size) == images.MAX_EDGE
