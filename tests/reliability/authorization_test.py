"""The authorization matrix of every route that takes an object id, generated from the route table.

For each such route: without a session the answer is 401; another user gets 404, exactly as for
an id that does not exist, so ids of other users' objects leak nothing; the owner gets through,
which shows the request was otherwise valid. Admin-only routes answer 403 to users instead, and an
admin gets through. A route added with an id of a new kind fails here until the test knows how to
create such an object.
"""

import re
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any
from unittest.mock import ANY

import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from app.api.identity import require_admin
from app.ids import new_typeid
from app.models import User
from app.server import include_api
from tests.api_client import ApiClient, ClientFactory
from tests.assertions import assert_error
from tests.factories import (
    DEFAULT_PASSWORD,
    AdminFactory,
    NoteFactory,
    UserFactory,
    UserSessionFactory,
)


@dataclass(frozen=True)
class ObjectRoute:
    operation_id: str
    method: str
    path: str
    id_parameter: str
    id_prefix: str
    admin_only: bool
    takes_body: bool

    def url(self, object_id: str) -> str:
        return self.path.replace(f"{{{self.id_parameter}}}", object_id)


def _api_routes(routes: list[BaseRoute]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:
            yield from _api_routes(included.routes)


def _dependencies(dependant: Dependant) -> Iterator[Callable[..., Any] | None]:
    for dependency in dependant.dependencies:
        yield dependency.call
        yield from _dependencies(dependency)


def object_routes() -> list[ObjectRoute]:
    api = FastAPI()
    include_api(api)
    admin_only = {
        route.operation_id
        for route in _api_routes(api.router.routes)
        if require_admin in set(_dependencies(route.dependant))
    }
    found = []
    for path, operations in api.openapi()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                prefix = re.match(r"\^([a-z]+)_", parameter["schema"].get("pattern", ""))
                if parameter["in"] == "path" and prefix:
                    found.append(
                        ObjectRoute(
                            operation_id=operation["operationId"],
                            method=method.upper(),
                            path=path,
                            id_parameter=parameter["name"],
                            id_prefix=prefix.group(1),
                            admin_only=operation["operationId"] in admin_only,
                            takes_body="requestBody" in operation,
                        )
                    )
    return found


ROUTES = object_routes()


async def _note_of(owner: User) -> str:
    return str((await NoteFactory.create_async(owner_id=owner.id)).id)


async def _user_itself(owner: User) -> str:
    return str(owner.id)


async def _session_of(owner: User) -> str:
    """A session of the owner's other than the one the test signs in with."""
    return str((await UserSessionFactory.create_async(user_id=owner.id)).id)


# How to make an object of each id kind that belongs to (or, for a user, is) `owner`.
OBJECT_OF: dict[str, Callable[[User], Awaitable[str]]] = {
    "note": _note_of,
    "user": _user_itself,
    "session": _session_of,
}


async def _object_for(route: ObjectRoute, owner: User) -> str:
    make = OBJECT_OF.get(route.id_prefix)
    if make is None:
        pytest.fail(f"{route.operation_id} takes `{route.id_prefix}_…` ids: add them to OBJECT_OF")
    return await make(owner)


async def _call(client: ApiClient, route: ObjectRoute, object_id: str) -> Any:
    # Every field of these bodies is optional; a body that is not valid would be judged first.
    return await client.request(
        route.method, route.url(object_id), json={} if route.takes_body else None
    )


async def _signed_in(client_factory: ClientFactory, user: User) -> ApiClient:
    client = await client_factory()
    await client.sign_in(user.email, DEFAULT_PASSWORD)
    return client


def test_the_matrix_covers_every_route_with_an_object_id() -> None:
    assert {route.operation_id for route in ROUTES} >= {
        "getNote", "updateNote", "deleteNote", "startImpersonation", "endSession",
    }  # fmt: skip


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.operation_id)
async def test_without_a_session_the_answer_is_401(
    route: ObjectRoute, client: ApiClient, user: User
) -> None:
    object_id = await _object_for(route, user)
    assert_error(await _call(client, route, object_id), 401, "unauthenticated")


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if not r.admin_only], ids=lambda route: route.operation_id
)
async def test_another_user_gets_404_and_the_owner_gets_through(
    route: ObjectRoute, client_factory: ClientFactory, user: User
) -> None:
    object_id = await _object_for(route, user)
    other = await _signed_in(client_factory, await UserFactory.create_async())
    error = assert_error(await _call(other, route, object_id), 404, "not_found")
    missing = str(new_typeid(route.id_prefix))
    assert assert_error(await _call(other, route, missing), 404, "not_found") == {
        **error,
        "request_id": ANY,
    }
    owner = await _signed_in(client_factory, user)
    assert (await _call(owner, route, object_id)).is_success


@pytest.mark.parametrize(
    "route", [r for r in ROUTES if r.admin_only], ids=lambda route: route.operation_id
)
async def test_a_user_gets_403_and_an_admin_gets_through(
    route: ObjectRoute, client_factory: ClientFactory, user: User
) -> None:
    object_id = await _object_for(route, user)
    other = await _signed_in(client_factory, await UserFactory.create_async())
    assert_error(await _call(other, route, object_id), 403, "forbidden")
    admin = await _signed_in(client_factory, await AdminFactory.create_async())
    assert (await _call(admin, route, object_id)).is_success
