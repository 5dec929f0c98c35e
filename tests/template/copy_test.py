"""`copier copy` with non-default answers gives a project named after them that passes its checks.

Each check runs in the copy with this session's tools and without the network: the lockfile, the
Nix files and flake.lock, lint, types and the unit tests (which compare the OpenAPI schema, the
README's settings table and the Nix hash's fingerprint with the code), and uv.lock against the
template's.
"""

import json
import subprocess
import tomllib
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.template.projects import ANSWERS, git, run, template_name_mentions

ROOT = Path(__file__).resolve().parents[2]


def test_no_file_names_the_template(template_copy: Path) -> None:
    assert template_name_mentions(template_copy) == []


def test_the_answers_name_the_project(template_copy: Path) -> None:
    project = tomllib.loads((template_copy / "pyproject.toml").read_text())["project"]
    assert (project["name"], project["description"]) == ("acme-notes", ANSWERS["description"])
    assert json.loads((template_copy / "web" / "package.json").read_text())["name"] == (
        "acme-notes-web"
    )
    assert '"title": "Acme Notes"' in (template_copy / "web" / "openapi.json").read_text()
    assert "services.acme-notes = {" in (template_copy / "nix" / "README.md").read_text()
    assert 'name = "acme-notes";' in (template_copy / "nix" / "nixos" / "module.nix").read_text()
    settings = (template_copy / "app" / "settings.py").read_text()
    assert "/acme_notes_development" in settings
    assert '"Acme Notes <noreply@localhost>"' in settings
    assert '("ops@acme.example", "Ada Admin"' in (template_copy / "app" / "seed.py").read_text()
    assert f'description = "{ANSWERS["description"]}";' in (template_copy / "flake.nix").read_text()


def test_copier_records_the_answers(template_copy: Path) -> None:
    answers = (template_copy / ".copier-answers.yml").read_text()
    for key, value in ANSWERS.items():
        assert f"{key}: {value}" in answers
    assert "_commit: " in answers


def test_the_template_machinery_stays_behind(template_copy: Path) -> None:
    for name in ("copier.yml", "{{ _copier_conf.answers_file }}.jinja", "tests/template"):
        assert not (template_copy / name).exists(), name


def test_uv_lock_is_current(template_copy: Path, tool_env: Mapping[str, str]) -> None:
    run(template_copy, tool_env, "uv", "lock", "--locked")


def test_nix_files_parse_and_flake_lock_matches(
    template_copy: Path, tool_env: Mapping[str, str]
) -> None:
    run(template_copy, tool_env, "scripts/check-nix", "--no-rehearsals")


def test_lint_types_and_unit_tests_pass(template_copy: Path, tool_env: Mapping[str, str]) -> None:
    run(template_copy, tool_env, "ruff", "check", ".")
    run(template_copy, tool_env, "ruff", "format", "--check", ".")
    # The two slow ones side by side; pytest starts its own services on free ports, in one
    # process (-n 0): the two workers of -n auto would start and migrate two sets for a few tests.
    env = dict(tool_env) | {"PYTHONPATH": str(template_copy)}
    commands = {
        "pyright": ["pyright"],
        "pytest tests/unit": ["python", "-m", "pytest", "tests/unit", "-n", "0", "--no-cov", "-q"],
    }
    running = {
        name: subprocess.Popen(
            command,
            cwd=template_copy,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name, command in commands.items()
    }
    failures = []
    for name, process in running.items():
        output, _ = process.communicate()
        if process.returncode != 0:
            failures.append(f"{name} failed in the copy:\n{output}")
    assert not failures, "\n".join(failures)


def _locked(root: Path, project: str) -> tuple[dict[str, object], dict[str, object]]:
    """Every package uv.lock pins but the project, by name; and the project's own entry."""
    packages = tomllib.loads((root / "uv.lock").read_text())["package"]
    (own,) = [package for package in packages if package["name"] == project]
    return {p["name"]: p for p in packages if p is not own}, {**own, "name": None}


def test_the_lock_differs_from_the_templates_only_in_the_name(template_copy: Path) -> None:
    """uv2nix chooses a wheel or an sdist per locked package, so a copy that locks exactly the
    template's packages builds under Nix as the template does (whose own lock its maintainers check
    with uv2nix's library: a wheel for every package on every system)."""
    assert _locked(template_copy, ANSWERS["project_slug"]) == _locked(ROOT, "fullstack-flake")


@pytest.mark.parametrize(
    ("option", "value"),
    [("--name", 'Acme "Notes"'), ("--slug", "Acme_Notes"), ("--admin-email", "ops")],
)
def test_rename_refuses_what_it_cannot_write_safely(
    template_copy: Path, tool_env: Mapping[str, str], option: str, value: str
) -> None:
    arguments = {"--name": "Other", option: value}
    command = ["python3", "scripts/rename-project"]
    for key, argument in arguments.items():
        command += [key, argument]
    result = subprocess.run(
        command,
        cwd=template_copy,
        env=dict(tool_env),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert option in result.stderr
    assert git(template_copy, tool_env, "status", "--porcelain") == ""
