"""A template snapshot and what the tests run in a copy of it."""

import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Non-default answers: a display name with capitals, a slug with a hyphen (and so a snake case
# spelling with an underscore), a description and an admin address of the project's own.
ANSWERS = {
    "project_name": "Acme Notes",
    "project_slug": "acme-notes",
    "description": "Notes for the Acme field teams",
    "admin_email": "ops@acme.example",
}
# Every spelling of the template's name, whatever the case or separator.
TEMPLATE_NAME = re.compile(r"fullstack[-_ ]?flake", re.IGNORECASE)


@dataclass(frozen=True)
class Template:
    path: Path
    first_commit: str


def run(
    cwd: Path, env: Mapping[str, str], *command: str | Path
) -> subprocess.CompletedProcess[str]:
    """Runs `command` in `cwd`; the output is in the failure message when it fails."""
    program = str(command[0])
    executable = program if "/" in program else shutil.which(program, path=env.get("PATH"))
    assert executable, f"{program} is not on PATH: run scripts/setup"
    result = subprocess.run(
        [executable, *map(str, command[1:])],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, command))} failed in {cwd} ({result.returncode}):\n"
        f"{result.stdout}\n{result.stderr}"
    )
    return result


def git(cwd: Path, env: Mapping[str, str], *arguments: str) -> str:
    return run(cwd, env, "git", *arguments).stdout.strip()


def snapshot(root: Path, destination: Path, env: Mapping[str, str]) -> Template:
    """The checkout's files, committed or not but never ignored, as a repository of their own.

    copier copies from a git repository; this one holds the work tree as it is, so the tests cover
    uncommitted changes too, and the update test can add a later commit of the template to it.
    """
    # The checkout may belong to another user than the one running the tests (.ci/as-test-user
    # lends the work tree, not a worktree's git directory); reading its file list is safe.
    trusting = dict(env) | {
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": "safe.directory",
        "GIT_CONFIG_VALUE_0": str(root),
    }
    listed = run(
        root, trusting, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"
    )
    destination.mkdir(parents=True)
    for name in filter(None, listed.stdout.split("\0")):
        source = root / name
        if source.is_file():  # a deleted, not yet committed file is still listed
            (destination / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination / name)
    git(destination, env, "init", "--quiet")
    git(destination, env, "add", "--all")
    git(destination, env, "commit", "--quiet", "--message", "The template as checked out")
    return Template(destination, git(destination, env, "rev-parse", "HEAD"))


def template_name_mentions(project: Path) -> list[str]:
    """Every line of the project's files that still names the template, but copier's record."""
    found = []
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if relative.parts[0] == ".git" or "node_modules" in relative.parts:
            continue
        if not path.is_file() or relative.as_posix() == ".copier-answers.yml":
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # images
        found += [
            f"{relative}:{number}: {line.strip()}"
            for number, line in enumerate(lines, 1)
            if TEMPLATE_NAME.search(line)
        ]
    return found
