"""Signing up, in and out in the browser, and what the session cookie looks like there."""

import re

from playwright.sync_api import BrowserContext, Page, expect

from app.models import User
from tests.factories import DEFAULT_PASSWORD
from tests.integration.ui import NOTES_URL, fill_sign_up, sign_in, submit_sign_in


def test_invalid_sign_up_shows_the_api_validation_messages(page: Page) -> None:
    fill_sign_up(page, name=" ", email="not-an-email", password="short")
    with page.expect_response("**/api/auth/sign-up") as answer:
        page.get_by_role("button", name="Create account").click()

    response = answer.value
    assert response.status == 422
    messages = {error["field"]: error["message"] for error in response.json()["error"]["fields"]}
    assert messages.keys() == {"name", "email", "password"}
    expect(page.get_by_role("alert")).to_contain_text("Please correct the highlighted fields.")
    for field, label in [("name", "Name"), ("email", "Email"), ("password", "Password")]:
        control = page.get_by_label(label)
        expect(control).to_have_attribute("aria-invalid", "true")
        message = re.compile(re.escape(messages[field]), re.IGNORECASE)  # the form capitalizes it
        expect(control).to_have_accessible_description(message)
    expect(page).to_have_url(re.compile(r"/sign-up$"))


def test_signing_out_and_in_again(page: Page, user: User) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Your notes, kept simple.")).to_be_visible()

    # Signed out for real: the notes now ask for a sign-in, and lead back after it.
    page.goto("/notes")
    expect(page).to_have_url(re.compile(r"/sign-in\?next=%2Fnotes$"))
    submit_sign_in(page, user.email, DEFAULT_PASSWORD)
    expect(page).to_have_url(NOTES_URL)
    expect(page.get_by_role("banner")).to_contain_text(user.name)


def test_wrong_password_is_refused(page: Page, user: User) -> None:
    page.goto("/sign-in")
    submit_sign_in(page, user.email, "not the password")

    expect(page.get_by_role("alert")).to_contain_text("Email or password is incorrect")
    expect(page).to_have_url(re.compile(r"/sign-in$"))


def test_session_cookie_is_secure_http_only_and_same_site(
    page: Page, context: BrowserContext, user: User
) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)

    assert page.url.startswith("https://")
    cookies = {cookie.get("name"): cookie for cookie in context.cookies()}
    session = cookies["__Host-session"]
    assert session.get("secure") is True
    assert session.get("httpOnly") is True
    assert session.get("sameSite") == "Lax"
    # The CSRF cookie is Secure too, but must stay readable: the SPA echoes it in a header.
    assert cookies["__Host-csrftoken"].get("secure") is True
    assert cookies["__Host-csrftoken"].get("httpOnly") is False
    script_visible = page.evaluate("document.cookie")
    assert "__Host-csrftoken=" in script_visible
    assert "session=" not in script_visible
