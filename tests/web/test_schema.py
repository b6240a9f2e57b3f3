"""Schemathesis against the OpenAPI schema: generated requests to every endpoint get no 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from whimbrel import api
from whimbrel.web.app import ServeOptions, create_app

from .conftest import build_store

EXAMPLES = 40


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    store = build_store(tmp_path_factory.mktemp("schema") / "schema.duckdb", n_events=60)
    app = create_app(ServeOptions(store=store, allow_review=True))
    app.state.source.open()
    api.default_pipeline()  # the explain endpoint's model, loaded once before the clock of any request
    try:
        yield schemathesis.openapi.from_asgi("/openapi.json", app)
    finally:
        app.state.source.close()


def test_no_server_errors(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def check(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error], timeout=120)

        check()
