"""Development data: an admin, a demo user and their notes. Running it again changes nothing."""

from collections.abc import Iterator

from sqlalchemy import func
from sqlmodel import Session, select

from app.db import sync_session
from app.models import Note, Role, User
from app.models.base import utcnow
from app.security.passwords import hash_password

ADMIN = ("admin@example.com", "Ada Admin", "admin-password", Role.ADMIN)
DEMO = ("demo@example.com", "Dana Demo", "demo-password", Role.USER)
DEMO_NOTES = [
    ("Welcome", "This note was created by `app seed`. Edit or delete it."),
    ("Groceries", "Oat milk, coffee beans, lemons."),
]


def _ensure_user(
    db: Session, email: str, name: str, password: str, role: Role
) -> tuple[User, bool]:
    existing = db.exec(select(User).where(func.lower(User.email) == email)).first()
    if existing is not None:
        return existing, False
    # Seeded addresses count as verified, so their notes' emails show up in Mailpit.
    user = User(
        email=email,
        name=name,
        password_hash=hash_password(password),
        role=role,
        email_verified_at=utcnow(),
    )
    db.add(user)
    db.flush()
    return user, True


def seed_development_data() -> Iterator[str]:
    with sync_session() as db:
        for email, name, password, role in (ADMIN, DEMO):
            user, created = _ensure_user(db, email, name, password, role)
            yield f"{'created' if created else 'exists '} {role.value:5} {email} / {password}"
            if created and role is Role.USER:
                db.add_all(
                    Note(owner_id=user.id, title=title, body=body) for title, body in DEMO_NOTES
                )
        db.commit()
