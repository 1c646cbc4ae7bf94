"""M5: 100,000 articles (50,000 stories in English and Russian) and the pages that list them.

The database is built once per generator version: a migrated SQLite file under
``~/.cache/newsdesk/bench-scale/<hash>/`` (the hash covers this file and the migrations), filled
with bulk inserts in one transaction (the FTS5 triggers of migration 0004 index every row as
it goes in). Each run copies the file to a temp folder and measures p50/p99 of single requests
through the real Flask app with its test client, one request at a time (no server, no network:
what is measured is routing, queries and rendering). The page cache is off: every request
renders from the database.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import shutil
import sqlite3
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bench.appsetup import make_app
from bench.common import Result
from newsdesk.site.stemming import register_sqlite_functions

STORIES = 50_000
SAMPLES = 60  # requests per page (after warm-up); p99 of 60 is the second-slowest
WARMUP = 3
TARGET_MS = 100.0
SEED = 20261125
START = datetime(2019, 1, 1, 6, 0)
SPAN_DAYS = 7 * 365  # publication dates spread over seven years
log = logging.getLogger("bench.scale")

# Vocabulary ---------------------------------------------------------------------------
# Sentences are built from a few slots. Words are drawn with a skewed distribution so some
# are in most articles ("university"/"университет") and some in very few ("quasicrystal").

EN_SUBJECTS = [
    "The university",
    "The city council",
    "Researchers from the faculty of physics",
    "Students of the medical school",
    "The rector",
    "A group of engineers",
    "The library",
    "The botanical garden",
    "Volunteers",
    "The student union",
    "The faculty of history",
    "Local teachers",
    "The observatory",
    "The sports club",
    "Doctors at the clinic",
]
EN_VERBS = [
    "announced",
    "opened",
    "published",
    "approved",
    "presented",
    "discussed",
    "launched",
    "postponed",
    "celebrated",
    "completed",
    "reviewed",
    "funded",
    "welcomed",
    "tested",
]
EN_OBJECTS = [
    "a new laboratory",
    "the annual report",
    "a scholarship programme",
    "the winter exhibition",
    "a study of river pollution",
    "a series of public lectures",
    "the renovated reading room",
    "an exchange with partner universities",
    "a robotics competition",
    "the new bus route",
    "a survey of first-year students",
    "the results of the admissions campaign",
    "a concert for the city",
    "a plan to plant a thousand trees",
    "the archive of old maps",
]
EN_TAILS = [
    "on Tuesday",
    "after a long debate",
    "in the main building",
    "despite the weather",
    "for the first time in ten years",
    "with support from the city",
    "ahead of the holidays",
    "in front of a full hall",
    "as part of the anniversary programme",
    "this week",
]
EN_RARE = ["quasicrystal", "palimpsest", "ornithopter", "heliograph", "zeppelin"]
RU_SUBJECTS = [
    "Университет",
    "Городской совет",
    "Исследователи физического факультета",
    "Студенты медицинского института",
    "Ректор",
    "Группа инженеров",
    "Библиотека",
    "Ботанический сад",
    "Волонтёры",
    "Студенческий совет",
    "Исторический факультет",
    "Учителя города",
    "Обсерватория",
    "Спортивный клуб",
    "Врачи клиники",
]
RU_VERBS = [
    "объявил о запуске",
    "представил",
    "опубликовал",
    "одобрил",
    "обсудил",
    "открыл",
    "отложил",
    "завершил",
    "проверил",
    "поддержал",
    "отметил",
    "показал",
]
RU_OBJECTS = [
    "новую лабораторию университета",
    "годовой отчёт университета",
    "программу стипендий",
    "зимнюю выставку",
    "исследование загрязнения реки",
    "цикл открытых лекций",
    "обновлённый читальный зал",
    "обмен с университетами-партнёрами",
    "конкурс роботов",
    "новый автобусный маршрут",
    "опрос первокурсников",
    "итоги приёмной кампании",
    "концерт для горожан",
    "план посадки тысячи деревьев",
    "архив старинных карт",
]
RU_TAILS = [
    "во вторник",
    "после долгого обсуждения",
    "в главном корпусе университета",
    "несмотря на погоду",
    "впервые за десять лет",
    "при поддержке города",
    "перед праздниками",
    "в переполненном зале",
    "в рамках юбилейной программы",
    "вместе с университетом",
    "на этой неделе",
    "рядом с университетами города",
]
RU_RARE = ["квазикристалл", "палимпсест", "орнитоптер", "гелиограф", "дирижабль"]
TAGS = [
    "science",
    "campus",
    "students",
    "city",
    "culture",
    "sport",
    "medicine",
    "history",
    "research",
    "library",
    "admissions",
    "environment",
    "engineering",
    "events",
    "awards",
    "наука",
    "кампус",
    "студенты",
    "город",
    "культура",
    "спорт",
    "медицина",
    "история",
]
TRANSLIT = str.maketrans(
    {
        "а": "a",
        "б": "b",
        "в": "v",
        "г": "g",
        "д": "d",
        "е": "e",
        "ё": "e",
        "ж": "zh",
        "з": "z",
        "и": "i",
        "й": "y",
        "к": "k",
        "л": "l",
        "м": "m",
        "н": "n",
        "о": "o",
        "п": "p",
        "р": "r",
        "с": "s",
        "т": "t",
        "у": "u",
        "ф": "f",
        "х": "h",
        "ц": "ts",
        "ч": "ch",
        "ш": "sh",
        "щ": "sch",
        "ъ": "",
        "ы": "y",
        "ь": "",
        "э": "e",
        "ю": "yu",
        "я": "ya",
    }
)


def _skewed(rng: random.Random, items: list[str]) -> str:
    """Zipf-like pick: the first items are far more frequent than the last."""
    return items[min(int(rng.paretovariate(1.2)) - 1, len(items) - 1)]


def _sentence(rng: random.Random, lang: str) -> str:
    if lang == "en":
        parts = (EN_SUBJECTS, EN_VERBS, EN_OBJECTS, EN_TAILS)
    else:
        parts = (RU_SUBJECTS, RU_VERBS, RU_OBJECTS, RU_TAILS)
    words = [_skewed(rng, p) for p in parts]
    if rng.random() < 0.002:
        words.insert(3, "(" + rng.choice(EN_RARE if lang == "en" else RU_RARE) + ")")
    return " ".join(words) + "."


def _slug(text: str, n: int) -> str:
    base = "".join(c if c.isalnum() else "-" for c in text.lower().translate(TRANSLIT))
    return "-".join(filter(None, base.split("-")))[:60] + f"-{n}"


def _article(rng: random.Random, lang: str, n: int) -> tuple[str, str, str, str]:
    title = _sentence(rng, lang).rstrip(".")
    lead = _sentence(rng, lang)
    paragraphs = [
        " ".join(_sentence(rng, lang) for _ in range(rng.randint(3, 5)))
        for _ in range(rng.randint(3, 5))
    ]
    return title, _slug(title, n), lead, "\n\n".join(paragraphs)


def generator_hash() -> str:
    """Changes when the generator (this file down to ``cached_database``) or any migration
    changes: then the file is rebuilt. The measuring code below it may change freely."""
    source = Path(__file__).read_text(encoding="utf-8")
    digest = hashlib.sha256(source[: source.index("\ndef cached_database(")].encode())
    versions = Path(__file__).resolve().parent.parent / "newsdesk" / "migrations" / "versions"
    for path in sorted(versions.glob("*.py")):
        digest.update(path.read_bytes())
    digest.update(str(STORIES).encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "newsdesk" / "bench-scale" / generator_hash()


def build(target: Path, stories: int = STORIES) -> None:
    """A migrated database at ``target`` with ``stories`` stories, two articles each."""
    target.parent.mkdir(parents=True, exist_ok=True)
    app = make_app(target.parent)  # Alembic upgrade to head (creates target.parent/newsdesk.sqlite)
    with app.app_context():
        from newsdesk.extensions import db

        db.engine.dispose()  # let go of the file: the bulk load below changes its journal mode
    rng = random.Random(SEED)
    now = datetime(2026, 1, 1)
    con = sqlite3.connect(target.parent / "newsdesk.sqlite")
    register_sqlite_functions(con)  # the search index's triggers stem through it
    # A throwaway file until it is complete: no journal, no fsync, a large page cache.
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-262144")
    with con:
        con.execute(
            "INSERT INTO users (id, username, password_hash, role, languages, created_at) "
            "VALUES (1, 'bench-editor', 'x', 'editor', 'en,ru', ?)",
            (START,),
        )
        con.executemany(
            "INSERT INTO tags (id, name, ru_key, name_en, name_ru, slug_en, slug_ru)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(i, t, t, t, t, t, t) for i, t in enumerate(TAGS, 1)],
        )
        story_rows, article_rows, tag_rows = [], [], []
        for n in range(1, stories + 1):
            # Dates grow with the id, with jitter: stories were not entered in date order.
            base = START + timedelta(days=SPAN_DAYS * n / stories)
            created = base + timedelta(minutes=rng.randint(-600, 600))
            roll = rng.random()
            published = None if roll < 0.06 else created + timedelta(hours=rng.randint(0, 48))
            if n > stories - 20:  # a few embargoed ones, in the future
                published = now + timedelta(days=rng.randint(30, 300))
            story_rows.append((n, rng.choice("enenru"), published, 1, created, created))
            for lang, offset in (("en", 0), ("ru", stories)):
                status = "published" if published else rng.choice(["draft", "ready", "mt_draft"])
                if published and rng.random() < 0.02:
                    status = "ready"
                title, slug, lead, body = _article(rng, lang, n)
                article_rows.append(
                    (n + offset, n, lang, title, slug, lead, body, status, 1, created)
                )
            for tag in {rng.randint(1, len(TAGS)) for _ in range(rng.randint(1, 3))}:
                tag_rows.append((n, tag))
        con.executemany(
            "INSERT INTO stories (id, source_lang, published_at, mt_note, author_id, created_at,"
            " updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)",
            [(i, sl, p, a, c, u) for i, sl, p, a, c, u in story_rows],
        )
        con.executemany(
            "INSERT INTO articles (id, story_id, lang, title, slug, lead, body, status, version,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            article_rows,
        )
        con.executemany("INSERT INTO story_tags (story_id, tag_id) VALUES (?, ?)", tag_rows)
        # Readers see live copies: publishing writes one per published article (and the
        # search index's triggers index it).
        con.execute(
            "INSERT INTO live_articles (id, story_id, lang, title, slug, lead, body, version,"
            " updated_at) SELECT id, story_id, lang, title, slug, lead, body, version,"
            " updated_at FROM articles WHERE status = 'published'"
        )
    con.execute("INSERT INTO article_search (article_search) VALUES ('optimize')")
    con.commit()
    con.execute("ANALYZE")
    con.execute("PRAGMA journal_mode=WAL")  # as the app runs it
    con.close()


BUILT_HERE = False  # whether this process generated the database (else it came from the cache)


def cached_database() -> Path:
    """The generated database file, built on first use (and after a generator change)."""
    global BUILT_HERE
    folder = cache_dir()
    database = folder / "newsdesk.sqlite"
    done = folder / "complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.monotonic()
        log.info("generating %d stories into %s", STORIES, folder)
        build(database)
        BUILT_HERE = True
        done.write_text(f"{time.monotonic() - started:.1f}\n")
        log.info("generated in %.0f s", time.monotonic() - started)
    return database


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def pages(app, stories: int = STORIES) -> dict[str, str]:
    """The measured URLs. Deep list pages are the ones the "Older" links lead to, 40% of the
    way down (20,000 stories at full size; found here by OFFSET once, as a reader would by
    following links)."""
    from newsdesk.models import utcnow
    from newsdesk.site import queries

    depth, tag_depth = stories * 2 // 5, stories * 3 // 50
    with app.app_context():
        now = utcnow()

        def cursor(query, offset: int) -> str:
            from newsdesk.extensions import db

            article = db.session.scalars(query.offset(offset).limit(1)).first()
            return str(queries.Cursor.of(article))

        deep_en = cursor(queries.public_query("en", now), depth)
        deep_ru = cursor(queries.public_query("ru", now), depth)
        deep_tag = cursor(queries.with_tag("en", "science", now), tag_depth)
    old_page, editor_page, draft_page = depth // 10, stories // 50, max(2, stories // 1000)
    return {
        "reader /en/ first page": "/en/",
        "reader /ru/ first page": "/ru/",
        f"reader /en/ {depth:,} stories down": f"/en/?before={deep_en}",
        f"reader /ru/ {depth:,} stories down": f"/ru/?before={deep_ru}",
        f"reader /en/ old link ?page={old_page}": f"/en/?page={old_page}",
        "reader tag page /en/tags/science": "/en/tags/science",
        f"reader tag page, {tag_depth:,} stories down": f"/en/tags/science?before={deep_tag}",
        "reader archive month /en/archive/2022/06/": "/en/archive/2022/06/",
        "reader archive index /ru/archive/": "/ru/archive/",
        "search en common word (university)": "/en/search?q=university",
        "search en rare word (quasicrystal)": "/en/search?q=quasicrystal",
        "search ru inflected (университетов)": "/ru/search?q=университетов",
        "editor list first page": "/editor/",
        f"editor list page {editor_page} (deep)": f"/editor/?page={editor_page}",
        "editor list status=published lang=ru": "/editor/?status=published&lang=ru",
        "editor list status=draft, deep": f"/editor/?status=draft&page={draft_page}",
    }


def measure(client, url: str, samples: int = SAMPLES) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds per request (CPU: this process, so SQLite's work counts but
    waiting for a core on a shared machine does not); every response must be 200."""
    wall, cpu = [], []
    for i in range(WARMUP + samples):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        elapsed = 1000 * (time.perf_counter() - started)
        elapsed_cpu = 1000 * (time.process_time() - started_cpu)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        if i >= WARMUP:
            wall.append(elapsed)
            cpu.append(elapsed_cpu)
    return wall, cpu


