"""Issue 6, "bad input gets a clear error": every route of app.url_map, each form and API
endpoint, is fuzzed with hypothesis as each role. No answer may be a 5xx, and every error
says what went wrong in the user's language (Russian for the users whose UI locale is
Russian), as a page, a flash or a field error; the API answers {"error": {code, message}}.

The routes come from the route map, so a new route is fuzzed without touching this file;
a route the fuzzer cannot reach goes into UNREACHABLE with the reason, and the walk fails
for a route that is neither matched by a fuzzed request nor listed.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from flask import request_started
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PIL import Image

from newsdesk.accounts import tokens
from newsdesk.api.schemas import PublishBody, TermBody
from newsdesk.extensions import db
from newsdesk.glossary import service as glossary
from newsdesk.images import service as images
from newsdesk.interop import xliff
from newsdesk.models import Article, Revision, Segment, Story, Tag, TranslationJob, User
from newsdesk.people import service as people
from newsdesk.review.service import save_segment, start_review
from tests.conftest import PASSWORD, on_postgres
from tests.fuzz_helpers import (
    ACCEPT,
    ACCEPT_LANGUAGE,
    FieldSpec,
    Tally,
    api_body,
    best_language,
    body,
    form_data,
    form_fields,
    html_messages,
    looks_russian,
    method_for,
    query_string,
    url_for_rule,
)
from tests.fuzz_helpers import ARG as ARG_RE

pytest_plugins = ["tests.review_fixtures"]

# Routes the fuzzer does not send requests to, each with its reason. Empty: every route
# of the app is reachable. A rule listed here that no longer exists fails the walk too.
UNREACHABLE: dict[str, str] = {}

UI_EXAMPLES = 36  # per route and role: 55 UI routes x 4 roles
API_EXAMPLES = 50  # per route and role: 13 API routes x 4 (no token, translator, editor, admin)
MIN_TOTAL = 10_000
if on_postgres():
    # The SQLite pass sends the 10,000; the PostgreSQL + Redis pass of `make test` sends a
    # quarter of them, for the engine's own failure modes (integer ranges, NUL in text).
    UI_EXAMPLES, API_EXAMPLES, MIN_TOTAL = 9, 13, 2_500

# role -> (username, role, languages, UI locale); None: not logged in
UI_ROLES = {
    "anonymous": None,
    "translator": ("tr", "translator", "ru", "ru"),
    "editor": ("ed", "editor", "en,ru", "ru"),
    "admin": ("boss", "admin", "en,ru", "en"),
}
API_ROLES = {
    "no token": None,
    "translator": ("api_tr", "translator", "ru", None),
    "editor": ("api_ed", "editor", "en,ru", None),
    "admin": ("api_boss", "admin", "en,ru", None),
}
API_BODIES = {"api.publish_story": PublishBody().fields, "api.add_term": TermBody().fields}
TALLY = Tally()


def _forms() -> dict[str, list[FieldSpec]]:
    """The form each POST endpoint reads; a new POST route gets every known field instead."""
    from newsdesk.accounts.forms import (
        AccountActionForm,
        AccountForm,
        LocaleForm,
        LoginForm,
        NewAccountForm,
        PasswordChangeForm,
        SetPasswordForm,
    )
    from newsdesk.accounts.token_views import TokenForm
    from newsdesk.glossary.forms import GlossaryImportForm, TermForm
    from newsdesk.images.views import ImageForm
    from newsdesk.interop.views import XliffImportForm
    from newsdesk.people.forms import PersonForm
    from newsdesk.review import forms as rv
    from newsdesk.security import ActionForm
    from newsdesk.stories import forms as ed
    from newsdesk.topics.forms import TopicForm
    from newsdesk.translation_jobs.model_views import ModelUploadForm

    by_endpoint = {
        "accounts.login": LoginForm,
        "accounts.logout": ActionForm,
        "accounts.logout_everywhere": AccountActionForm,
        "accounts.change_password": PasswordChangeForm,
        "accounts.deactivate_user": AccountActionForm,
        "accounts.activate_user": AccountActionForm,
        "accounts.create_user": NewAccountForm,
        "accounts.edit_user": AccountForm,
        "accounts.create_reset_link": AccountActionForm,
        "accounts.reset_password": SetPasswordForm,
        "stories.create_story": ed.NewStoryForm,
        "stories.edit_article": ed.ArticleForm,
        "stories.add_translation": ActionForm,
        "stories.publish_story": ed.PublishForm,
        "stories.unpublish_story": ActionForm,
        "stories.delete_story": ActionForm,
        "stories.restore_story": ActionForm,
        "stories.purge_story": ActionForm,
        "accounts.preferences": LocaleForm,
        "glossary.show_glossary": TermForm,
        "glossary.import_glossary": GlossaryImportForm,
        "glossary.delete_term": ActionForm,
        "people.list_people": PersonForm,
        "people.edit_person": PersonForm,
        "topics.edit_topic": TopicForm,
        "images.edit_image": ImageForm,
        "images.delete_image": ActionForm,
        "accounts.show_tokens": TokenForm,
        "accounts.revoke_token": ActionForm,
        "translation_jobs.translate_story": ActionForm,
        "translation_jobs.cancel_job": ActionForm,
        "translation_jobs.upload_model": ModelUploadForm,
        "translation_jobs.install_from_index": ActionForm,
        "translation_jobs.remove_model": ActionForm,
        "interop.import_xliff": XliffImportForm,
        "review.start_review": ActionForm,
        "review.save_sentence": rv.SegmentForm,
        "review.fix_sentence": ActionForm,
        "review.retranslate_changed": ActionForm,
        "review.mark_ready": rv.ReadyForm,
        "review.edit_markdown": rv.MarkdownForm,
        "review.restore_revision": ActionForm,
        "review.set_mt_note": rv.NoteForm,
        "review.publish_override": rv.OverrideForm,
    }
    return {endpoint: form_fields(cls) for endpoint, cls in by_endpoint.items()}


FORMS = _forms()
EVERY_FIELD = list({spec.name: spec for specs in FORMS.values() for spec in specs}.values())


# --- the world the fuzzer works in --------------------------------------------------------


def _png(width: int = 400, height: int = 300) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def _files(xlf: bytes) -> list[tuple[str, bytes, str]]:
    """Uploads: good and bad CSV, XLIFF and image files, hostile file names."""
    csv_ok = "en,ru,kind,note\nFuzz term,Фазз-термин,preferred,\n".encode()
    xlf_changed = xlf.replace(b"</target>", "ИЗМЕНЕНО</target>".encode(), 1)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b"<x>&c;&c;&c;&c;&c;&c;</x>"
    )
    return [
        ("terms.csv", csv_ok, "text/csv"),
        ("terms.csv", csv_ok + b"bad row without kind\n", "text/csv"),
        ("terms.csv", b"\xff\xfe\x00e\x00n\x00", "text/csv"),
        ("terms.csv", b"en,ru,kind\n" + b"a\x00b,\xd0\xb0,preferred\n", "text/csv"),
        ("terms.csv", b'en,ru,kind\n"unclosed,\xd0\xb0,preferred\n', "text/csv"),
        ("terms.csv", b"en,ru,kind\n" + b"x" * 300 + b",y,preferred\n", "text/csv"),
        ("terms.csv", b"", "text/csv"),
        ("terms.txt", b"en;ru;kind\n", "text/plain"),
        ("../../etc/passwd.csv", csv_ok, "text/csv"),
        ("a\x00b.csv", csv_ok, "text/csv"),
        ("\u202etxt.exe.csv", csv_ok, "application/octet-stream"),
        ("story.xlf", xlf, "application/xliff+xml"),
        ("story.xlf", xlf_changed, "application/xliff+xml"),
        ("story.xlf", xlf[: len(xlf) // 2], "application/xliff+xml"),
        ("story.xlf", laughs, "application/xml"),
        ("story.xlf", xlf.replace(b'version="2.0"', b'version="1.2"'), "application/xml"),
        ("story.xlf", xlf.replace(b"<source>", b"<source><pc id='9'>", 1), "application/xml"),
        ("photo.png", _png(), "image/png"),
        ("photo.png", _png()[:200], "image/png"),
        ("photo.png", _png(40, 30), "image/png"),
        ("bomb.png", _png_header_only(30_000, 30_000), "image/png"),
        ("bomb.png", _png_header_only(10_000, 10_000), "image/png"),
        ("photo.jpg", b"GIF89a" + b"\0" * 100, "image/jpeg"),
        ("", b"", "application/octet-stream"),
    ]


class World:
    """Ids, samples and clients for one app; requests counted into TALLY under ``test``."""

    def __init__(self, app, test: str) -> None:
        self.app, self.test = app, test
        self.candidates: dict[str, list] = {}
        self.samples: dict[str, list] = {}
        self.matched: set[str] = set()
        request_started.connect(self._matched, app)

    def _matched(self, sender, **extra) -> None:
        from flask import request

        if request.url_rule is not None:
            self.matched.add(request.url_rule.rule)
            TALLY.matched[request.url_rule.endpoint] += 1

    def send(self, client, method: str, path: str, **kw):
        TALLY.sent[self.test] += 1
        try:
            response = client.open(path, method=method, **kw)
        except Exception as exc:  # TESTING propagates what would have been a 500
            query = kw.get("query_string")
            raise AssertionError(f"{method} {path} ?{query!r}: {exc!r}"[:2000]) from exc
        response.get_data()  # buffered, so that the file of a streamed answer can be closed
        response.close()
        TALLY.statuses[response.status_code // 100 * 100] += 1
        assert response.status_code < 500, f"{method} {path}: {response.status_code}"
        return response


@pytest.fixture
def app(app_factory):
    """The fuzzer types wrong passwords on purpose (login, password and token forms): the
    login throttle would lock its own accounts out (tests/test_throttle.py covers it)."""
    return app_factory(LOGIN_MAX_FAILURES=10**6, LOGIN_MAX_FAILURES_PER_ADDRESS=10**6)


@pytest.fixture
def world(app, make_user, make_story, engine):
    """Users of every role, a published pair with a lead image, a story under review (with
    its sentences aligned and a revision), a draft, a glossary term, a job and tokens; the
    fake MT engine behind the translate buttons."""
    for spec in [*UI_ROLES.values(), *API_ROLES.values()]:
        if spec:
            make_user(spec[0], role=spec[1], languages=spec[2], locale=spec[3])
    pair = make_story(
        en={"title": "Fuzz pair", "tags": "science, campus"},
        ru="Пара для проверки",
        publish="pair",
    )
    draft = make_story(en="Draft only")
    ru_source = make_story(ru="Только по-русски")
    review = make_story(
        en={"title": "Lab opens", "body": "The lab opened. It cost $2.5 million.\n\nCome in."}
    )
    with app.app_context():
        story = db.session.get(Story, pair.id)
        images.set_lead_image(story, _png())
        glossary.add_term("Lomonosov", "Ломоносов", "preferred")
        people.save_person(None, name_en="Dmitry Arseniev", name_ru="Дмитрий Арсеньев")
        under_review = db.session.get(Story, review.id)
        start_review(under_review, "ru", user=None)
        first = db.session.scalars(db.select(Segment).order_by(Segment.id)).first()
        save_segment(first, "Лаборатория открылась.", user=None)
        db.session.add(TranslationJob(story_id=draft.id, source_lang="en", target_lang="ru"))
        db.session.commit()
        xlf = xliff.export_story(under_review, "ru")
        ed = db.session.scalar(db.select(User).filter_by(username="ed"))
        tokens.create_token(ed, "revocable")
        secrets = {}
        for role, spec in API_ROLES.items():
            if spec:
                user = db.session.scalar(db.select(User).filter_by(username=spec[0]))
                secrets[role] = tokens.create_token(user, "fuzz")[1]
        ids = {
            "story_id": [pair.id, draft.id, ru_source.id, review.id],
            "segment_id": list(db.session.scalars(db.select(Segment.id))),
            "revision_id": list(db.session.scalars(db.select(Revision.id))),
            "job_id": list(db.session.scalars(db.select(TranslationJob.id))),
            "term_id": list(db.session.scalars(db.select(glossary.GlossaryTerm.id))),
            "token_id": [1, 2, 3],
            "person_id": [1, 2],
            "topic_id": list(db.session.scalars(db.select(Tag.id))) + [999],
            "slug": list(db.session.scalars(db.select(Article.slug))),
            "filename": [images.get_lead_image(story).filename, "static.css", "a" * 64 + ".png"],
            "name": ["science", "наука", "campus"],
            "year": ["2024", "2026", "1899", "9999", "0000"],
            "month": ["11", "01", "12", "13", "00", "99"],
        }
        versions = [str(v) for v in db.session.scalars(db.select(Article.version))]
    fuzz = World(app, "setup")
    fuzz.candidates = ids
    fuzz.samples = {
        "files": _files(xlf),
        "base_version": versions + ["0", "-3", "9" * 25, "abc"],
        "username": ["ed", "tr", "boss", "nobody"],
        "password": [PASSWORD, "wrong password"],
        "text": ["Лаборатория открылась.", "Изменено 3,5 раза."],
        "kind": ["preferred", "do_not_translate", "forbidden"],
        "lang": ["en", "ru"],
        "mode": ["pair", "en", "ru"],
    }
    fuzz.tokens = secrets
    yield fuzz
    request_started.disconnect(fuzz._matched, app)


def _runs(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        # No shrinking: the app's state moves on with every request, so a smaller example
        # rarely reproduces; the failing request is printed in full instead.
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        print_blob=True,
    )


def _fuzz_rule(rule, one_request, examples: int) -> None:
    """Run ``examples`` hypothesis examples of requests to one rule."""

    @_runs(examples)
    @given(data=st.data())
    def fuzz(data):
        one_request(rule, data)

    fuzz()


def _check_rule_coverage(app, fuzz: World, rules) -> None:
    stale = set(UNREACHABLE) - {r.endpoint for r in app.url_map.iter_rules()}
    assert not stale, f"UNREACHABLE lists routes the app no longer has: {sorted(stale)}"
    missed = [
        f"{r.endpoint} {r.rule}"
        for r in rules
        if r.rule not in fuzz.matched and r.endpoint not in UNREACHABLE
    ]
    assert missed == [], f"routes neither fuzzed nor listed in UNREACHABLE: {missed}"


# --- the UI ---------------------------------------------------------------------------------


def _session_flashes(app, client) -> list[str]:
    cookie = client.get_cookie("session")
    if cookie is None:
        return []
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    return [message for _category, message in session.get("_flashes", [])]


def _expected_locale(path: str, user_locale: str | None, accept_language: str) -> str:
    """The UI language the app must answer in (its locale selector, restated)."""
    if path[1:3] in ("en", "ru") and path[3:4] in ("/", ""):
        return path[1:3]
    return user_locale or best_language(accept_language)


def _ui_messages(app, client, response) -> list[str]:
    if response.status_code in (301, 302, 303, 307, 308):
        return _session_flashes(app, client)
    if response.is_json:
        payload = response.get_json(silent=True)
        payload = payload if isinstance(payload, dict) else {}
        error = payload.get("error")
        message = payload.get("message") or (
            error.get("message") if isinstance(error, dict) else None
        )
        return [message] if message else []
    if response.mimetype == "text/html":
        return html_messages(response.get_data())
    return []


def _check_ui_answer(app, client, method, path, response, locale: str | None) -> None:
    status = response.status_code
    messages = _ui_messages(app, client, response)
    where = f"{method} {path} -> {status}"
    if status >= 400 and method != "HEAD":
        assert messages, f"{where}: an error without a message: {response.get_data()[:300]!r}"
    if locale == "ru":
        english = [m for m in messages if not looks_russian(m)]
        assert english == [], f"{where}: not in Russian: {english}"


def _ui_ids(rules) -> list[str]:
    return [r.endpoint for r in rules]


def _ui_rules(app):
    return [
        r
        for r in app.url_map.iter_rules()
        if not r.endpoint.startswith("api.") and r.endpoint not in UNREACHABLE
    ]


def _log_in(app, client, spec) -> str | None:
    if spec is None:
        return None
    response = client.post("/editor/login", data={"username": spec[0], "password": PASSWORD})
    assert response.status_code == 302
    return client.get_cookie("session").value


def _reset_user(app, spec) -> None:
    from newsdesk.accounts import users

    with app.app_context():
        user = db.session.scalar(db.select(User).filter_by(username=spec[0]))
        if user.locale != spec[3]:
            users.set_locale(user, spec[3])


# Werkzeug's form parser drops (without closing) the temporary file of an upload whose
# multipart body ends early; the garbage collector closes it. Not the app's to fix.
LEAKED_UPLOAD = (
    "ignore:Exception ignored in. <function SpooledTemporaryFile.__del__"
    ":pytest.PytestUnraisableExceptionWarning"
)


@pytest.mark.filterwarnings(LEAKED_UPLOAD)
@pytest.mark.parametrize("role", UI_ROLES)
def test_fuzz_every_ui_route(app, world, role):
    """Every form and page as ``role``: no 5xx, and each error message in the UI language."""
    world.test = f"ui {role}"
    spec = UI_ROLES[role]
    client = app.test_client()
    cookie = _log_in(app, client, spec)
    rules = _ui_rules(app)

    def one_request(rule, data) -> None:
        nonlocal cookie
        method = data.draw(method_for(rule), "method")
        path = data.draw(url_for_rule(rule, world.candidates), "path")
        headers = {
            "Accept-Language": data.draw(ACCEPT_LANGUAGE, "accept-language"),
            "Accept": data.draw(ACCEPT, "accept"),
        }
        if rule.endpoint.startswith("site.") and data.draw(st.booleans()):
            headers["If-None-Match"] = data.draw(st.sampled_from(['"x"', "*", "W/", "\x7f"]))
            headers["If-Modified-Since"] = data.draw(
                st.sampled_from(["yesterday", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 99 Xyz"])
            )
        kw = {"query_string": data.draw(query_string(), "query"), "headers": headers}
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            fields = FORMS.get(rule.endpoint, EVERY_FIELD)
            items = data.draw(form_data(fields, world.samples), "fields")
            kw["data"], kw["content_type"] = data.draw(body(items), "body")
        if cookie is None:
            client.delete_cookie("session")
        else:
            client.set_cookie("session", cookie)  # undo a logout, drop old flashes
        response = world.send(client, method, path, **kw)
        locale = _expected_locale(path, spec and spec[3], headers["Accept-Language"])
        ends_session = rule.endpoint in ("accounts.logout", "accounts.logout_everywhere")
        if ends_session and response.status_code == 302:
            locale = best_language(headers["Accept-Language"])  # no user any more: the browser's
        if rule.endpoint == "accounts.preferences" and method == "POST":
            locale = None  # the user just chose another language (checked after reset)
            if spec:
                _reset_user(app, spec)
        _check_ui_answer(app, client, method, path, response, locale)
        if ends_session:
            cookie = _log_in(app, client, spec)  # the old cookie died with its session

    for rule in rules:
        _fuzz_rule(rule, one_request, UI_EXAMPLES)
    _check_rule_coverage(app, world, rules)
    assert TALLY.sent[world.test] >= len(rules) * UI_EXAMPLES * 0.95, TALLY.sent
    TALLY.completed.add(world.test)


# --- the API --------------------------------------------------------------------------------

AUTH_JUNK = [
    "",
    "Bearer",
    "Bearer ",
    "Basic dXNlcjpwYXNz",
    "Bearer nd_" + "x" * 200,
    "Bearer nd_\x7f",
]


def _check_api_answer(method, path, response, accept_language: str) -> None:
    status, where = response.status_code, f"{method} {path} -> {response.status_code}"
    if method in ("HEAD", "OPTIONS") or status == 204 or 300 <= status < 400:
        return  # no body to check (a redirect: merged slashes in the path)
    assert response.is_json, f"{where}: not JSON: {response.get_data()[:200]!r}"
    payload = response.get_json()
    if status < 400:
        return
    error = payload.get("error") if isinstance(payload, dict) else None
    assert isinstance(error, dict), f"{where}: no error object: {payload!r}"
    assert isinstance(error.get("code"), str) and error["code"], f"{where}: {payload!r}"
    assert isinstance(error.get("message"), str) and error["message"], f"{where}: {payload!r}"
    if best_language(accept_language) == "ru":
        assert looks_russian(error["message"]), f"{where}: not in Russian: {error['message']}"


@pytest.mark.parametrize("role", API_ROLES)
def test_fuzz_every_api_route(app, world, role):
    """Every API operation as ``role``: no 5xx, every error a JSON code and message."""
    world.test = f"api {role}"
    client = app.test_client()
    secret = world.tokens.get(role)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")]
    candidates = {**world.candidates, "lang": ["en", "ru"]}
    valid = {
        "mode": ["pair", "en", "ru"],
        "at": [None, "2024-11-14T10:00:00Z", "2999-01-01T00:00:00+03:00", "2024-11-14T10:00:00"],
        "en": ["Fuzz API term", "Lomonosov"],
        "ru": ["Фазз-термин", "Ломоносов"],
        "kind": ["preferred", "do_not_translate", "forbidden"],
        "note": ["", "примечание"],
    }

    def one_request(rule, data) -> None:
        method = data.draw(method_for(rule), "method")
        path = data.draw(url_for_rule(rule, candidates), "path")
        names = ["page", "per_page", "status", "lang"]
        accept_language = data.draw(ACCEPT_LANGUAGE, "accept-language")
        headers = {"Accept-Language": accept_language}
        if secret and data.draw(st.integers(0, 9)):
            headers["Authorization"] = f"Bearer {secret}"
        else:
            headers["Authorization"] = data.draw(st.sampled_from(AUTH_JUNK), "authorization")
        kw = {"query_string": data.draw(query_string(names), "query"), "headers": headers}
        if method in ("POST", "PUT", "PATCH", "DELETE"):
            schema = API_BODIES.get(rule.endpoint, {"x": {}})
            kw["data"], kw["content_type"] = data.draw(api_body(schema, valid), "body")
        response = world.send(client, method, path, **kw)
        _check_api_answer(method, path, response, accept_language)

    for rule in rules:
        _fuzz_rule(rule, one_request, API_EXAMPLES)
    _check_rule_coverage(app, world, rules)
    assert TALLY.sent[world.test] >= len(rules) * API_EXAMPLES * 0.95, TALLY.sent
    TALLY.completed.add(world.test)


# --- the count, over the whole module -------------------------------------------------------

FUZZ_TESTS = {f"ui {r}" for r in UI_ROLES} | {f"api {r}" for r in API_ROLES}


@pytest.fixture(scope="module", autouse=True)
def total_requests(request):
    """After the module: print the number of requests sent, and require at least MIN_TOTAL
    when every fuzz test ran to its end (a -k selection of one role sends fewer, by design)."""
    yield
    total = sum(TALLY.sent[name] for name in FUZZ_TESTS)
    plugins = request.config.pluginmanager
    reporter, capture = plugins.get_plugin("terminalreporter"), plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(
                f"\nfuzz: {total} requests ({dict(sorted(TALLY.sent.items()))}); "
                f"status classes {dict(sorted(TALLY.statuses.items()))}; "
                f"{len(TALLY.matched)} endpoints matched"
            )
    if TALLY.completed == FUZZ_TESTS:
        assert total >= MIN_TOTAL, f"only {total} fuzz requests were sent"


def test_every_route_is_fuzzed_or_listed(app):
    """The partition is complete: API routes, UI routes, and the listed exceptions."""
    endpoints = {r.endpoint for r in app.url_map.iter_rules()}
    assert set(UNREACHABLE) <= endpoints
    for name, reason in UNREACHABLE.items():
        assert reason.strip(), f"{name} is listed without a reason"
    fuzzed = {r.endpoint for r in _ui_rules(app)} | {
        r.endpoint for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")
    }
    assert endpoints - fuzzed - set(UNREACHABLE) == set()
    assert fuzzed.isdisjoint(UNREACHABLE)
    # Written by hand, not derived from the route map: the routes that change what readers
    # see, or read hostile files, are fuzzed and never excused as unreachable.
    must_fuzz = {
        "accounts.login",
        "stories.create_story",
        "stories.edit_article",
        "stories.publish_story",
        "stories.unpublish_story",
        "glossary.import_glossary",
        "images.edit_image",
        "interop.import_xliff",
        "review.save_sentence",
        "review.edit_markdown",
        "review.publish_override",
        "site.list_stories",
        "site.search",
        "site.show_story",
        "api.publish_story",
        "api.add_term",
        "api.start_translation",
    }
    assert must_fuzz <= fuzzed, sorted(must_fuzz - fuzzed)


# --- CSRF on: a missing or wrong token is a clear 400 page --------------------------------


def _csrf_token(page: bytes) -> str:
    from lxml import html as lxml_html

    return lxml_html.fromstring(page).xpath("//input[@name='csrf_token']/@value")[0]


def test_missing_or_bad_csrf_token_is_a_clear_400(app_factory, make_user, make_story):
    """With CSRF protection on (as in production), every POST route answers a form without
    its token, or with a forged one, with a 400 and a message in the user's language: the
    error page, the form again with its text kept, or JSON for the editor's scripts."""
    csrf_app = app_factory(WTF_CSRF_ENABLED=True)
    make_user("ed", locale="ru")
    story = make_story(en="CSRF story", ru="История")
    client = csrf_app.test_client()
    token = _csrf_token(client.get("/editor/login").data)
    login = {"username": "ed", "password": PASSWORD, "csrf_token": token}
    assert client.post("/editor/login", data=login).status_code == 302
    ids = {"story_id": story.id, "lang": "ru", "segment_id": 1, "revision_id": 1}
    ids |= {"term_id": 1, "token_id": 1, "job_id": 1, "source": "en", "target": "ru"}
    checked = []
    for rule in _ui_rules(csrf_app):
        if "POST" not in rule.methods or rule.endpoint == "accounts.login":
            continue
        path = ARG_RE.sub(lambda m: str(ids.get(m.group(2), 1)), rule.rule)
        for data in ({"title": "x"}, {"title": "x", "csrf_token": "forged." + token[:20]}):
            response = client.post(path, data=data)
            where = f"POST {path} {sorted(data)}"
            assert response.status_code == 400, f"{where}: {response.status_code}"
            messages = _ui_messages(csrf_app, client, response)  # a page, or JSON for scripts
            assert messages and all(looks_russian(m) for m in messages), (where, messages)
        checked.append(rule.endpoint)
    assert len(checked) >= 25, checked
