import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel.ext.asyncio.session import AsyncSession

from app.ids import (
    InvalidTypeIDError,
    TypeIDColumn,
    new_typeid,
    parse_typeid,
    typeid_to_uuid,
    uuid_to_typeid,
)
from app.models import User
from tests.factories import UserFactory


def test_typeid_and_uuid_convert_both_ways() -> None:
    typeid = new_typeid("note")
    assert uuid_to_typeid(typeid_to_uuid(typeid), "note") == typeid
    assert str(typeid).startswith("note_")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "note",
        "user_01h455vb4pex5vsknk084sn02q",
        "note_01h455vb4pex5vsknk084sn02",
        "note_81h455vb4pex5vsknk084sn02q",
        42,
    ],
)
def test_parse_rejects_wrong_prefix_and_malformed_values(value: object) -> None:
    with pytest.raises(InvalidTypeIDError):
        parse_typeid(value, "note")


def test_column_binds_uuid_and_loads_typeid() -> None:
    column = TypeIDColumn("user")
    typeid = new_typeid("user")
    stored = column.process_bind_param(str(typeid), dialect=None)  # pyright: ignore[reportArgumentType]
    assert isinstance(stored, uuid.UUID)
    assert column.process_result_value(stored, dialect=None) == typeid  # pyright: ignore[reportArgumentType]
    with pytest.raises(InvalidTypeIDError):
        column.process_bind_param(new_typeid("note"), dialect=None)  # pyright: ignore[reportArgumentType]


async def _sql(db: AsyncSession, statement: str, **params: object) -> tuple:
    connection = await db.connection()
    return tuple((await connection.execute(text(statement), params)).one())


async def test_model_round_trips_through_a_uuid_column(db: AsyncSession) -> None:
    user = await UserFactory.create_async()
    db.expunge_all()
    loaded = await db.get(User, user.id)
    assert loaded is not None
    assert loaded.id == user.id
    stored = await _sql(
        db, 'SELECT pg_typeof(id)::text, id FROM "user" WHERE email = :email', email=user.email
    )
    assert stored == ("uuid", typeid_to_uuid(user.id))


async def test_sql_helpers_match_the_python_encoding(db: AsyncSession) -> None:
    extremes = [
        uuid_to_typeid(uuid.UUID(int=0), "x"),
        uuid_to_typeid(uuid.UUID(int=2**128 - 1), "x"),
    ]
    for typeid in [*extremes, *(new_typeid("x") for _ in range(100))]:
        row = await _sql(
            db,
            "SELECT uuid_to_typeid('x', CAST(:uuid AS uuid)), typeid_to_uuid(:typeid)",
            uuid=str(typeid_to_uuid(typeid)),
            typeid=str(typeid),
        )
        assert row == (str(typeid), typeid_to_uuid(typeid))


async def test_sql_helper_rejects_malformed_typeids(db: AsyncSession) -> None:
    with pytest.raises(DBAPIError, match="invalid typeid"):
        await _sql(db, "SELECT typeid_to_uuid('user_nope')")
