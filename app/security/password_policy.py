"""What a new password must be: at least 12 characters, not easy to guess, not the email.

Guessability comes from zxcvbn, which works offline and knows the commonly used passwords (its
frequency lists come from leaked password sets), keyboard patterns, repeats, dates, and common
words and names; the account's own email and name are added to what it looks for.
"""

from zxcvbn import zxcvbn

MIN_LENGTH = 12
MAX_LENGTH = 128
# zxcvbn's scale: 0-1 fall to online guessing, 2 to offline guessing of a fast hash, 3+ is strong.
MIN_SCORE = 3
# zxcvbn refuses longer input (its matching grows fast with length); a password whose first 72
# characters are hard to guess is hard to guess.
ESTIMATED_LENGTH = 72


def password_problem(password: str, *, email: str, name: str = "") -> str | None:
    """Why this password may not be used, or None when it may."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters"
    lowered = password.lower()
    local_part = email.lower().partition("@")[0]
    if email.lower() in lowered or (len(local_part) >= 4 and local_part in lowered):
        return "Must not contain your email address"
    result = zxcvbn(password[:ESTIMATED_LENGTH], user_inputs=[email, local_part, *name.split()])
    if result["score"] >= MIN_SCORE:
        return None
    if any(match.get("dictionary_name") == "passwords" for match in result["sequence"]):
        return "This is a commonly used password; choose one that is not"
    return "This password is too easy to guess; add a few more unrelated words"
