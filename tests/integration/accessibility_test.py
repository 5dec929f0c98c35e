"""axe-core over every page of the app, in each state people see it in (see accessibility.py).

Each test walks several pages and reports all problems at once, so one run shows the whole list.
"""

import pytest
from playwright.sync_api import Page, expect

from app.models import Note, User
from tests.factories import DEFAULT_PASSWORD
from tests.integration.accessibility import audit, focus_problems
from tests.integration.ui import fill_sign_up, sign_in


def _report(problems: list[str]) -> str:
    return "accessibility problems:\n  " + "\n  ".join(problems)


@pytest.mark.expected_http_errors(422)
def test_the_public_pages_are_accessible(page: Page) -> None:
    problems: list[str] = []
    page.goto("/")
    expect(page.get_by_role("heading", name="Your notes, kept simple.")).to_be_visible()
    problems += audit(page, "landing")

    page.goto("/sign-in")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    problems += audit(page, "sign in")

    fill_sign_up(page, name=" ", email="not-an-email", password="short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_be_visible()
    problems += audit(page, "sign up with errors")

    page.goto("/no/such/page")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    problems += audit(page, "not found")
    assert not problems, _report(problems)


@pytest.mark.expected_http_errors(422)
def test_the_pages_of_a_signed_in_user_are_accessible(page: Page, user: User, note: Note) -> None:
    problems: list[str] = []
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("alert")).to_be_visible()
    problems += audit(page, "notes with a validation error")

    page.get_by_role("link", name=note.title).click()
    expect(page.get_by_role("heading", name=note.title, level=1)).to_be_visible()
    problems += audit(page, "note")

    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    problems += audit(page, "delete dialog")
    page.keyboard.press("Escape")

    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit note")).to_be_visible()
    problems += audit(page, "editing a note")

    page.goto("/settings")
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    problems += audit(page, "settings")
    assert not problems, _report(problems)


def test_the_admin_pages_are_accessible(page: Page, admin: User, user: User) -> None:
    problems: list[str] = []
    sign_in(page, admin.email, DEFAULT_PASSWORD)
    page.goto("/admin/users")
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    problems += audit(page, "admin users")

    page.get_by_role("button", name=f"Log in as {user.name}").click()
    expect(page.get_by_role("region", name="Impersonation")).to_be_visible()
    problems += audit(page, "impersonating, notes")
    assert not problems, _report(problems)


def test_focus_is_clearly_visible(page: Page, user: User, note: Note) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="Your notes, kept simple.")).to_be_visible()
    problems = focus_problems(page, "landing", stops=5)
    sign_in(page, user.email, DEFAULT_PASSWORD)
    problems += focus_problems(page, "notes", stops=9)
    assert not problems, _report(problems)
