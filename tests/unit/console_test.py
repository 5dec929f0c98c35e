"""`app console` (`just console`): a REPL where the usual queries work without imports."""

import subprocess
import sys


def test_console_has_the_models_and_query_helpers() -> None:
    lines = [
        "print('users:', db.exec(select(func.count()).select_from(User)).one())",
        "print('query:', select(Note).where(col(Note.title).contains('x'), or_(True, False)))",
        "print('helpers:', delete, update, text, and_, settings.app_env)",
    ]
    # The command reads the same environment as the app under test.
    result = subprocess.run(
        [sys.executable, "-m", "app", "console"],
        input="\n".join(lines) + "\n",
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Error" not in result.stderr, result.stderr
    assert "users: " in result.stdout
    assert "query: SELECT" in result.stdout
    assert "helpers: " in result.stdout
