"""Sign-up with a verified address, password reset by email, the password policy, and the mail
the app is willing to send: nothing tells a stranger whether an address has an account."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import EmailDelivery, User
from app.security import tokens
from tests.api_client import ApiClient, ClientFactory
from tests.assertions import assert_error, assert_field_errors, assert_status
from tests.factories import DEFAULT_PASSWORD, UserFactory

NEW_PASSWORD = "violet lanterns hum quietly"
SIGN_UP = {"email": "new.person@example.com", "password": NEW_PASSWORD, "name": "New Person"}


async def _outbox(db: AsyncSession) -> list[EmailDelivery]:
    db.expunge_all()
    return list(
        (await db.exec(select(EmailDelivery).order_by(col(EmailDelivery.created_at)))).all()
    )


def _token(delivery: EmailDelivery) -> str:
    return parse_qs(urlsplit(delivery.context["link"]).query)["token"][0]


async def _user(db: AsyncSession, email: str) -> User:
    db.expunge_all()
    return (await db.exec(select(User).where(User.email == email))).one()


# Sign-up and verification.


async def test_sign_up_sends_a_verification_link_and_signs_nobody_in(
    client: ApiClient, db: AsyncSession
) -> None:
    body = assert_status(await client.post("/api/auth/sign-up", json=SIGN_UP), 202)
    assert body == {"message": "Check your inbox: we sent you an email to continue."}
    assert_error(await client.get("/api/me"), 401, "unauthenticated")

    (delivery,) = await _outbox(db)
    assert (delivery.template, delivery.recipient) == ("verify_email", SIGN_UP["email"])
    assert delivery.context["link"].startswith("https://testserver/verify-email?token=")
    assert not (await _user(db, SIGN_UP["email"])).email_verified


async def test_a_taken_address_gets_the_same_answer_and_its_owner_an_email(
    client: ApiClient, user: User, db: AsyncSession
) -> None:
    taken = {**SIGN_UP, "email": user.email.upper()}
    new = assert_status(await client.post("/api/auth/sign-up", json=SIGN_UP), 202)
    again = await client.post("/api/auth/sign-up", json=taken)
    assert_status(again, 202)
    assert again.json() == new

    deliveries = await _outbox(db)
    assert [(d.template, d.recipient) for d in deliveries] == [
        ("verify_email", SIGN_UP["email"]),
        ("account_exists", user.email),
    ]
    assert deliveries[1].context["link"].startswith("https://testserver/reset-password?token=")
    assert (await _user(db, user.email)).password_hash == user.password_hash


async def test_the_verification_link_works_once(client: ApiClient, db: AsyncSession) -> None:
    assert_status(await client.post("/api/auth/sign-up", json=SIGN_UP), 202)
    (delivery,) = await _outbox(db)
    token = _token(delivery)

    assert_status(await client.post("/api/auth/verify-email", json={"token": token}), 204)
    assert (await _user(db, SIGN_UP["email"])).email_verified
    response = await client.post("/api/auth/verify-email", json={"token": token})
    assert_error(response, 400, "invalid_token")


@pytest.mark.parametrize(
    "mangle", [lambda t: t[:-2] + "xx", lambda t: "garbage", lambda t: t[::-1]]
)
async def test_a_tampered_verification_link_is_refused(
    client: ApiClient, db: AsyncSession, mangle
) -> None:
    assert_status(await client.post("/api/auth/sign-up", json=SIGN_UP), 202)
    (delivery,) = await _outbox(db)
    response = await client.post("/api/auth/verify-email", json={"token": mangle(_token(delivery))})
    assert_error(response, 400, "invalid_token")


async def test_an_expired_verification_link_is_refused(
    client: ApiClient, db: AsyncSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_status(await client.post("/api/auth/sign-up", json=SIGN_UP), 202)
    (delivery,) = await _outbox(db)
    expired = {**tokens.VALID_FOR, tokens.Purpose.VERIFY_EMAIL: timedelta(seconds=-1)}
    monkeypatch.setattr(tokens, "VALID_FOR", expired)
    response = await client.post("/api/auth/verify-email", json={"token": _token(delivery)})
    assert_error(response, 400, "invalid_token")


async def test_a_reset_token_does_not_verify_an_address(
    client: ApiClient, user: User, db: AsyncSession
) -> None:
    assert_status(await client.post("/api/auth/password-reset", json={"email": user.email}), 202)
    (delivery,) = await _outbox(db)
    response = await client.post("/api/auth/verify-email", json={"token": _token(delivery)})
    assert_error(response, 400, "invalid_token")


async def test_an_unverified_address_gets_no_other_email(
    client_factory: ClientFactory, db: AsyncSession
) -> None:
    unverified = await UserFactory.create_async(email_verified_at=None)
    client = await client_factory()
    await client.sign_in(unverified.email, DEFAULT_PASSWORD)
    assert assert_status(await client.get("/api/me"), 200)["user"]["email_verified"] is False
    assert_status(await client.post("/api/notes", json={"title": "Hello"}), 201)
    assert await _outbox(db) == []

    assert_status(await client.post("/api/me/verification-email"), 202)
    assert [d.template for d in await _outbox(db)] == ["verify_email"]


async def test_a_verified_user_cannot_ask_for_another_link(signed_in: ApiClient) -> None:
    assert_error(await signed_in.post("/api/me/verification-email"), 409, "already_verified")


async def test_mail_to_one_recipient_is_throttled(signed_in: ApiClient, db: AsyncSession) -> None:
    for number in range(25):
        assert_status(await signed_in.post("/api/notes", json={"title": f"Note {number}"}), 201)
    assert len(await _outbox(db)) == 20


async def test_verification_links_to_one_address_are_throttled(
    client_factory: ClientFactory, db: AsyncSession
) -> None:
    unverified = await UserFactory.create_async(email_verified_at=None)
    client = await client_factory()
    await client.sign_in(unverified.email, DEFAULT_PASSWORD)
    for _ in range(5):
        assert_status(await client.post("/api/me/verification-email"), 202)
    assert_error(await client.post("/api/me/verification-email"), 429, "rate_limited")
    assert len(await _outbox(db)) == 5


async def test_sign_ups_are_throttled_per_client(client: ApiClient) -> None:
    for number in range(10):
        body = {**SIGN_UP, "email": f"person{number}@example.com"}
        assert_status(await client.post("/api/auth/sign-up", json=body), 202)
    body = {**SIGN_UP, "email": "one.more@example.com"}
    assert_error(await client.post("/api/auth/sign-up", json=body), 429, "rate_limited")


# Password reset.


async def test_a_reset_request_answers_the_same_for_any_address(
    client: ApiClient, user: User, db: AsyncSession
) -> None:
    known = await client.post("/api/auth/password-reset", json={"email": user.email})
    unknown = await client.post("/api/auth/password-reset", json={"email": "nobody@example.com"})
    assert_status(known, 202)
    assert_status(unknown, 202)
    assert known.json() == unknown.json()
    assert [(d.template, d.recipient) for d in await _outbox(db)] == [
        ("password_reset", user.email)
    ]


async def test_resetting_a_password_ends_every_other_session(
    client_factory: ClientFactory, user: User, db: AsyncSession
) -> None:
    laptop = await client_factory()
    await laptop.sign_in(user.email, DEFAULT_PASSWORD)
    browser = await client_factory()
    assert_status(await browser.post("/api/auth/password-reset", json={"email": user.email}), 202)
    (delivery,) = await _outbox(db)
    reset = {"token": _token(delivery), "password": NEW_PASSWORD}

    body = assert_status(await browser.post("/api/auth/password-reset/confirm", json=reset), 200)
    assert body["user"]["id"] == str(user.id)
    assert_status(await browser.get("/api/me"), 200)
    assert_error(await laptop.get("/api/me"), 401, "unauthenticated")
    fresh = await client_factory()
    assert_status(await fresh.sign_in(user.email, NEW_PASSWORD), 200)

    again = await browser.post("/api/auth/password-reset/confirm", json=reset)
    assert_error(again, 400, "invalid_token")


async def test_a_reset_confirms_an_unverified_address(client: ApiClient, db: AsyncSession) -> None:
    unverified = await UserFactory.create_async(email_verified_at=None)
    await client.post("/api/auth/password-reset", json={"email": unverified.email})
    (delivery,) = await _outbox(db)
    reset = {"token": _token(delivery), "password": NEW_PASSWORD}
    assert_status(await client.post("/api/auth/password-reset/confirm", json=reset), 200)
    assert (await _user(db, unverified.email)).email_verified


async def test_a_reset_applies_the_password_policy(
    client: ApiClient, user: User, db: AsyncSession
) -> None:
    await client.post("/api/auth/password-reset", json={"email": user.email})
    (delivery,) = await _outbox(db)
    reset = {"token": _token(delivery), "password": "password1234"}
    response = await client.post("/api/auth/password-reset/confirm", json=reset)
    assert_field_errors(response, "password")


async def test_reset_requests_are_throttled(
    client: ApiClient, user: User, db: AsyncSession
) -> None:
    for _ in range(10):
        assert_status(
            await client.post("/api/auth/password-reset", json={"email": user.email}), 202
        )
    # Only five links reached the address; the client is refused from the eleventh request on.
    assert len(await _outbox(db)) == 5
    response = await client.post("/api/auth/password-reset", json={"email": user.email})
    assert_error(response, 429, "rate_limited")


# The password policy.


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass", "Must be at least 12 characters"),
        ("password1234", "This is a commonly used password; choose one that is not"),
        ("qwertyuiop123", "This is a commonly used password; choose one that is not"),
        ("aaaaaaaaaaaaaaaa", "This password is too easy to guess; add a few more unrelated words"),
        ("new.person@example.com!", "Must not contain your email address"),
        ("my new.person secret", "Must not contain your email address"),
    ],
)
async def test_sign_up_refuses_weak_passwords(
    client: ApiClient, password: str, message: str
) -> None:
    response = await client.post("/api/auth/sign-up", json={**SIGN_UP, "password": password})
    assert_field_errors(response, "password")
    assert response.json()["error"]["fields"][0]["message"].lower() == message.lower()


async def test_a_password_change_applies_the_policy(signed_in: ApiClient, user: User) -> None:
    for weak in ("password1234", f"{user.email}xyz"):
        change = {"current_password": DEFAULT_PASSWORD, "new_password": weak}
        assert_field_errors(await signed_in.post("/api/me/password", json=change), "new_password")
