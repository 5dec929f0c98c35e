"""The app's two cookies, and the names they take over HTTPS.

Over HTTPS both use the `__Host-` prefix: the browser then accepts them only with Secure, Path=/
and no Domain, so neither a plain-HTTP page nor a sibling subdomain can set or overwrite them.
"""

from starlette.responses import Response

SESSION_COOKIE = "session"
"""HttpOnly; holds the random session token."""

CSRF_COOKIE = "csrftoken"
"""Readable by the SPA, which echoes it in the x-csrftoken header."""

HOST_PREFIX = "__Host-"


def cookie_name(name: str, *, https: bool) -> str:
    return f"{HOST_PREFIX}{name}" if https else name


def set_cookie(
    response: Response, name: str, value: str, *, https: bool, http_only: bool, max_age: int | None
) -> None:
    response.set_cookie(
        cookie_name(name, https=https),
        value,
        max_age=max_age,
        path="/",
        secure=https,
        httponly=http_only,
        samesite="lax",
    )


def delete_cookie(response: Response, name: str, *, https: bool) -> None:
    response.delete_cookie(
        cookie_name(name, https=https), path="/", secure=https, httponly=True, samesite="lax"
    )
