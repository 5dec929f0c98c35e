import pytest
from sqlalchemy import delete, event
from sqlalchemy.orm import Session
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.models import EmailDelivery, Note, User
from tests.api_client import ApiClient
from tests.assertions import assert_error, assert_field_errors, assert_status
from tests.factories import NoteFactory, UserFactory


async def test_create_note_saves_it_and_its_email_in_one_go(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    body = assert_status(
        await signed_in.post("/api/notes", json={"title": "  Plan  ", "body": "Steps"}), 201
    )
    assert body["title"] == "Plan"
    assert body["id"].startswith("note_")
    note = (await db.exec(select(Note).where(Note.title == "Plan"))).one()
    assert str(note.id) == body["id"]
    assert note.owner_id == user.id
    delivery = (await db.exec(select(EmailDelivery))).one()
    assert delivery.recipient == user.email
    assert delivery.template == "note_created"
    assert delivery.sent_at is None


async def test_create_note_validates_each_field(signed_in: ApiClient) -> None:
    response = await signed_in.post("/api/notes", json={"title": "", "body": "x" * 20_001})
    assert_field_errors(response, "title", "body")


async def test_length_limits_are_stated_as_the_limit(signed_in: ApiClient) -> None:
    response = await signed_in.post("/api/notes", json={"title": "x" * 201, "body": "y" * 20_001})
    error = assert_error(response, 422, "validation_error")
    assert {f["field"]: f["message"] for f in error["fields"]} == {
        "title": "Must be at most 200 characters",
        "body": "Must be at most 20,000 characters",
    }


async def test_list_shows_only_my_notes_newest_first(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    first = await NoteFactory.create_async(owner_id=user.id, title="first")
    second = await NoteFactory.create_async(owner_id=user.id, title="second")
    await NoteFactory.create_async(
        owner_id=(await UserFactory.create_async()).id, title="someone else's"
    )
    await db.commit()
    body = assert_status(await signed_in.get("/api/notes"), 200)
    assert {n["id"] for n in body["items"]} == {str(first.id), str(second.id)}


async def test_get_update_and_delete_my_note(signed_in: ApiClient, user: User) -> None:
    note = await NoteFactory.create_async(owner_id=user.id, title="Draft", body="one")
    path = f"/api/notes/{note.id}"
    assert assert_status(await signed_in.get(path), 200)["title"] == "Draft"
    updated = assert_status(await signed_in.patch(path, json={"body": "two"}), 200)
    assert (updated["title"], updated["body"]) == ("Draft", "two")
    assert_status(await signed_in.delete(path), 204)
    assert_error(await signed_in.get(path), 404, "not_found")


async def test_update_rejects_a_blank_title(signed_in: ApiClient, user: User) -> None:
    note = await NoteFactory.create_async(owner_id=user.id)
    assert_field_errors(
        await signed_in.patch(f"/api/notes/{note.id}", json={"title": "   "}), "title"
    )


@pytest.mark.parametrize(
    ("method", "json"), [("GET", None), ("PATCH", {"title": "mine now"}), ("DELETE", None)]
)
async def test_another_users_note_is_not_found(
    signed_in: ApiClient, method: str, json: dict | None
) -> None:
    other_note = await NoteFactory.create_async(owner_id=(await UserFactory.create_async()).id)
    response = await signed_in.request(method, f"/api/notes/{other_note.id}", json=json)
    assert_error(response, 404, "not_found")


@pytest.mark.parametrize(
    "bad_id", ["nonsense", "user_01h455vb4pex5vsknk084sn02q", "note_zzzzzzzzzzzzzzzzzzzzzzzzzz"]
)
async def test_malformed_note_ids_are_rejected(signed_in: ApiClient, bad_id: str) -> None:
    assert_field_errors(await signed_in.get(f"/api/notes/{bad_id}"), "note_id")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/notes"),
        ("POST", "/api/notes"),
        ("GET", "/api/notes/note_01h455vb4pex5vsknk084sn02q"),
    ],
)
async def test_notes_need_a_session(client: ApiClient, method: str, path: str) -> None:
    response = await client.request(method, path, json={"title": "x"} if method == "POST" else None)
    assert_error(response, 401, "unauthenticated")


@pytest.mark.parametrize(
    "title", ["Hi\r\nBcc: x@example.com", "Hi\nthere", "Hi\x00", "H\x85i", "A\u2028B"]
)
async def test_titles_are_one_line_without_control_characters(
    signed_in: ApiClient, title: str
) -> None:
    assert_field_errors(await signed_in.post("/api/notes", json={"title": title}), "title")


async def test_an_update_racing_a_delete_is_not_found(signed_in: ApiClient, user: User) -> None:
    note = await NoteFactory.create_async(owner_id=user.id)

    def delete_it_first(session: Session, *_: object) -> None:
        # Another request's DELETE commits between this PATCH loading the note and saving it.
        session.connection().execute(delete(Note).where(col(Note.id) == note.id))

    event.listen(Session, "before_flush", delete_it_first)
    try:
        response = await signed_in.patch(f"/api/notes/{note.id}", json={"title": "Too late"})
    finally:
        event.remove(Session, "before_flush", delete_it_first)
    assert_error(response, 404, "not_found")
