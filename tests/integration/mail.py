"""Waiting for one particular email in Mailpit, ignoring whatever else arrives meanwhile."""

import re
import time
from typing import Any

from tests.mailpit import MailpitClient

POLL_INTERVAL = 0.1


def _is_match(summary: dict[str, Any], to: str, subject: str) -> bool:
    recipients = [address["Address"].lower() for address in summary["To"]]
    return summary["Subject"] == subject and to.lower() in recipients


def wait_for_email(
    mailpit: MailpitClient, *, to: str, subject: str, timeout: float = 15
) -> dict[str, Any]:
    """The full message once it arrived; fails listing what did arrive if it does not.

    Matching on recipient and subject, not on a count, keeps this right when a job of an earlier
    test delivers late: each test signs up its own addresses.
    """
    deadline = time.monotonic() + timeout
    while True:
        summaries = mailpit.messages()
        for summary in summaries:
            if _is_match(summary, to, subject):
                return mailpit.message(summary["ID"])
        if time.monotonic() > deadline:
            arrived = [(s["Subject"], [a["Address"] for a in s["To"]]) for s in summaries]
            raise AssertionError(
                f"no email {subject!r} to {to} within {timeout}s; Mailpit has {arrived}"
            )
        time.sleep(POLL_INTERVAL)


def link_in(email: dict[str, Any], path: str) -> str:
    """The first link to `path` in the plain-text part of an email."""
    match = re.search(rf"https?://\S+{re.escape(path)}\S*", email["Text"])
    assert match, f"no link to {path} in {email['Text']!r}"
    return match.group(0)
