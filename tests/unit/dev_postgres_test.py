"""scripts/dev-postgres, which runs the development stack's PostgreSQL."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_cluster_of_another_major_version_is_refused_with_what_to_do(tmp_path: Path) -> None:
    script = tmp_path / "scripts/dev-postgres"
    script.parent.mkdir()
    shutil.copy2(ROOT / "scripts/dev-postgres", script)
    cluster = tmp_path / ".data/postgres"
    cluster.mkdir(parents=True)
    (cluster / "PG_VERSION").write_text("9\n")

    result = subprocess.run([script], check=False, capture_output=True, text=True, timeout=30)

    assert result.returncode == 1
    assert ".data/postgres was created by PostgreSQL 9; this is PostgreSQL " in result.stderr
    assert "mv .data/postgres .data/postgres-9" in result.stderr
    assert sorted(path.name for path in cluster.iterdir()) == ["PG_VERSION"]
