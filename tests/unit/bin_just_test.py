"""bin/just installs the whole toolchain before a recipe; listing the recipes needs only just."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """bin/just and the Justfile beside a scripts/setup that records how it was called."""
    (tmp_path / "bin").mkdir()
    shutil.copy2(ROOT / "bin/just", tmp_path / "bin/just")
    shutil.copy2(ROOT / "Justfile", tmp_path / "Justfile")
    setup = tmp_path / "scripts/setup"
    setup.parent.mkdir()
    setup.write_text('#!/bin/sh\necho "setup $*" >> "$(dirname "$0")/../setup-calls"\n')
    setup.chmod(0o755)
    just = shutil.which("just")
    assert just, "just is not on PATH: run scripts/setup"
    (tmp_path / ".tools/bin").mkdir(parents=True)
    (tmp_path / ".tools/bin/just").symlink_to(just)
    return tmp_path


def run_bin_just(checkout: Path, *args: str) -> str:
    subprocess.run(
        [checkout / "bin/just", *args],
        check=True,
        capture_output=True,
        env={**os.environ, "PATH": f"{checkout / '.tools/bin'}:{os.environ['PATH']}"},
    )
    return (checkout / "setup-calls").read_text()


@pytest.mark.parametrize("args", [(), ("--list",), ("default",), ("--version",)])
def test_listing_installs_only_just(checkout: Path, args: tuple[str, ...]) -> None:
    assert run_bin_just(checkout, *args) == "setup just\n"


def test_a_recipe_installs_the_whole_toolchain_first(checkout: Path) -> None:
    assert run_bin_just(checkout, "--dry-run", "lint") == "setup \n"
