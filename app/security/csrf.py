"""CSRF protection by double-submit cookie (starlette-csrf).

Every response sets a signed, JavaScript-readable `csrftoken` cookie; every unsafe request must
echo it in the `x-csrftoken` header. A cross-site form or fetch cannot read the cookie, so it cannot
send the header. Combined with SameSite=Lax session cookies this covers sign-in CSRF too, because
the check applies with or without a session.
"""

from starlette.requests import Request
from starlette.responses import Response
from starlette_csrf.middleware import CSRFMiddleware

from app.api.errors import error_response

CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"


class JSONCSRFMiddleware(CSRFMiddleware):
    """Answers a failed check with the API's JSON error body instead of plain text."""

    def _get_error_response(self, request: Request) -> Response:
        return error_response(
            request,
            403,
            "csrf_failed",
            f"Missing or invalid {CSRF_HEADER} header; send the {CSRF_COOKIE} cookie's value",
        )
