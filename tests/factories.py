"""polyfactory factories for the models; the conftest binds them to each test's session."""

import secrets
from datetime import timedelta

from polyfactory import Use
from polyfactory.factories.sqlalchemy_factory import SQLAlchemyFactory

from app.ids import new_typeid
from app.models import Note, Role, User, UserSession
from app.models.base import utcnow
from app.security.passwords import password_hasher
from app.settings import PasswordHashCost

DEFAULT_PASSWORD = "correct horse battery staple"
# Every factory user shares one hash, at the minimal cost the test settings hash with too
# (PASSWORD_HASH_COST): verifying a hash costs what its own parameters say.
_DEFAULT_PASSWORD_HASH = password_hasher(PasswordHashCost.MINIMAL).hash(DEFAULT_PASSWORD)


class UserFactory(SQLAlchemyFactory[User]):
    __set_relationships__ = False
    __check_model__ = False

    id = Use(new_typeid, "user")
    email = Use(lambda: f"{new_typeid('user').suffix}@example.com")
    name = Use(SQLAlchemyFactory.__faker__.name)
    password_hash = _DEFAULT_PASSWORD_HASH
    role = Role.USER
    email_verified_at = Use(utcnow)


class AdminFactory(UserFactory):
    role = Role.ADMIN


class NoteFactory(SQLAlchemyFactory[Note]):
    __set_relationships__ = False
    __check_model__ = False

    id = Use(new_typeid, "note")
    title = Use(SQLAlchemyFactory.__faker__.sentence, nb_words=4)
    body = Use(SQLAlchemyFactory.__faker__.paragraph)


class UserSessionFactory(SQLAlchemyFactory[UserSession]):
    """A signed-in browser of `user_id` (whose token nobody knows), valid for a day."""

    __set_relationships__ = False
    __check_model__ = False

    id = Use(new_typeid, "session")
    token_hash = Use(secrets.token_bytes, 32)
    impersonated_user_id = None
    created_at = Use(utcnow)
    last_seen_at = Use(utcnow)
    expires_at = Use(lambda: utcnow() + timedelta(days=1))
    ip_address = "192.0.2.1"
    user_agent = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
