import json
from pathlib import Path

from fastapi import FastAPI

COMMITTED_SCHEMA = Path("web/openapi.json")


def _operations(api: FastAPI) -> list[dict]:
    return [operation for path in api.openapi()["paths"].values() for operation in path.values()]


def test_every_operation_has_a_unique_stable_id(api: FastAPI) -> None:
    ids = [operation.get("operationId") for operation in _operations(api)]
    assert all(ids), (
        "every route needs operation_id=...: the web client's function names come from it"
    )
    assert len(ids) == len(set(ids))


def test_every_operation_documents_its_errors(api: FastAPI) -> None:
    for operation in _operations(api):
        if operation["operationId"] != "healthcheck":
            assert {"401", "422"} <= set(operation["responses"]), operation["operationId"]


def test_committed_schema_matches_the_code(api: FastAPI) -> None:
    exported = json.dumps(api.openapi(), indent=2, sort_keys=True) + "\n"
    assert COMMITTED_SCHEMA.read_text() == exported, (
        "web/openapi.json is stale: run `just openapi`, then commit it and the generated client"
    )
