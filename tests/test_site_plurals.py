"""Russian plurals on real reader pages: 1 and 21 take «материал», 2 «материала», 5 and
the 11–14 exception (11, 12, 111, 112) «материалов». A catalog or Babel change that loses
the exception (11 → «материал», 12 → «материала») fails here."""

from __future__ import annotations

import re
from datetime import datetime

from newsdesk.extensions import db
from newsdesk.models import Article, LiveArticle, Status, Story

COUNTS = {1: 1, 2: 2, 3: 5, 4: 11, 5: 12, 6: 21, 7: 111, 8: 112}  # month of 2024 -> stories
EXPECTED = {
    1: "1 материал",
    2: "2 материала",
    5: "5 материалов",
    11: "11 материалов",
    12: "12 материалов",
    21: "21 материал",
    111: "111 материалов",
    112: "112 материалов",
}


def _publish_counts(app) -> None:
    """Published Russian stories, COUNTS[month] of them in each month (rows written directly:
    275 stories through the services would only slow the test down)."""
    with app.app_context():
        n = 0
        for month, count in COUNTS.items():
            for day in range(count):
                n += 1
                story = Story(
                    source_lang="ru",
                    single_language="ru",
                    published_at=datetime(2024, month, 1 + day % 28, 9, day // 28),
                )
                article = Article(
                    lang="ru",
                    title=f"Новость {n}",
                    slug=f"novost-{n}",
                    body="Текст.",
                    status=Status.PUBLISHED,
                )
                story.articles.append(article)
                article.live = LiveArticle(  # what publishing copies for readers
                    story=story,
                    lang="ru",
                    title=article.title,
                    slug=article.slug,
                    lead="",
                    body=article.body,
                    version=1,
                )
                db.session.add(story)
        db.session.commit()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def test_russian_plural_forms_on_the_archive_pages(app, client):
    _publish_counts(app)
    index = client.get("/ru/archive/").get_data(as_text=True)
    shown = [_text(c) for c in re.findall(r'<span class="count">(.*?)</span>', index, re.S)]
    assert shown == [EXPECTED[COUNTS[m]] for m in sorted(COUNTS)]  # January first
    for month, count in COUNTS.items():
        page = client.get(f"/ru/archive/2024/{month:02}/")
        assert page.status_code == 200
        assert EXPECTED[count] in _text(page.get_data(as_text=True)), month
