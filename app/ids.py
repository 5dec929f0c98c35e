"""TypeID primary keys: `user_01h…` strings in Python and the API, native `uuid` in PostgreSQL.

Storing the UUID keeps indexes compact and lets SQL join on plain uuids; the prefix is a property of
the column, so a `note_…` id can never be bound where a `user_…` id belongs.
"""

import uuid
from typing import Any

import sqlalchemy as sa
from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema
from typeid import TypeID
from uuid_utils import UUID as _UUIDUtils

# A TypeID suffix is 26 Crockford base32 characters whose first one is 0-7 (128 bits).
SUFFIX_PATTERN = "[0-7][0-9a-hjkmnp-tv-z]{25}"


class InvalidTypeIDError(ValueError):
    pass


def parse_typeid(value: Any, prefix: str) -> TypeID:
    if isinstance(value, TypeID):
        parsed = value
    elif isinstance(value, str):
        try:
            parsed = TypeID.from_string(value)
        except Exception as error:  # the library raises several unrelated exception types
            raise InvalidTypeIDError(f"must be a {prefix}_… id") from error
    else:
        raise InvalidTypeIDError(f"must be a {prefix}_… id")
    if parsed.prefix != prefix:
        raise InvalidTypeIDError(f"must be a {prefix}_… id, not {parsed.prefix or 'unprefixed'}")
    return parsed


def new_typeid(prefix: str) -> TypeID:
    return TypeID(prefix=prefix)


def typeid_to_uuid(value: TypeID) -> uuid.UUID:
    return uuid.UUID(bytes=value.uuid_bytes)


def uuid_to_typeid(value: uuid.UUID, prefix: str) -> TypeID:
    return TypeID.from_uuid(_UUIDUtils(bytes=value.bytes), prefix=prefix)


class TypeIDPrefix:
    """Pydantic metadata: `Annotated[TypeID, TypeIDPrefix("user")]` accepts and emits `user_…`."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            lambda value: parse_typeid(value, self.prefix),
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="json"),
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "type": "string",
            "pattern": f"^{self.prefix}_{SUFFIX_PATTERN}$",
            "examples": [f"{self.prefix}_01h455vb4pex5vsknk084sn02q"],
        }


class TypeIDColumn(sa.types.TypeDecorator[TypeID]):
    """Binds TypeIDs (or their strings) as uuid and loads uuids back as TypeIDs of one prefix."""

    impl = sa.Uuid(as_uuid=True)
    cache_ok = True

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> uuid.UUID | None:
        if value is None:
            return None
        return typeid_to_uuid(parse_typeid(value, self.prefix))

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> TypeID | None:
        if value is None:
            return None
        return uuid_to_typeid(value, self.prefix)

    @property
    def python_type(self) -> type[TypeID]:
        return TypeID
