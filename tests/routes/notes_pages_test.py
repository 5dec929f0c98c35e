"""The notes list a page at a time: newest first, resumable by cursor whatever changed meanwhile."""

import base64
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text
from sqlmodel.ext.asyncio.session import AsyncSession

from app.api.pagination import DEFAULT_LIMIT, MAX_LIMIT
from app.ids import typeid_to_uuid
from app.models import Note, User
from tests.api_client import ApiClient
from tests.assertions import assert_error, assert_field_errors, assert_status
from tests.factories import NoteFactory, UserFactory

START = datetime(2026, 1, 1, tzinfo=UTC)


async def _notes(user: User, count: int, *, same_instant: bool = False) -> list[Note]:
    """`count` notes of `user`, newest first as the list gives them."""
    notes = [
        await NoteFactory.create_async(
            owner_id=user.id,
            title=f"Note {n}",
            created_at=START if same_instant else START + timedelta(minutes=n),
        )
        for n in range(count)
    ]
    return sorted(notes, key=lambda note: (note.created_at, str(note.id)), reverse=True)


async def _all_pages(client: ApiClient, query: str = "") -> list[list[str]]:
    pages, cursor = [], None
    while True:
        params = f"?cursor={cursor}&{query}" if cursor else f"?{query}"
        body = assert_status(await client.get(f"/api/notes{params}"), 200)
        pages.append([note["id"] for note in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages


async def test_the_first_page_holds_the_newest_notes(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    notes = await _notes(user, DEFAULT_LIMIT + 1)
    await db.commit()
    body = assert_status(await signed_in.get("/api/notes"), 200)
    assert [n["id"] for n in body["items"]] == [str(n.id) for n in notes[:DEFAULT_LIMIT]]
    assert body["next_cursor"]


async def test_pages_walk_every_note_once_in_order(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    notes = await _notes(user, 7)
    await db.commit()
    pages = await _all_pages(signed_in, "limit=3")
    assert [len(page) for page in pages] == [3, 3, 1]
    assert [note_id for page in pages for note_id in page] == [str(n.id) for n in notes]


async def test_notes_created_at_the_same_instant_are_neither_lost_nor_repeated(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    notes = await _notes(user, 5, same_instant=True)
    await db.commit()
    pages = await _all_pages(signed_in, "limit=2")
    assert [note_id for page in pages for note_id in page] == [str(n.id) for n in notes]


async def test_the_next_page_is_stable_under_inserts_and_deletes(
    signed_in: ApiClient, user: User, db: AsyncSession
) -> None:
    notes = await _notes(user, 6)
    await db.commit()
    first = assert_status(await signed_in.get("/api/notes?limit=2"), 200)
    # Meanwhile: a new note arrives, and one already seen and one not yet seen are deleted.
    assert_status(await signed_in.post("/api/notes", json={"title": "Newer"}), 201)
    for gone in (notes[0], notes[3]):
        assert_status(await signed_in.delete(f"/api/notes/{gone.id}"), 204)
    cursor = first["next_cursor"]
    second = assert_status(await signed_in.get(f"/api/notes?limit=2&cursor={cursor}"), 200)
    assert [n["id"] for n in second["items"]] == [str(notes[2].id), str(notes[4].id)]


async def test_the_last_page_has_no_cursor(signed_in: ApiClient, user: User) -> None:
    assert assert_status(await signed_in.get("/api/notes"), 200) == {
        "items": [],
        "next_cursor": None,
    }
    await _notes(user, 2)
    body = assert_status(await signed_in.get("/api/notes?limit=2"), 200)
    assert (len(body["items"]), body["next_cursor"]) == (2, None)


async def test_pages_hold_only_my_notes(signed_in: ApiClient, user: User) -> None:
    mine = await _notes(user, 2)
    await _notes(await UserFactory.create_async(), 3)
    pages = await _all_pages(signed_in, "limit=1")
    assert [note_id for page in pages for note_id in page] == [str(n.id) for n in mine]


@pytest.mark.parametrize("limit", ["0", "-1", str(MAX_LIMIT + 1), "ten"])
async def test_limits_outside_one_to_the_maximum_are_rejected(
    signed_in: ApiClient, limit: str
) -> None:
    assert_field_errors(await signed_in.get(f"/api/notes?limit={limit}"), "limit")


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


NOTE_ID = "note_01h455vb4pex5vsknk084sn02q"


@pytest.mark.parametrize(
    "cursor",
    [
        "nonsense!",
        _cursor("nonsense"),
        _cursor(f'["2026-01-01T00:00:00+00:00","{NOTE_ID}"')[:-4],
        _cursor(f'["2026-01-01T00:00:00","{NOTE_ID}"]'),
        _cursor('["2026-01-01T00:00:00+00:00","user_01h455vb4pex5vsknk084sn02q"]'),
        _cursor(f'["yesterday","{NOTE_ID}"]'),
        _cursor(f'["2026-01-01T00:00:00+00:00","{NOTE_ID}",3]'),
        _cursor("[1,2]"),
        _cursor("{}"),
    ],
)
async def test_cursors_the_api_did_not_give_out_are_rejected(
    signed_in: ApiClient, cursor: str
) -> None:
    assert_error(await signed_in.get(f"/api/notes?cursor={cursor}"), 400, "invalid_cursor")


async def test_an_overlong_cursor_is_rejected(signed_in: ApiClient) -> None:
    assert_field_errors(await signed_in.get(f"/api/notes?cursor={'A' * 1000}"), "cursor")


@pytest.mark.parametrize("later_page", [False, True])
async def test_a_page_is_read_from_the_index_not_sorted(
    signed_in: ApiClient, user: User, db: AsyncSession, later_page: bool
) -> None:
    # Enough rows, with fresh statistics, that PostgreSQL plans as for a real user.
    others = [await UserFactory.create_async() for _ in range(3)]
    owners = [str(typeid_to_uuid(owner.id)) for owner in (user, *others)]
    connection = await db.connection()
    await connection.execute(
        text(
            "INSERT INTO note (id, owner_id, title, body, created_at, updated_at) "
            "SELECT gen_random_uuid(), owner, 'n', '', now() - n * interval '1 second', now() "
            "FROM generate_series(1, 5000) AS n, unnest(CAST(:owners AS uuid[])) AS owner"
        ),
        {"owners": owners},
    )
    await connection.execute(text("ANALYZE note"))
    query = ""
    if later_page:
        first = assert_status(await signed_in.get("/api/notes"), 200)
        query = f"?cursor={first['next_cursor']}"

    statements: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM note" in statement:
            statements.append((statement, parameters))

    event.listen(connection.sync_connection, "before_cursor_execute", capture)
    try:
        assert_status(await signed_in.get(f"/api/notes{query}"), 200)
    finally:
        event.remove(connection.sync_connection, "before_cursor_execute", capture)
    ((statement, parameters),) = statements
    plan = "\n".join(
        row[0] for row in await connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
    )
    assert "Index Scan using ix_note_owner_id_created_at_id" in plan, plan
    assert "Sort" not in plan, plan
