"""The Nix build's hash of web/'s pnpm dependencies (nix/pnpm-deps.json) must match web/.

nix/web.nix fetches the dependencies as a fixed-output derivation whose hash is written down in
advance. Computing it takes the network, so this test compares the fingerprint recorded next to it
(the sha256 of every file the fetcher reads) with web/ as it is now: any edit to pnpm-lock.yaml,
package.json or the other inputs makes it fail until `just pnpm_deps_hash` has been run.
"""

import re
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
RECIPE = "run `just pnpm_deps_hash` and commit nix/pnpm-deps.json"


def test_recorded_inputs_match_web(recipe: ModuleType, record: dict) -> None:
    current = recipe.fingerprint(ROOT / "web")
    changed = sorted(
        name
        for name in current.keys() | record["inputs"].keys()
        if current.get(name) != record["inputs"].get(name)
    )
    files = ", ".join(f"web/{name}" for name in changed)
    assert not changed, f"{files} changed since the Nix hash was computed: {RECIPE}"


def test_hash_is_for_the_pinned_pnpm(recipe: ModuleType, record: dict) -> None:
    pinned = recipe.pinned_pnpm(ROOT / "web")
    assert record["pnpm"] == pinned, (
        f"the Nix hash was computed with pnpm {record['pnpm']}, web/package.json pins {pinned}: "
        + RECIPE
    )


def test_hash_is_for_the_fetcher_version_in_use(recipe: ModuleType, record: dict) -> None:
    assert record["fetcherVersion"] == recipe.FETCHER_VERSION, RECIPE


def test_hash_is_a_sha256_sri_hash(record: dict) -> None:
    assert re.fullmatch(r"sha256-[A-Za-z0-9+/]{43}=", record["hash"]), RECIPE


def test_fingerprint_notices_a_lockfile_edit(recipe: ModuleType, tmp_path: Path) -> None:
    for name in ("package.json", "pnpm-lock.yaml"):
        (tmp_path / name).write_bytes((ROOT / "web" / name).read_bytes())
    before = recipe.fingerprint(tmp_path)
    with (tmp_path / "pnpm-lock.yaml").open("a") as lockfile:
        lockfile.write("\n")
    (tmp_path / ".npmrc").write_text("engine-strict=true\n")

    after = recipe.fingerprint(tmp_path)

    assert after["pnpm-lock.yaml"] != before["pnpm-lock.yaml"]
    assert after.keys() - before.keys() == {".npmrc"}
