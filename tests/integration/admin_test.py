"""An admin seeing the app as one of its users."""

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from app.models import Note, User
from tests.factories import DEFAULT_PASSWORD, UserFactory
from tests.integration.ui import NOTES_URL, sign_in


def test_admin_logs_in_as_a_user_and_stops(page: Page, admin: User, user: User, note: Note) -> None:
    sign_in(page, admin.email, DEFAULT_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
    page.get_by_role("button", name=f"Log in as {user.name}").click()

    expect(page).to_have_url(NOTES_URL)
    banner = page.get_by_role("region", name="Impersonation")
    expect(banner).to_contain_text(f"You are viewing the app as {user.name} ({user.email})")
    expect(banner).to_contain_text(f"Signed in as {admin.name}")
    expect(page.get_by_role("link", name=note.title)).to_be_visible()

    banner.get_by_role("button", name="Stop impersonating").click()
    expect(page).to_have_url(re.compile(r"/admin/users$"))
    expect(banner).to_be_hidden()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text(admin.name)


@pytest.mark.expected_http_errors(403)
def test_a_user_cannot_open_the_admin_pages(page: Page, user: User) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("Users")

    page.goto("/admin/users")
    expect(page.get_by_role("heading", name="Access denied")).to_be_visible()


def test_log_in_as_buttons_tell_namesakes_apart(
    page: Page, admin: User, user: User, persist: Callable[[User], User]
) -> None:
    namesake = persist(UserFactory.build(name=user.name))
    sign_in(page, admin.email, DEFAULT_PASSWORD)
    page.goto("/admin/users")
    for person in (user, namesake):
        button = page.get_by_role("button", name=f"Log in as {person.name} ({person.email})")
        expect(button).to_have_count(1)
