"""Schemathesis against /api/v1/openapi.json: every operation, generated inputs (valid and
invalid), no 5xx, every response as the document describes it.

Driven through schemathesis' Python API (an operation's Hypothesis strategy per generation
mode) rather than ``schemathesis.pytest.from_fixture``, which does not run on pytest 9.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from newsdesk.extensions import db
from newsdesk.models import Status, Story

pytest_plugins = ["tests.api_fixtures"]


@pytest.fixture
def api_schema(app, make_story):
    story = make_story(en="Fuzzed EN", ru="Fuzzed RU")
    with app.app_context():
        for article in db.session.get(Story, story.id).articles:
            article.status = Status.READY
        db.session.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


def _operations(schema):
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", list(GenerationMode), ids=lambda mode: mode.value)
def test_api_conforms_to_its_openapi_document(api_schema, make_token, mode):
    operations = _operations(api_schema)
    assert len(operations) == 12
    headers = {"Authorization": f"Bearer {make_token()}"}
    calls: dict[str, int] = {}

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def check(case):
            # A negative case without an Authorization header may be the one that leaves the
            # required credentials out: adding ours would make it valid (and "accepted").
            left_out = mode is GenerationMode.NEGATIVE and "Authorization" not in (
                case.headers or {}
            )
            response = case.call_and_validate(headers=None if left_out else headers)
            assert response.status_code < 500
            calls[case.operation.label] = calls.get(case.operation.label, 0) + 1

        check()
    assert set(calls) == {operation.label for operation in operations}
