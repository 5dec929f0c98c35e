"""Reads what Mailpit received through its HTTP API (https://mailpit.axllent.org/docs/api-v1/)."""

import time
from typing import Any

import httpx


class MailpitClient:
    def __init__(self, api_url: str) -> None:
        self.http = httpx.Client(base_url=api_url, timeout=5)

    def delete_all(self) -> None:
        self.http.delete("/messages").raise_for_status()

    def messages(self) -> list[dict[str, Any]]:
        response = self.http.get("/messages", params={"limit": 100})
        response.raise_for_status()
        return response.json()["messages"]

    def message(self, message_id: str) -> dict[str, Any]:
        response = self.http.get(f"/message/{message_id}")
        response.raise_for_status()
        return response.json()

    def headers(self, message_id: str) -> dict[str, list[str]]:
        """Every header of a message exactly as received, by name."""
        response = self.http.get(f"/message/{message_id}/headers")
        response.raise_for_status()
        return response.json()

    def wait_for_messages(self, count: int, timeout: float = 10) -> list[dict[str, Any]]:
        """Waits until at least `count` messages arrived; returns them with full bodies."""
        deadline = time.monotonic() + timeout
        while True:
            summaries = self.messages()
            if len(summaries) >= count or time.monotonic() > deadline:
                return [self.message(summary["ID"]) for summary in summaries]
            time.sleep(0.1)
