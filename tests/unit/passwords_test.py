import pytest
from argon2 import extract_parameters
from argon2.profiles import RFC_9106_LOW_MEMORY

from app.security.passwords import hash_password, password_hasher, verify_password
from app.settings import PasswordHashCost


def test_passwords_are_hashed_with_argon2id() -> None:
    hashed = hash_password("correct horse")
    assert hashed.startswith("$argon2id$")
    assert "correct horse" not in hashed


def test_the_standard_cost_is_rfc_9106s_low_memory_profile() -> None:
    hashed = password_hasher(PasswordHashCost.STANDARD).hash("correct horse")
    assert extract_parameters(hashed) == RFC_9106_LOW_MEMORY


@pytest.mark.parametrize("cost", list(PasswordHashCost))
def test_verify_accepts_only_the_right_password(cost: PasswordHashCost) -> None:
    hashed = password_hasher(cost).hash("correct horse")
    assert verify_password("correct horse", hashed)
    assert not verify_password("wrong horse", hashed)


def test_verify_without_a_user_fails() -> None:
    assert not verify_password("anything", None)
