"""Notes, always scoped to their owner: another user's note looks exactly like a missing one."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from sqlalchemy import DateTime, Integer, bindparam, select, tuple_
from sqlmodel import col

from app.api.errors import ERROR_RESPONSES, not_found
from app.api.identity import CurrentGrant, CurrentUser, DbSession, ReadConnection, ReaderGrant
from app.api.pagination import (
    DEFAULT_LIMIT,
    Cursor,
    Limit,
    Position,
    decode_cursor,
    encode_cursor,
)
from app.api.responses import json_response
from app.api.schemas import NoteCreate, NotePage, NoteRead, NoteUpdate
from app.ids import TypeIDColumn
from app.jobs.queue import enqueue_deliveries
from app.mail.outbox import queue_note_created_email
from app.models import Note, NoteId

router = APIRouter(prefix="/notes", tags=["notes"], responses=ERROR_RESPONSES)


async def owned_note(
    note_id: Annotated[NoteId, Path()], grant: CurrentGrant, db: DbSession
) -> Note:
    note = await db.get(Note, note_id)
    if note is None or note.owner_id != grant.user_id:
        raise not_found("Note")
    return note


OwnedNote = Annotated[Note, Depends(owned_note)]


# Built once at import, since building a statement's expression tree on every request showed in
# its profile: only the parameters change between requests.
_NEWEST_FIRST = (
    select(
        col(Note.id), col(Note.title), col(Note.body), col(Note.created_at), col(Note.updated_at)
    )
    .where(col(Note.owner_id) == bindparam("owner_id"))
    .order_by(col(Note.created_at).desc(), col(Note.id).desc())
    # One row more than asked says whether another page follows, without counting.
    .limit(bindparam("rows", type_=Integer))
)
_AFTER_CURSOR = _NEWEST_FIRST.where(
    tuple_(col(Note.created_at), col(Note.id))
    < tuple_(
        bindparam("created_at", type_=DateTime(timezone=True)),
        bindparam("id", type_=TypeIDColumn("note")),
    )
)


@router.get("", operation_id="listNotes", response_model=NotePage)
async def list_notes(
    grant: ReaderGrant,
    connection: ReadConnection,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Response:
    """The user's notes, newest first, a page at a time."""
    params: dict[str, object] = {"owner_id": grant.user_id, "rows": limit + 1}
    statement = _NEWEST_FIRST
    if cursor is not None:
        after = decode_cursor(cursor, "note")
        params |= {"created_at": after.created_at, "id": after.id}
        statement = _AFTER_CURSOR
    notes = (await connection.execute(statement, params)).all()
    page, more = notes[:limit], len(notes) > limit
    next_cursor = encode_cursor(Position(page[-1].created_at, str(page[-1].id))) if more else None
    # One validation of the whole page, reading the rows' attributes, in pydantic's compiled core.
    body = NotePage.model_validate(
        {"items": page, "next_cursor": next_cursor}, from_attributes=True
    )
    return json_response(body)


@router.post("", operation_id="createNote", status_code=201)
async def create_note(body: NoteCreate, user: CurrentUser, db: DbSession) -> NoteRead:
    note = Note(owner_id=user.id, title=body.title, body=body.body)
    db.add(note)
    email = await queue_note_created_email(db, user, str(note.id), note.title)
    await db.commit()
    if email is not None:
        await enqueue_deliveries([email.id])
    return NoteRead.model_validate(note)


@router.get("/{note_id}", operation_id="getNote")
async def get_note(note: OwnedNote) -> NoteRead:
    return NoteRead.model_validate(note)


@router.patch("/{note_id}", operation_id="updateNote")
async def update_note(body: NoteUpdate, note: OwnedNote, db: DbSession) -> NoteRead:
    for field, value in body.model_dump(exclude_unset=True, exclude_none=True).items():
        setattr(note, field, value)
    db.add(note)
    await db.commit()
    await db.refresh(note)
    return NoteRead.model_validate(note)


@router.delete("/{note_id}", operation_id="deleteNote", status_code=204)
async def delete_note(note: OwnedNote, db: DbSession) -> Response:
    await db.delete(note)
    await db.commit()
    return Response(status_code=204)
