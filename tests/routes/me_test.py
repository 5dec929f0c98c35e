import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import User
from tests.api_client import ApiClient, ClientFactory
from tests.assertions import assert_error, assert_field_errors, assert_status
from tests.factories import DEFAULT_PASSWORD, UserFactory


async def test_update_profile_name(signed_in: ApiClient) -> None:
    body = assert_status(await signed_in.patch("/api/me", json={"name": "  Grace Hopper "}), 200)
    assert body["name"] == "Grace Hopper"
    assert assert_status(await signed_in.get("/api/me"), 200)["user"]["name"] == "Grace Hopper"


async def test_update_profile_rejects_blank_name(signed_in: ApiClient) -> None:
    assert_field_errors(await signed_in.patch("/api/me", json={"name": ""}), "name")


async def test_profile_needs_a_session(client: ApiClient) -> None:
    assert_error(await client.get("/api/me"), 401, "unauthenticated")
    assert_error(await client.patch("/api/me", json={"name": "x"}), 401, "unauthenticated")


async def test_change_password_keeps_this_session_and_ends_others(
    signed_in: ApiClient, client_factory: ClientFactory, user: User
) -> None:
    other_device = await client_factory()
    await other_device.sign_in(user.email, DEFAULT_PASSWORD)

    change = {"current_password": DEFAULT_PASSWORD, "new_password": "a brand new password"}
    assert_status(await signed_in.post("/api/me/password", json=change), 204)

    assert_status(await signed_in.get("/api/me"), 200)
    assert_error(await other_device.get("/api/me"), 401, "unauthenticated")
    fresh = await client_factory()
    assert_status(await fresh.sign_in(user.email, "a brand new password"), 200)


async def test_change_password_needs_the_current_one(signed_in: ApiClient) -> None:
    change = {"current_password": "not my password", "new_password": "a brand new password"}
    assert_error(await signed_in.post("/api/me/password", json=change), 400, "wrong_password")


async def test_change_password_validates_the_new_one(signed_in: ApiClient) -> None:
    change = {"current_password": DEFAULT_PASSWORD, "new_password": "short"}
    assert_field_errors(await signed_in.post("/api/me/password", json=change), "new_password")


async def test_a_deleted_user_is_signed_out(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    await db.delete(user)
    await db.commit()
    assert_error(await signed_in.get("/api/me"), 401, "unauthenticated")


async def test_users_are_isolated(client_factory: ClientFactory, db: AsyncSession) -> None:
    alice, bob = await UserFactory.create_batch_async(2)
    alice_client = await client_factory()
    await alice_client.sign_in(alice.email, DEFAULT_PASSWORD)
    bob_client = await client_factory()
    await bob_client.sign_in(bob.email, DEFAULT_PASSWORD)
    assert assert_status(await alice_client.get("/api/me"), 200)["user"]["id"] == str(alice.id)
    assert assert_status(await bob_client.get("/api/me"), 200)["user"]["id"] == str(bob.id)


@pytest.mark.parametrize("name", ["Eve\r\nBcc: x@example.com", "Eve\x1b[31m", "Eve\x9b"])
async def test_names_are_one_line_without_control_characters(
    signed_in: ApiClient, name: str
) -> None:
    assert_field_errors(await signed_in.patch("/api/me", json={"name": name}), "name")
