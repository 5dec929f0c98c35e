"""`just template_update` brings a later template version into a project and keeps its own work.

The project is the shared copy (the template's first commit); the template then gets a later
commit of its own, and the project, after edits of its own, updates to it.
"""

import shutil
from collections.abc import Mapping
from pathlib import Path

from tests.template.projects import Template, git, run, template_name_mentions

USER_ROUTE = '''"""Reports of the Acme field teams."""

from fastapi import APIRouter

router = APIRouter(prefix="/reports", tags=["reports"])
'''
README_INTRO = "A full-stack starter for teams that want a real product on day one"
USER_INTRO = "Acme Notes keeps the field teams' notes in one place"
TEMPLATE_RECIPE_COMMENT = "# Remove installed tools, service data, builds and caches"
NEW_RECIPE_COMMENT = "# Remove installed tools, service data, builds, caches and test results"


def test_update_merges_the_template_and_keeps_the_projects_edits(
    template_copy: Path, template: Template, tool_env: Mapping[str, str], tmp_path: Path
) -> None:
    project = tmp_path / "acme-notes"
    shutil.copytree(template_copy, project, symlinks=True)

    # The project's own work, committed as a team would.
    (project / "app" / "api" / "reports.py").write_text(USER_ROUTE)
    readme = project / "README.md"
    assert README_INTRO in readme.read_text()
    readme.write_text(readme.read_text().replace(README_INTRO, USER_INTRO))
    git(project, tool_env, "add", "--all")
    git(project, tool_env, "commit", "--quiet", "--message", "Reports")

    # A later version of the template: a changed line, and a new file that names the template.
    justfile = template.path / "Justfile"
    assert TEMPLATE_RECIPE_COMMENT in justfile.read_text()
    justfile.write_text(justfile.read_text().replace(TEMPLATE_RECIPE_COMMENT, NEW_RECIPE_COMMENT))
    (template.path / "docs" / "upgrading.md").write_text("# Upgrading fullstack-flake\n")
    (template.path / "migrations" / "versions" / "0099_template_later.py").write_text("")
    git(template.path, tool_env, "add", "--all")
    git(template.path, tool_env, "commit", "--quiet", "--message", "A later template")
    later = git(template.path, tool_env, "rev-parse", "--short", "HEAD")

    # The project's code comes first on the path, before the session's own editable app.
    env = dict(tool_env) | {"PYTHONPATH": str(project)}
    run(
        project,
        env,
        "just",
        "--justfile",
        project / "Justfile",
        "template_update",
        "--defaults",
        "--vcs-ref",
        later,
    )

    assert NEW_RECIPE_COMMENT in (project / "Justfile").read_text()
    assert (project / "docs" / "upgrading.md").read_text() == "# Upgrading acme-notes\n"
    assert (project / "app" / "api" / "reports.py").read_text() == USER_ROUTE
    assert USER_INTRO in readme.read_text()
    assert README_INTRO not in readme.read_text()
    assert f"_commit: {later}" in (project / ".copier-answers.yml").read_text()
    assert template_name_mentions(project) == []
    # The project's migration history stays its own.
    assert not (project / "migrations" / "versions" / "0099_template_later.py").exists()
    # A clean merge: nothing rejected or marked, and what was regenerated is unchanged.
    git(project, tool_env, "add", "--all")
    changed = git(project, tool_env, "diff", "--cached", "--name-only").splitlines()
    assert changed == [".copier-answers.yml", "Justfile", "docs/upgrading.md"]
