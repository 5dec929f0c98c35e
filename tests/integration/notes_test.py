"""Working with notes in the browser, down to the email the worker sends."""

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from app.api.pagination import DEFAULT_LIMIT
from app.models import Note, User
from tests.factories import DEFAULT_PASSWORD, NoteFactory
from tests.integration.accessibility import audit
from tests.integration.mail import wait_for_email
from tests.integration.ui import NOTES_URL, sign_in, submit_sign_in
from tests.mailpit import MailpitClient


def test_a_new_note_is_listed_and_emailed(
    page: Page, user: User, mailpit: MailpitClient, base_url: str
) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.get_by_label("Title").fill("Launch plan")
    page.get_by_label("Body").fill("Ship on Friday.")
    page.get_by_role("button", name="Add note").click()

    listed = page.get_by_role("region", name="All notes").get_by_role("link", name="Launch plan")
    expect(listed).to_contain_text("Ship on Friday.")
    expect(page.get_by_text("1 note", exact=True)).to_be_visible()
    expect(page.get_by_label("Title")).to_be_empty()
    note_path = listed.get_attribute("href")
    assert note_path is not None
    assert re.fullmatch(r"/notes/note_[0-9a-z]{26}", note_path)

    email = wait_for_email(mailpit, to=user.email, subject="Note created: Launch plan")
    note_url = f"{base_url}{note_path}"
    assert note_url in email["Text"]
    # The email's link opens the note.
    page.goto(note_url)
    expect(page.get_by_role("heading", name="Launch plan", level=1)).to_be_visible()


def test_editing_and_deleting_a_note(page: Page, user: User, note: Note) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name=note.title).click()
    page.get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", name="Edit note")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(note.title)
    page.get_by_label("Title").fill("Groceries for Sunday")
    page.get_by_label("Body").fill("Bread and cheese.")
    page.get_by_role("button", name="Save changes").click()

    expect(page).to_have_url(re.compile(rf"/notes/{note.id}$"))
    expect(page.get_by_role("heading", name="Groceries for Sunday", level=1)).to_be_visible()
    expect(page.get_by_text("Bread and cheese.")).to_be_visible()

    page.get_by_role("button", name="Delete", exact=True).click()
    confirmation = page.get_by_role("alertdialog", name="Delete this note?")
    expect(confirmation).to_contain_text("“Groceries for Sunday” will be deleted for good.")
    confirmation.get_by_role("button", name="Delete note").click()

    expect(page).to_have_url(NOTES_URL)
    expect(page.get_by_role("heading", name="No notes yet")).to_be_visible()


@pytest.mark.expected_http_errors(404)
def test_another_users_note_cannot_be_opened_by_its_url(
    page: Page, note: Note, other_user: User
) -> None:
    sign_in(page, other_user.email, DEFAULT_PASSWORD)
    with page.expect_response(f"**/api/notes/{note.id}") as answer:
        page.goto(f"/notes/{note.id}")

    assert answer.value.status == 404
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    expect(page.get_by_text(note.title)).to_have_count(0)
    expect(page.get_by_text(note.body)).to_have_count(0)


def test_a_deep_link_loads_directly(page: Page, user: User, note: Note) -> None:
    # Also proves the production build runs under the API's Content Security Policy: a blocked
    # script or style is a console error, which fails the test (see `no_console_errors`).
    response = page.goto(f"/notes/{note.id}")
    assert response is not None
    assert response.status == 200  # index.html: the browser app owns every path outside /api

    # Signed out, it asks for a sign-in first and then goes where the link pointed.
    expect(page).to_have_url(re.compile(rf"/sign-in\?next=%2Fnotes%2F{note.id}$"))
    submit_sign_in(page, user.email, DEFAULT_PASSWORD)
    expect(page).to_have_url(re.compile(rf"/notes/{note.id}$"))
    expect(page.get_by_role("heading", name=note.title, level=1)).to_be_visible()

    page.reload()
    expect(page.get_by_role("heading", name=note.title, level=1)).to_be_visible()
    expect(page.get_by_text(note.body)).to_be_visible()


