"""Mailpit's web page is a shell that its script fills; a Mailpit built without its UI assets (a
plain `go install`) serves the shell and a 404 for the script, so the page stays blank."""

import re

import httpx

from tests.services import MailpitServer


def test_the_web_ui_serves_its_script_and_styles(mailpit_server: MailpitServer) -> None:
    page = httpx.get(mailpit_server.web_url, timeout=5)
    page.raise_for_status()
    assets = re.findall(r'(?:src|href)="(/dist/[^"]+)"', page.text)
    assert any(asset.startswith("/dist/app.js") for asset in assets), page.text

    for asset in assets:
        response = httpx.get(mailpit_server.web_url + asset, timeout=5)
        assert response.status_code == 200, asset
        assert response.headers["content-type"].split(";")[0] in {
            "application/javascript",
            "text/css",
        }
        assert len(response.content) > 10_000, asset
