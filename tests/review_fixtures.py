"""Fixtures for the review workspace tests: a machine-translated story made with the fake
engine behind the real pipeline, database and job queue. Load them with
``pytest_plugins = ["tests.review_fixtures"]``; helpers are in tests.review_helpers."""

from __future__ import annotations

import pytest

from newsdesk.extensions import db
from newsdesk.models import Story
from newsdesk.translation_jobs import service as mt_service
from tests.mt_fakes import FakeEngine, fake_package, transliterate

BODY = """The university opened a new laboratory. It cost $2.5 million.

## Open days

Visitors are welcome on weekdays. The lab closes at noon on Fridays.
"""


@pytest.fixture
def engine(app, monkeypatch):
    """A transliterating fake engine installed as en→ru; it records every batch."""
    fake = FakeEngine("en", "ru", transform=lambda text: transliterate(text, "ru"))
    fake_package(app)
    monkeypatch.setattr(mt_service, "load_engine", lambda source, target: fake)
    return fake


@pytest.fixture
def mt_story(app, engine, make_story):
    """A story with an English source and a Russian machine draft; returns its id."""
    story = make_story(en={"title": "Lab opens", "lead": "Good news.", "body": BODY})
    with app.app_context():
        mt_service.request_translation(db.session.get(Story, story.id), "ru")
    return story.id
