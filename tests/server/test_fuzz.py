"""No endpoint answers 5xx to a fuzzer: schemathesis against the live server's /openapi.json.

A bounded run: at most ``MAX_EXAMPLES`` generated requests per operation (a dozen
operations), each sent twice, once signed in as an administrator with the protocol
header (so the fuzz reaches the route bodies) and once bare (middleware, auth).
Only ``not_a_server_error`` is checked: 4xx answers are the server doing its job.
"""

from __future__ import annotations

import time

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402

from inspector_app.sync.protocol import PROTOCOL_HEADER  # noqa: E402

from .conftest import Api, LiveServer, World  # noqa: E402

MAX_EXAMPLES = 12
BUDGET_S = 60


def test_no_endpoint_answers_5xx(live: LiveServer, world: World) -> None:
    schema = schemathesis.openapi.from_url(live.url + "/openapi.json")
    token = Api(live.url).login("admin", device_id="fuzz-admin").token
    signed_in = {PROTOCOL_HEADER: "1", "Authorization": f"Bearer {token}"}
    started = time.monotonic()
    operations = 0
    calls = 0
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case: schemathesis.Case) -> None:
            nonlocal calls
            for headers in (signed_in, {}):
                if case.operation.path.endswith("/logout"):
                    # Would end the admin's session for every later request.
                    headers = {k: v for k, v in headers.items() if k != "Authorization"}
                response = case.call(base_url=live.url, headers=headers, timeout=30)
                calls += 1
                try:
                    case.validate_response(response, checks=[not_a_server_error])
                except (AssertionError, BaseExceptionGroup) as exc:
                    failures.append(
                        f"{case.method} {case.formatted_path} -> {response.status_code}: {exc}"
                    )

        fuzz()
    elapsed = time.monotonic() - started
    assert operations >= 10
    assert calls <= 2 * MAX_EXAMPLES * operations + 4 * operations
    assert not failures, "\n".join(failures[:10])
    print(f"schemathesis: {operations} operations, {calls} requests, {elapsed:.1f} s, no 5xx")
    assert elapsed < BUDGET_S * 2, f"fuzzing took {elapsed:.0f} s"
