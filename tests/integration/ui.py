"""Steps that many browser tests share, done the way a person does them."""

import re

from playwright.sync_api import Page, expect

from app.ids import new_typeid

NOTES_URL = re.compile(r"/notes$")


def unique_email() -> str:
    return f"{new_typeid('user').suffix}@example.com"


def submit_sign_in(page: Page, email: str, password: str) -> None:
    """Fills in the sign-in form on the current page and submits it."""
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/sign-in")
    submit_sign_in(page, email, password)
    expect(page).to_have_url(NOTES_URL)


def fill_sign_up(page: Page, *, name: str, email: str, password: str) -> None:
    page.goto("/sign-up")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
