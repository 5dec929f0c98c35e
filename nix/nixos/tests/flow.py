"""What a user does in the NixOS VM tests, through the API as a browser would, with curl on a node.

The NixOS test driver prepends this file to each test script (single-host.nix, multi-host.nix).
Every step is one small function, so a change to the API changes one function.
"""

import json
import re
import shlex
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

# The node running Mailpit answers its API here (services.mailpit.instances.default.listen).
MAILPIT_API = "http://127.0.0.1:8025/api/v1"
MAIL_TIMEOUT = 120
# app/mail/templates/verify_email.html
VERIFICATION_SUBJECT = "Confirm your email address"
CURL = ["curl", "--silent", "--show-error"]


class Node(Protocol):
    """The part of the test driver's Machine these helpers use."""

    def succeed(self, command: str, /) -> str: ...

    def wait_until_succeeds(self, command: str, timeout: int = 900) -> str: ...


class Browser:
    """A cookie jar on `node` and the app's public URL: cookies are kept per BASE_URL's host, as a
    browser keeps them, while `via` ("host:port") picks the app host that serves a request, as a
    load balancer does, so a session started on one host is presented to another."""

    def __init__(self, node: Node, base_url: str, jar: str = "/tmp/cookies.txt") -> None:
        self.node = node
        self.base_url = base_url.rstrip("/")
        self.jar = jar

    def request(
        self,
        method: str,
        path_or_url: str,
        body: dict[str, Any] | None = None,
        *,
        via: str | None = None,
        expect: int = 200,
        follow_redirects: bool = False,
    ) -> str:
        """Sends one request, echoing the CSRF cookie like the web app, and returns the response
        body; fails unless the (final) status is `expect`."""
        url = path_or_url if "://" in path_or_url else self.base_url + path_or_url
        command = [*CURL, "--cookie", self.jar, "--cookie-jar", self.jar, "--request", method]
        command += ["--write-out", r"\n%{http_code}"]
        if follow_redirects:
            command.append("--location")
        if via is not None:
            scheme, _, authority = self.base_url.partition("://")
            host, _, port = authority.partition(":")
            command += [
                "--connect-to",
                f"{host}:{port or ('443' if scheme == 'https' else '80')}:{via}",
            ]
        if method not in ("GET", "HEAD"):
            command += ["--header", f"x-csrftoken: {self.csrf_token()}"]
        if body is not None:
            command += ["--header", "content-type: application/json"]
            command += ["--data-raw", json.dumps(body)]
        output = self.node.succeed(shlex.join([*command, url]))
        text, _, status = output.rpartition("\n")
        assert int(status) == expect, (
            f"{method} {url} via {via}: {status}, expected {expect}: {text}"
        )
        return text

    def fetch_json(
        self, method: str, path: str, body: dict[str, Any] | None = None, **options: Any
    ) -> Any:
        text = self.request(method, path, body, **options)
        return json.loads(text) if text.strip() else None

    def csrf_token(self) -> str:
        """The csrftoken cookie from the jar; a first GET fetches it, as loading the page does."""
        read = (
            f"awk '$6 == \"csrftoken\" {{ print $7 }}' {shlex.quote(self.jar)} 2>/dev/null || true"
        )
        token = self.node.succeed(read).strip()
        if not token:
            self.request("GET", "/healthcheck")
            token = self.node.succeed(read).strip()
        assert token, f"no csrftoken cookie from {self.base_url}/healthcheck"
        return token.splitlines()[-1]


def healthcheck(browser: Browser, *, via: str | None = None) -> None:
    health = browser.fetch_json("GET", "/healthcheck", via=via)
    assert health["status"] == "ok", health


def sign_up(
    browser: Browser, email: str, password: str, name: str, *, via: str | None = None
) -> None:
    """Asks for an account. The API answers 202 whether or not the address is taken and emails a
    verification link; nobody is signed in yet."""
    browser.fetch_json(
        "POST",
        "/api/auth/sign-up",
        {"email": email, "password": password, "name": name},
        via=via,
        expect=202,
    )


def sign_in(
    browser: Browser, email: str, password: str, *, via: str | None = None
) -> dict[str, Any]:
    session = browser.fetch_json(
        "POST", "/api/auth/sign-in", {"email": email, "password": password}, via=via
    )
    assert session["user"]["email"] == email, session
    return session


def current_user(browser: Browser, *, via: str | None = None) -> dict[str, Any]:
    return browser.fetch_json("GET", "/api/me", via=via)["user"]


def create_note(browser: Browser, title: str, body: str = "", *, via: str | None = None) -> str:
    note = browser.fetch_json(
        "POST", "/api/notes", {"title": title, "body": body}, via=via, expect=201
    )
    return note["id"]


def read_note(browser: Browser, note_id: str, *, via: str | None = None) -> dict[str, Any]:
    return browser.fetch_json("GET", f"/api/notes/{note_id}", via=via)


def wait_for_email(
    mail: Node, to: str, subject_prefix: str, mailpit_api: str = MAILPIT_API
) -> dict[str, Any]:
    """The newest message to `to` whose subject starts with `subject_prefix`, with its body, once
    Mailpit (on `mail`) has it. Mailpit lists the newest first."""
    query = (
        "[.messages[] | select(any(.To[]; .Address == $to) and (.Subject | startswith($subject)))]"
        " | first | .ID"
    )
    arguments = ["--arg", "to", to, "--arg", "subject", subject_prefix, query]
    find = shlex.join(["jq", "--exit-status", "--raw-output", *arguments])
    get = shlex.join([*CURL, "--fail"])
    message_id = mail.wait_until_succeeds(
        f"{get} '{mailpit_api}/messages?limit=100' | {find}", timeout=MAIL_TIMEOUT
    ).strip()
    return json.loads(mail.succeed(f"{get} '{mailpit_api}/message/{message_id}'"))


def first_link(message: dict[str, Any], base_url: str) -> str:
    """The first link into the app in a message's text part."""
    match = re.search(re.escape(base_url.rstrip("/")) + r"/[^\s\"'<>)]*", message["Text"])
    assert match, f"no link to {base_url} in: {message['Text']}"
    return match.group(0)


def verify_email_via_mailpit(
    browser: Browser,
    mail: Node,
    email: str,
    *,
    via: str | None = None,
    mailpit_api: str = MAILPIT_API,
) -> None:
    """Confirms the address with the token in the verification email's link, as the web app's
    page at that link does when the user presses its button."""
    message = wait_for_email(mail, email, VERIFICATION_SUBJECT, mailpit_api=mailpit_api)
    link = urlsplit(first_link(message, browser.base_url))
    assert link.path == "/verify-email", link.geturl()
    (token,) = parse_qs(link.query)["token"]
    browser.request("POST", "/api/auth/verify-email", {"token": token}, via=via, expect=204)
