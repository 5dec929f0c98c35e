"""The development stack of process-compose.yaml, as both of its runners read it."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from app.mail.outbox import note_url
from app.settings import get_settings
from tests.factories import NoteFactory

ROOT = Path(__file__).resolve().parents[2]
LOOP = "while :; do sleep 0.1; done"


def test_links_in_emails_open_the_web_app_not_the_api(monkeypatch: pytest.MonkeyPatch) -> None:
    config = yaml.safe_load((ROOT / "process-compose.yaml").read_text())
    for entry in config["environment"]:
        monkeypatch.setenv(*entry.split("=", 1))
    get_settings.cache_clear()
    note = NoteFactory.build()
    try:
        url = urlsplit(note_url(str(note.id)))  # the link every "Note created" email carries
    finally:
        get_settings.cache_clear()

    processes = config["processes"]
    assert url.hostname in {"localhost", "127.0.0.1"}
    assert url.port == processes["web"]["readiness_probe"]["http_get"]["port"]
    assert url.path == f"/notes/{note.id}"  # a page of the web app (tests/routes/web_test.py)


def test_the_runner_without_nix_accepts_the_file() -> None:
    result = subprocess.run(
        [sys.executable, ROOT / "scripts/dev-stack.py", "--dry-run"],
        check=False,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert "process-compose.yaml is valid" in result.stdout


def test_a_second_stack_names_the_process_holding_its_ports(tmp_path: Path) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        config = tmp_path / "process-compose.yaml"
        config.write_text(
            yaml.safe_dump(
                {
                    "processes": {
                        "web": {
                            "command": "exit 1",
                            "readiness_probe": {"http_get": {"host": "127.0.0.1", "port": port}},
                        }
                    }
                }
            )
        )
        result = subprocess.run(
            [sys.executable, ROOT / "scripts/dev-stack.py", "--config", config],
            check=False,
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 1
    assert "a development stack is already running" in result.stderr
    assert f"port {port} (web): " in result.stderr
    assert f"(pid {os.getpid()}) in {Path.cwd()}" in result.stderr


def test_ordered_shutdown_stops_dependents_first(tmp_path: Path) -> None:
    # The client takes a moment to stop; stopped all at once, the server would finish first.
    stops = tmp_path / "stops"
    ready = tmp_path / "ready"
    config = tmp_path / "process-compose.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "ordered_shutdown": True,
                "processes": {
                    "server": {"command": f"trap 'echo server >> {stops}; exit 0' TERM; {LOOP}"},
                    "client": {
                        "command": f"trap 'sleep 0.5; echo client >> {stops}; exit 0' TERM;"
                        f" touch {ready}; {LOOP}",
                        "depends_on": {"server": {"condition": "process_started"}},
                    },
                },
            }
        )
    )
    stack = subprocess.Popen(
        [sys.executable, ROOT / "scripts/dev-stack.py", "--config", config],
        stdout=subprocess.DEVNULL,
    )
    try:
        while not ready.exists():
            assert stack.poll() is None, "the stack ended before the client started"
            time.sleep(0.05)
        stack.send_signal(signal.SIGINT)
        # Stopped cleanly, the runner ends by the signal it got, as an interrupted program should.
        assert stack.wait(timeout=30) == -signal.SIGINT
    finally:
        stack.kill()
    assert stops.read_text().split() == ["client", "server"]
