"""Retakes the README's screenshots in docs/screenshots/ against the production build.

Not part of the suite (its name does not end in _test.py); it runs only when named:

    pytest tests/integration/screenshots.py --no-cov

It reuses the browser tests' stack (HTTPS server, worker, services) and their checks, so a page
that logs a console error fails the run instead of being photographed.
"""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from app.models import Note, Role, User
from tests.factories import DEFAULT_PASSWORD, NoteFactory, UserFactory
from tests.integration.accessibility import DESKTOP, PHONE
from tests.integration.ui import sign_in

ALEX_NOTES = [
    ("Groceries", "Milk, eggs, bread.\nAnd coffee — the good one."),
    (
        "Ideas for the weekend",
        "Hike up the ridge if the weather holds; otherwise the museum and a long lunch. "
        "Call Sam about the bikes before Friday.",
    ),
    (
        "Reading list",
        "The Pragmatic Programmer\nDesigning Data-Intensive Applications\nA Philosophy of "
        "Software Design\nThe Mythical Man-Month",
    ),
]
DANA_NOTES = [
    ("Welcome", "This note was created by `app seed`. Edit or delete it."),
    ("Groceries", "Oat milk, coffee beans, lemons."),
]


@pytest.fixture
def folder(pytestconfig: pytest.Config) -> Path:
    return pytestconfig.rootpath / "docs" / "screenshots"


def _shoot(page: Page, folder: Path, name: str) -> None:
    # The pointer rests in a corner, so no hover style shows.
    page.mouse.move(0, 0)
    page.screenshot(path=folder / f"{name}.png")


def _visit(page: Page, folder: Path, path: str, heading: str, name: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    _shoot(page, folder, name)


def _notes(persist: Callable[[Note], Note], owner: User, notes: list[tuple[str, str]]) -> None:
    start = datetime.now(UTC) - timedelta(hours=len(notes))
    for hour, (title, body) in enumerate(notes):
        at = start + timedelta(hours=hour)
        persist(
            NoteFactory.build(
                owner_id=owner.id, title=title, body=body, created_at=at, updated_at=at
            )
        )


@pytest.mark.expected_http_errors(400, 404, 422)
def test_take_screenshots(
    page: Page, browser: Browser, base_url: str, persist: Callable, folder: Path
) -> None:
    admin = persist(UserFactory.build(name="Ada Admin", email="admin@example.com", role=Role.ADMIN))
    dana = persist(UserFactory.build(name="Dana Demo", email="demo@example.com"))
    alex = persist(UserFactory.build(name="Alex Example", email="alex@example.com"))
    _notes(persist, dana, DANA_NOTES)
    page.set_viewport_size(DESKTOP)

    _visit(page, folder, "/", "Your notes, kept simple.", "01-landing")
    _visit(page, folder, "/sign-up", "Create your account", "02-sign-up")
    page.get_by_label("Name").fill(" ")
    page.get_by_label("Email").fill("not-an-email")
    page.get_by_label("Password").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_be_visible()
    _shoot(page, folder, "03-sign-up-errors")
    _visit(page, folder, "/sign-in", "Sign in", "12-sign-in")

    sign_in(page, alex.email, DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", name="No notes yet")).to_be_visible()
    _shoot(page, folder, "04-notes-empty")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("alert")).to_be_visible()
    _shoot(page, folder, "05-notes-validation")
    _notes(persist, alex, ALEX_NOTES)
    page.goto("/notes")
    expect(page.get_by_text("3 notes")).to_be_visible()
    _shoot(page, folder, "06-notes-list")
    page.get_by_role("link", name="Ideas for the weekend").click()
    expect(page.get_by_role("heading", name="Ideas for the weekend", level=1)).to_be_visible()
    _shoot(page, folder, "07-note")
    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit note")).to_be_visible()
    _shoot(page, folder, "08-note-edit")
    page.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    _shoot(page, folder, "09-note-delete-dialog")
    page.keyboard.press("Escape")

    _visit(page, folder, "/settings", "Settings", "10-settings")
    page.get_by_label("Current password").fill("not my password")
    page.get_by_label("New password").fill("a brand new password")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert")).to_be_visible()
    _shoot(page, folder, "11-settings-error")

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, admin.email, DEFAULT_PASSWORD)
    _visit(page, folder, "/admin/users", "Users", "13-admin-users")
    page.get_by_role("button", name=f"Log in as {dana.name}").click()
    expect(page.get_by_role("region", name="Impersonation")).to_be_visible()
    _shoot(page, folder, "14-impersonating")
    page.get_by_role("button", name="Stop impersonating").click()
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    _visit(page, folder, "/no/such/page", "Page not found", "15-not-found")
    _visit(
        page,
        folder,
        "/notes/note_01h455vb4pex5vsknk084sn02q",
        "Not found",
        "16-error-with-request-id",
    )

    for name, options in [
        ("17-notes-mobile", {"viewport": PHONE}),
        ("18-notes-dark", {"viewport": DESKTOP, "color_scheme": "dark"}),
    ]:
        context = browser.new_context(base_url=base_url, **options)
        other = context.new_page()
        sign_in(other, alex.email, DEFAULT_PASSWORD)
        expect(other.get_by_text("3 notes")).to_be_visible()
        _shoot(other, folder, name)
        context.close()
