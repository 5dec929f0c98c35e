"""Signing up, in and out in the browser, and what the session cookie looks like there."""

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from app.models import Note, User
from tests.factories import DEFAULT_PASSWORD
from tests.integration.ui import NOTES_URL, fill_sign_up, sign_in, submit_sign_in


@pytest.mark.expected_http_errors(422)
def test_invalid_sign_up_says_what_is_wrong_once_per_field(page: Page) -> None:
    fill_sign_up(page, name=" ", email="not-an-email", password="short")
    with page.expect_response("**/api/auth/sign-up") as answer:
        page.get_by_role("button", name="Create account").click()

    assert answer.value.status == 422
    expect(page.get_by_role("alert")).to_contain_text("Please correct the highlighted fields.")
    for label, message in [
        ("Name", "Must not be empty"),
        ("Email", "An email address must have an @-sign."),
        # In place of the hint, not under it.
        ("Password", "Must be at least 12 characters"),
    ]:
        control = page.get_by_label(label)
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_accessible_description(message)
        expect(page.get_by_text(message, exact=True)).to_have_count(1)
    expect(
        page.get_by_text("At least 12 characters, and not a commonly used password.")
    ).to_have_count(0)
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


def test_back_after_signing_out_leaves_the_private_pages_behind(page: Page, user: User) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Your notes, kept simple.")).to_be_visible()

    # Each private page on the way back asks for a sign-in once, in place: Back moves on past
    # it instead of landing on the same sign-in page again and again.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/sign-in\?next=%2Fsettings$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/sign-in\?next=%2Fnotes$"))
    page.go_back()
    expect(page).to_have_url(re.compile(r"/sign-in$"))


def test_signing_out_in_one_tab_signs_out_every_tab(
    page: Page, context: BrowserContext, user: User, note: Note
) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    other_tab = context.new_page()
    other_tab.goto("/notes")
    expect(other_tab.get_by_role("link", name=note.title)).to_be_visible()

    page.get_by_role("button", name="Sign out").click()

    # Without a click there: the other tab leaves the private page by itself.
    expect(other_tab).to_have_url(re.compile(r"/sign-in\?next=%2Fnotes$"))
    expect(other_tab.get_by_text(note.title)).to_have_count(0)
    expect(other_tab.get_by_role("button", name="Sign out")).to_have_count(0)


@pytest.mark.expected_http_errors(401)
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
