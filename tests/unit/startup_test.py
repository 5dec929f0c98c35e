"""What starting the API loads: only what a request needs (bench/ measures how long it takes)."""

import subprocess
import sys


def _modules_after(code: str) -> set[str]:
    output = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(output.split())


def test_the_api_starts_without_celery() -> None:
    # Celery is imported with the first job a request enqueues (app.jobs.queue).
    loaded = _modules_after("import app.cli, app.server")
    assert "app.api.notes" in loaded
    assert not {name for name in loaded if name.split(".")[0] in {"celery", "kombu"}}
