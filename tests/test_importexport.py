"""`newsdesk stories import/export`: the front-matter format, its errors, the round trip."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk.extensions import db
from newsdesk.models import Article, Status, Story

EN = """---
lang: en
title: New lab opens
date: 2024-11-14
lead: A short lead.
tags: [science, campus]
---
The **lab** opened today.
"""
RU = """---
lang: ru
title: Открылась новая лаборатория
slug: novaya-laboratoriya
date: 2024-11-14
---
Лаборатория открылась сегодня.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _count(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count(Story.id)))


def test_import_a_pair_and_publish(app, runner, tmp_path):
    en, ru = _write(tmp_path, "en.md", EN), _write(tmp_path, "ru.md", RU)
    result = runner.invoke(args=["stories", "import", str(en), str(ru), "--publish"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "en /en/news/new-lab-opens",
        "ru /ru/news/novaya-laboratoriya",
    ]
    with app.app_context():
        story = db.session.scalar(db.select(Story))
        assert story.published_at == datetime(2024, 11, 14)
        assert story.tag_names == ["campus", "science"]
        assert {a.status for a in story.articles} == {Status.PUBLISHED}
    assert app.test_client().get("/ru/news/novaya-laboratoriya").status_code == 200


def test_import_without_publish_makes_drafts(app, runner, tmp_path):
    result = runner.invoke(args=["stories", "import", str(_write(tmp_path, "en.md", EN))])
    assert result.exit_code == 0, result.output
    with app.app_context():
        article = db.session.scalar(db.select(Article))
        assert article.status == Status.DRAFT and article.story.published_at is None


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("No front matter at all.\n", "front matter"),
        ("---\nlang: de\ntitle: Hallo\n---\nText\n", "lang"),
        ("---\nlang: en\ntitle: ''\n---\nText\n", "title"),
        ("---\nlang: en\ntitle: Bad date\ndate: 14/11/2024\n---\nText\n", "date"),
        ("---\nlang: en\ntitle: [unclosed\n---\nText\n", "front matter"),
        ("---\nlang: en\ntitle: Bad slug\nslug: Not A Slug\n---\nText\n", "slug"),
    ],
)
def test_invalid_file_names_file_and_field_and_imports_nothing(app, runner, tmp_path, text, field):
    bad = _write(tmp_path, "bad.md", text)
    good = _write(tmp_path, "ru.md", RU)
    result = runner.invoke(args=["stories", "import", str(good), str(bad)])
    assert result.exit_code != 0
    assert str(bad) in result.output and f"{field}:" in result.output, result.output
    assert _count(app) == 0


def test_two_files_of_the_same_language_are_refused(app, runner, tmp_path):
    one = _write(tmp_path, "a.md", EN)
    two = _write(tmp_path, "b.md", EN.replace("New lab opens", "Another"))
    result = runner.invoke(args=["stories", "import", str(one), str(two)])
    assert result.exit_code != 0 and "lang:" in result.output and str(two) in result.output
    assert _count(app) == 0


def test_slug_already_used_is_refused(app, runner, tmp_path):
    ru = _write(tmp_path, "ru.md", RU)
    assert runner.invoke(args=["stories", "import", str(ru)]).exit_code == 0
    result = runner.invoke(args=["stories", "import", str(ru)])
    assert result.exit_code != 0 and "slug:" in result.output
    assert _count(app) == 1


def test_export_then_import_round_trips(app_factory, tmp_path):
    first = app_factory()
    runner = first.test_cli_runner()
    en, ru = _write(tmp_path, "en.md", EN), _write(tmp_path, "ru.md", RU)
    assert runner.invoke(args=["stories", "import", str(en), str(ru), "--publish"]).exit_code == 0
    out = tmp_path / "export"
    result = runner.invoke(args=["stories", "export", "1", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.md"))
    assert [f.name for f in files] == ["new-lab-opens.en.md", "novaya-laboratoriya.ru.md"]

    def snapshot(app):
        with app.app_context():
            story = db.session.scalar(db.select(Story).order_by(Story.id.desc()))
            return (
                story.published_at,
                story.tag_names,
                [(a.lang, a.title, a.slug, a.lead, a.body, a.status) for a in story.articles],
            )

    before = snapshot(first)
    with first.app_context():
        db.session.delete(db.session.get(Story, 1))
        db.session.commit()
    result = runner.invoke(args=["stories", "import", *map(str, files), "--publish"])
    assert result.exit_code == 0, result.output
    assert snapshot(first) == before


def test_export_unknown_story(runner, tmp_path):
    result = runner.invoke(args=["stories", "export", "42", str(tmp_path)])
    assert result.exit_code != 0 and "No story with id 42" in result.output


def _bomb(levels: int) -> str:
    """The "billion laughs" front matter: each level lists the previous one nine times."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ",".join([f"*l{n - 1}"] * 9) + "]")
    return "---\nlang: en\ntitle: Laughs\n" + "\n".join(lines) + "\n---\nBody.\n"


@pytest.mark.parametrize(
    "front",
    [
        _bomb(5),
        "---\nlang: en\ntitle: &t Anchored\nlead: *t\n---\nBody.\n",
        "---\nlang: en\ntitle: x\ntags: &t [a]\n---\nBody.\n",
    ],
)
def test_yaml_anchors_and_aliases_are_refused_before_loading(app, runner, tmp_path, front):
    path = _write(tmp_path, "bomb.md", front)
    started = time.perf_counter()
    result = runner.invoke(args=["stories", "import", str(path)])
    assert time.perf_counter() - started < 2
    assert result.exit_code != 0 and "anchors and aliases" in result.output
    assert _count(app) == 0


def test_alias_refusal_happens_before_the_graph_is_built(app, tmp_path, monkeypatch):
    import yaml

    from newsdesk.stories import importexport

    def no_compose(*args, **kwargs):
        raise AssertionError("the loader ran")

    monkeypatch.setattr(yaml.SafeLoader, "compose_node", no_compose)
    path = _write(tmp_path, "bomb.md", _bomb(9))  # 9**9 strings if it were expanded
    with app.app_context(), pytest.raises(importexport.ImportError_, match="aliases"):
        importexport.parse_file(path)


@pytest.mark.parametrize(
    ("field", "front", "body"),
    [
        ("body", "lang: en\ntitle: Long", "word " * 40_001),
        ("file", "lang: en\ntitle: Huge", "x" * 10_000_000),
        ("lead", "lang: en\ntitle: Long lead\nlead: " + "a" * 2001, "Body."),
        ("tags", "lang: en\ntitle: Many tags\ntags: [" + ", ".join(["tag"] * 200) + "]", "B."),
        ("title", "lang: en\ntitle: " + "t" * 301, "Body."),
        ("front matter", "lang: en\ntitle: Deep\nx: " + "[" * 20_000, "Body."),
    ],
)
def test_import_applies_the_editors_limits(app, runner, tmp_path, field, front, body):
    path = _write(tmp_path, "big.md", f"---\n{front}\n---\n{body}\n")
    result = runner.invoke(args=["stories", "import", str(path)])
    assert result.exit_code != 0, result.output
    assert f"{path}: {field}:" in result.output
    assert _count(app) == 0


def test_body_at_the_limit_is_imported(app, runner, tmp_path):
    path = _write(tmp_path, "ok.md", "---\nlang: en\ntitle: Just fits\n---\n" + "a" * 200_000)
    result = runner.invoke(args=["stories", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert _count(app) == 1
