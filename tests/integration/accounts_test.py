"""Accounts by email in the browser: confirming an address, a forgotten password, and the
sessions in settings; every email read from Mailpit as the person would."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.models import User
from tests.factories import DEFAULT_PASSWORD
from tests.integration.mail import link_in, wait_for_email
from tests.integration.ui import NOTES_URL, fill_sign_up, sign_in, submit_sign_in, unique_email
from tests.mailpit import MailpitClient

NEW_PASSWORD = "violet lanterns hum quietly"
SIGN_IN_URL = re.compile(r"/sign-in(\?.*)?$")


@pytest.fixture
def other_browser(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    """A second browser (its own cookies), as on another device."""
    context = browser.new_context(**browser_context_args)
    yield context
    context.close()


def test_signing_up_confirms_the_address_by_email(page: Page, mailpit: MailpitClient) -> None:
    email = unique_email()
    fill_sign_up(page, name="Grace Hopper", email=email, password=NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    expect(page.get_by_text(email)).to_be_visible()

    message = wait_for_email(mailpit, to=email, subject="Confirm your email address")
    page.goto(link_in(message, "/verify-email?token="))
    page.get_by_role("button", name="Confirm my email address").click()
    expect(page.get_by_role("heading", name="Email address confirmed")).to_be_visible()

    page.get_by_role("link", name="Continue to sign in").click()
    submit_sign_in(page, email, NEW_PASSWORD)
    expect(page).to_have_url(NOTES_URL)
    expect(page.get_by_role("banner")).to_contain_text("Grace Hopper")
    expect(page.get_by_role("region", name="Email confirmation")).to_have_count(0)


def test_signing_up_with_a_taken_address_emails_its_owner(
    page: Page, user: User, mailpit: MailpitClient
) -> None:
    fill_sign_up(page, name="Copy Cat", email=user.email.upper(), password=NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()

    # The page says what it says for a new address; the owner learns the rest by email.
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    message = wait_for_email(mailpit, to=user.email, subject="You already have an account")
    assert "/reset-password?token=" in message["Text"]


def test_an_unconfirmed_address_can_ask_for_a_new_link(page: Page, mailpit: MailpitClient) -> None:
    email = unique_email()
    fill_sign_up(page, name="Ada Lovelace", email=email, password=NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    wait_for_email(mailpit, to=email, subject="Confirm your email address")
    mailpit.delete_all()

    sign_in(page, email, NEW_PASSWORD)
    banner = page.get_by_role("region", name="Email confirmation")
    expect(banner).to_contain_text(email)
    banner.get_by_role("button", name="Send a new link").click()
    expect(banner.get_by_role("status")).to_have_text(f"We sent a new link to {email}.")
    wait_for_email(mailpit, to=email, subject="Confirm your email address")


@pytest.mark.expected_http_errors(400)  # the link used a second time
def test_resetting_a_forgotten_password_signs_out_everywhere_else(
    page: Page, other_browser: BrowserContext, user: User, mailpit: MailpitClient
) -> None:
    laptop = other_browser.new_page()
    sign_in(laptop, user.email, DEFAULT_PASSWORD)

    page.goto("/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    # The sign-in form has an Email field too: fill the new page's, once it is there.
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Email").fill(user.email)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    message = wait_for_email(mailpit, to=user.email, subject="Reset your password")
    page.goto(link_in(message, "/reset-password?token="))
    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page).to_have_url(NOTES_URL)

    laptop.goto("/notes")
    expect(laptop).to_have_url(SIGN_IN_URL)
    # The link worked once.
    page.goto(link_in(message, "/reset-password?token="))
    page.get_by_label("New password").fill("another fine sentence here")
    page.get_by_role("button", name="Set password and sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("This link is invalid")


def test_signing_out_another_browser_from_settings(
    page: Page, other_browser: BrowserContext, user: User
) -> None:
    phone = other_browser.new_page()
    sign_in(phone, user.email, DEFAULT_PASSWORD)
    sign_in(page, user.email, DEFAULT_PASSWORD)

    page.get_by_role("link", name="Settings").click()
    sessions = page.get_by_role("list", name="Sessions")
    expect(sessions.get_by_role("listitem")).to_have_count(2)
    expect(sessions).to_contain_text("This browser")
    sessions.get_by_role("button", name=re.compile(r"^Sign out")).click()
    expect(sessions.get_by_role("listitem")).to_have_count(1)

    phone.goto("/notes")
    expect(phone).to_have_url(SIGN_IN_URL)
    page.goto("/notes")
    expect(page).to_have_url(NOTES_URL)


def test_a_cookie_copied_before_sign_out_no_longer_signs_in(
    page: Page, context: BrowserContext, other_browser: BrowserContext, user: User
) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    stolen = context.cookies()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Your notes, kept simple.")).to_be_visible()

    other_browser.add_cookies(stolen)  # pyright: ignore[reportArgumentType]
    replay = other_browser.new_page()
    replay.goto("/notes")
    expect(replay).to_have_url(SIGN_IN_URL)
