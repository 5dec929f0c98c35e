"""Fixtures of the template tests: one copy of the template, made once per session and shared.

The template is snapshotted into a git repository of its own (the checkout's files as they are,
committed or not), and copier copies that with non-default answers into a temporary directory,
which becomes a git repository as a new project's would. The copy runs with this session's tools:
its Python environment, uv, pnpm and the web's node_modules; no step needs the network.
"""

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.template.projects import ANSWERS, Template, git, snapshot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def tool_env(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, str]:
    """The environment every command in a copy runs with: offline, this session's tools first."""
    # Coverage is this session's: a copy's code must not be measured into the template's report.
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("COV_CORE_", "COVERAGE_"))
    }
    # Nix run by a user other than root keeps its state here, not under /nix/var (not theirs).
    env["NIX_STATE_DIR"] = str(tmp_path_factory.mktemp("nix-state"))
    env.pop("VIRTUAL_ENV", None)
    env["PATH"] = os.pathsep.join(
        [str(Path(sys.executable).parent), str(ROOT / ".tools" / "bin"), env.get("PATH", "")]
    )
    # uv answers from uv.lock alone, or fails; it never fetches an interpreter.
    env |= {"UV_OFFLINE": "1", "UV_PYTHON": sys.executable, "UV_PYTHON_DOWNLOADS": "never"}
    env |= {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    return env


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory, tool_env: Mapping[str, str]) -> Template:
    return snapshot(ROOT, tmp_path_factory.mktemp("template") / "upstream", tool_env)


@pytest.fixture(scope="session")
def template_copy(
    tmp_path_factory: pytest.TempPathFactory, template: Template, tool_env: Mapping[str, str]
) -> Path:
    """The template as `copier copy` gives it, then committed: `git init` is a new project's
    first step, and both check-nix and copier's update work on the repository."""
    project = tmp_path_factory.mktemp("copy") / "acme-notes"
    data = [argument for key, value in ANSWERS.items() for argument in ("--data", f"{key}={value}")]
    copier = shutil.which("copier", path=tool_env["PATH"]) or "copier"
    subprocess.run(
        [
            copier,
            "copy",
            "--trust",
            "--defaults",
            "--quiet",
            "--vcs-ref",
            template.first_commit,
            *data,
            str(template.path),
            str(project),
        ],
        check=True,
        env=tool_env,
    )
    git(project, tool_env, "init", "--quiet")
    git(project, tool_env, "add", "--all")
    git(project, tool_env, "commit", "--quiet", "--message", "A new project from the template")
    # The web's dependencies as `pnpm install` would place them (the same lockfile), linked; git
    # ignores only a node_modules directory, not a link.
    (project / "web" / "node_modules").symlink_to(ROOT / "web" / "node_modules")
    with (project / ".git" / "info" / "exclude").open("a") as exclude:
        exclude.write("/web/node_modules\n")
    return project
