import base64
import hashlib
import os
import time
from pathlib import Path

import pytest

from tests.api_client import ApiClient
from tests.assertions import assert_error


@pytest.mark.parametrize(
    "path", ["/", "/notes", "/notes/note_01h455vb4pex5vsknk084sn02q", "/no/such/page"]
)
async def test_client_routes_get_index_html_uncached(
    web_client: ApiClient, web_dist: Path, path: str
) -> None:
    response = await web_client.get(path)
    assert response.status_code == 200
    assert response.text == (web_dist / "index.html").read_text()
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["content-security-policy"]


async def test_hashed_assets_are_cached_forever(web_client: ApiClient) -> None:
    response = await web_client.get("/assets/entry-Bx1f9Kq2.js")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


async def test_missing_assets_are_404_not_index_html(web_client: ApiClient) -> None:
    assert (await web_client.get("/assets/missing-abc.js")).status_code == 404


async def test_top_level_files_are_served(web_client: ApiClient) -> None:
    response = await web_client.get("/favicon.ico")
    assert response.content == b"\x00\x00\x01\x00"


async def test_paths_cannot_escape_the_build(web_client: ApiClient, web_dist: Path) -> None:
    response = await web_client.get("/..%2f..%2fetc%2fpasswd")
    assert response.text == (web_dist / "index.html").read_text()


async def test_unknown_api_paths_stay_json(web_client: ApiClient) -> None:
    assert_error(await web_client.get("/api/not-a-route"), 404, "not_found")


async def test_index_csp_allows_exactly_its_inline_scripts_even_after_a_rebuild(
    web_client: ApiClient, web_dist: Path
) -> None:
    first = await web_client.get("/")
    assert "script-src 'self';" in first.headers["content-security-policy"]

    boot = "window.__boot = 1;"
    digest = base64.b64encode(hashlib.sha256(boot.encode()).digest()).decode()
    index = web_dist / "index.html"
    index.write_text(
        f"<!doctype html><script>{boot}</script><script src='/assets/entry.js'></script>"
    )
    os.utime(index, ns=(time.time_ns(), time.time_ns() + 1_000_000_000))

    rebuilt = await web_client.get("/notes")
    assert rebuilt.text.startswith("<!doctype html><script>window.__boot")
    assert f"script-src 'self' 'sha256-{digest}';" in rebuilt.headers["content-security-policy"]