def measure_app(app, *, samples: int, stories: int, label: str = "") -> list[Result]:
    """p50/p99 of every page of ``pages()`` on ``app`` (its database holds the M5 data), as
    the bench editor; ``label`` goes into each figure's name (e.g. "PostgreSQL")."""
    client = app.test_client()
    with app.app_context():
        from newsdesk.accounts import sessions
        from newsdesk.extensions import db
        from newsdesk.models import User

        user = db.session.get(User, 1)
        user_id = str(user.id)
        secret = sessions.start_session(user)  # a login as the editor's browser holds it
    with client.session_transaction() as session:
        session["_user_id"] = user_id
        session["_fresh"] = True
        session[sessions.SESSION_KEY] = secret
    results = []
    for name, url in pages(app, stories).items():
        times, cpu = measure(client, url, samples)
        p50, p99 = _percentile(times, 0.5), _percentile(times, 0.99)
        results.append(
            Result(
                figure=f"M5 {label + ' ' if label else ''}{name}",
                ratio=None,
                target=f"p99 ≤ {TARGET_MS:.0f} ms",
                passed=p99 <= TARGET_MS,
                absolute=(
                    f"p50 {p50:.1f} ms, p99 {p99:.1f} ms; CPU p50 {_percentile(cpu, 0.5):.1f}, "
                    f"p99 {_percentile(cpu, 0.99):.1f} ms (`{url}`)"
                ),
                repetitions=samples,
                spread=f"{min(times):.1f}..{max(times):.1f} ms",
                extra={"url": url, "ms": times, "cpu_ms": cpu},
            )
        )
    return results


def run(
    *, samples: int = SAMPLES, database: Path | None = None, stories: int = STORIES
) -> list[Result]:
    """Generate (or reuse) the database, then measure every page of ``pages()``
    (``database``/``stories``: another file of that size, e.g. a small one in a test)."""
    source = database or cached_database()
    done = source.parent / "complete"
    generated = float(done.read_text()) if done.exists() else 0.0
    reused = not BUILT_HERE
    root = Path(tempfile.mkdtemp(prefix="newsdesk-bench-m5-"))
    instance = root / "instance"
    instance.mkdir()
    shutil.copy(source, instance / "newsdesk.sqlite")
    app = make_app(instance, PAGE_CACHE=False)
    results = measure_app(app, samples=samples, stories=stories)
    shutil.rmtree(root, ignore_errors=True)
    results[0].note = (
        f"{stories:,} stories / {2 * stories:,} articles; database "
        f"{'reused from the cache' if reused else 'generated now'} "
        f"(generation took {generated:.0f} s); "
        "Flask test client, one request at a time, page cache off."
    )
    return results
