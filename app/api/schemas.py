"""Request and response bodies of the API, separate from the tables they are read from."""

import unicodedata
from datetime import datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from app.api.pagination import NextCursor
from app.models import NoteId, Role, UserId, UserSessionId
from app.security.password_policy import MAX_LENGTH, MIN_LENGTH, password_problem


def _single_line(value: str) -> str:
    # Names and titles end up in emails and logs: no CR, LF, NUL or other C0/C1 control character,
    # nor a Unicode line or paragraph separator, may hide a second line in them.
    if any(unicodedata.category(char) in {"Cc", "Zl", "Zp"} for char in value):
        raise ValueError("must be a single line without control characters")
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=100),
    AfterValidator(_single_line),
]
Title = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_single_line),
]
Body = Annotated[str, StringConstraints(max_length=20_000)]
NewPassword = Annotated[str, StringConstraints(min_length=MIN_LENGTH, max_length=MAX_LENGTH)]
Token = Annotated[str, StringConstraints(min_length=1, max_length=1000)]
# Sign-in accepts whatever was typed (up to a sane bound) so a wrong password is a 401, not a 422.
AnyPassword = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class Strict(BaseModel):
    """A request body: unknown fields are errors, and so is text PostgreSQL cannot store."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*")
    @classmethod
    def _no_nul_characters(cls, value: object) -> object:
        # JSON allows "\u0000" in strings, PostgreSQL's text types do not.
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: UserId
    email: str
    name: str
    role: Role
    email_verified: bool
    created_at: datetime
    updated_at: datetime


class Session(BaseModel):
    user: UserRead
    impersonator: UserRead | None = None


class ActiveSession(BaseModel):
    """A browser signed in to the account."""

    model_config = ConfigDict(from_attributes=True)

    id: UserSessionId
    created_at: datetime
    last_seen_at: datetime
    ip_address: str
    user_agent: str
    current: bool = Field(default=False, description="Whether this is the session asking")


class SignUp(Strict):
    email: EmailStr
    name: Name
    password: NewPassword

    @field_validator("password")
    @classmethod
    def _hard_to_guess(cls, password: str, info: ValidationInfo) -> str:
        problem = password_problem(
            password, email=info.data.get("email", ""), name=info.data.get("name", "")
        )
        if problem:
            raise ValueError(problem)
        return password


class Accepted(BaseModel):
    """The request was taken; what happens next arrives by email."""

    message: str


class VerifyEmail(Strict):
    token: Token


class PasswordResetRequest(Strict):
    email: EmailStr


class PasswordReset(Strict):
    token: Token
    password: NewPassword


class SignIn(Strict):
    email: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=320)]
    password: AnyPassword


class ProfileUpdate(Strict):
    name: Name


class PasswordChange(Strict):
    current_password: AnyPassword
    new_password: NewPassword


class NoteRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: NoteId
    title: str
    body: str
    created_at: datetime
    updated_at: datetime


class NotePage(BaseModel):
    """A page of notes, newest first."""

    items: list[NoteRead]
    next_cursor: NextCursor


class NoteCreate(Strict):
    title: Title
    body: Body = ""


class NoteUpdate(Strict):
    title: Title | None = None
    body: Body | None = None


class HealthChecks(BaseModel):
    database: str = Field(description="ok, or why it failed")
    redis: str = Field(description="ok, or why it failed")


class Health(BaseModel):
    status: str = Field(description="ok when every check passed, else error")
    checks: HealthChecks
