"""The translation memory as TMX, read back with translate-toolkit."""

from __future__ import annotations

from translate.storage.tmx import tmxfile

from newsdesk.extensions import db
from newsdesk.interop.tmx import export_memory
from newsdesk.translation_jobs import memory


def test_tmx_export_is_read_by_translate_toolkit(ctx):
    memory.remember("en", "ru", "The lab opened.", "Лаборатория открылась.", None)
    memory.remember("ru", "en", "Привет & <мир>.", "Hello & <world>.", None)
    store = tmxfile.parsestring(export_memory())
    pairs = {(u.source, u.target) for u in store.units}
    assert ("The lab opened.", "Лаборатория открылась.") in pairs
    assert ("Привет & <мир>.", "Hello & <world>.") in pairs
    only = tmxfile.parsestring(export_memory("en", "ru"))
    assert [(u.source, u.target) for u in only.units] == [
        ("The lab opened.", "Лаборатория открылась.")
    ]


def test_tm_export_command(app, runner):
    with app.app_context():
        memory.remember("en", "ru", "Good news.", "Хорошие новости.", None)
        db.session.commit()
    result = runner.invoke(args=["tm", "export", "--source", "en"])
    assert result.exit_code == 0, result.output
    store = tmxfile.parsestring(result.stdout_bytes)
    assert [u.target for u in store.units] == ["Хорошие новости."]
