"""Generated requests (schemathesis) against /openapi.json of a real server: no server error except
503 (a query stopped at the time limit, or every worker busy), and every answer as the schema says:
documented status code, media type and, for JSON, body schema."""

from __future__ import annotations

import pytest

import schemathesis
from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error, positive_data_acceptance  # noqa: E402

from conftest_service import start_server, stop_server  # noqa: E402

MAX_EXAMPLES = 12   # per operation (14 operations): at most about 170 generated requests


@pytest.fixture(scope="module")
def fuzz_url(built_dist):
    process, url = start_server(built_dist, "--timeout", "3")
    yield url
    stop_server(process)


def _operations(url: str) -> list:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


def test_the_schema_documents_the_sparql_protocol(fuzz_url):
    labels = {operation.label for operation in _operations(fuzz_url)}
    assert {"GET /sparql", "POST /sparql", "GET /dumps/{name}", "GET /id/{path}"} <= labels


def test_generated_requests_get_documented_answers(fuzz_url):
    failures: list[str] = []
    for operation in _operations(fuzz_url):
        @given(case=operation.as_strategy() | operation.as_strategy(schemathesis.GenerationMode.NEGATIVE))
        @settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            # 503 is allowed below; and a string the schema allows is not yet valid SPARQL or an existing
            # resource, so a schema-valid request may well get 400 or 404.
            response = case.call_and_validate(excluded_checks=[not_a_server_error, positive_data_acceptance])
            assert response.status_code < 500 or response.status_code == 503, (response.status_code, response.text[:200])
            assert "Traceback" not in response.text

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collect every operation's first failure
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)