def test_an_address_that_names_no_note_is_not_found(page: Page, user: User) -> None:
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.goto("/notes/garbage")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()


def test_the_list_is_in_creation_order_and_says_so(
    page: Page, user: User, persist: Callable[[Note], Note]
) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    first = persist(
        NoteFactory.build(
            owner_id=user.id, title="First written", created_at=yesterday, updated_at=yesterday
        )
    )
    second = persist(
        NoteFactory.build(
            owner_id=user.id,
            title="Second written",
            created_at=yesterday + timedelta(hours=1),
            updated_at=yesterday + timedelta(hours=1),
        )
    )
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name=first.title).click()
    page.get_by_role("link", name="Edit").click()
    page.get_by_label("Body").fill("Edited after the second note was written.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Edited after the second note")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Created .+ · Edited .+$"))).to_be_visible()

    page.get_by_role("link", name="All notes").click()
    cards = page.get_by_role("region", name="All notes").get_by_role("link")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text(second.title)
    expect(cards.nth(1)).to_contain_text(first.title)
    for card in (cards.nth(0), cards.nth(1)):
        expect(card).to_contain_text("Created ")
        expect(card).not_to_contain_text("Updated")


@pytest.mark.expected_http_errors(422)
def test_long_text_wraps_and_too_long_text_is_flagged(page: Page, user: User) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    unbroken = "x" * 200
    sign_in(page, user.email, DEFAULT_PASSWORD)
    page.get_by_label("Title").fill(unbroken)
    page.get_by_label("Body").fill("y" * 2000)
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("1 note", exact=True)).to_be_visible()
    assert _page_width(page) <= 390

    page.get_by_role("link", name=unbroken).click()
    expect(page.get_by_role("heading", name=unbroken, level=1)).to_be_visible()
    assert _page_width(page) <= 390
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("alertdialog")).to_be_visible()
    assert _page_width(page) <= 390
    page.keyboard.press("Escape")

    # A paste longer than the limit is kept whole and flagged, not silently cut.
    page.get_by_role("link", name="All notes").click()
    title = page.get_by_label("Title")
    title.fill("z" * 10_000)
    expect(title).to_have_value("z" * 10_000)
    expect(title).to_have_attribute("aria-invalid", "true")
    expect(title).to_have_accessible_description("Too long: 10,000 characters, the limit is 200.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the highlighted fields.")
    expect(page.get_by_text("1 note", exact=True)).to_be_visible()


def _page_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_older_notes_load_on_demand(
    page: Page, user: User, persist: Callable[[Note], Note]
) -> None:
    start = datetime.now(UTC) - timedelta(days=1)
    for n in range(DEFAULT_LIMIT + 5):
        at = start + timedelta(minutes=n)
        persist(
            NoteFactory.build(owner_id=user.id, title=f"Note {n}", created_at=at, updated_at=at)
        )
    sign_in(page, user.email, DEFAULT_PASSWORD)
    cards = page.get_by_role("region", name="All notes").get_by_role("link")
    expect(cards).to_have_count(DEFAULT_LIMIT)
    expect(cards.first).to_contain_text(f"Note {DEFAULT_LIMIT + 4}")
    expect(page.get_by_text(f"Newest {DEFAULT_LIMIT} shown")).to_be_visible()
    problems = audit(page, "notes with more to load")
    assert not problems, problems

    page.get_by_role("button", name="Load more notes").click()
    expect(cards).to_have_count(DEFAULT_LIMIT + 5)
    expect(cards.last).to_contain_text("Note 0")
    expect(page.get_by_role("button", name="Load more notes")).to_have_count(0)
    expect(page.get_by_text(f"{DEFAULT_LIMIT + 5} notes", exact=True)).to_be_visible()
