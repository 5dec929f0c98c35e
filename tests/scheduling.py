"""Which pytest-xdist worker runs which tests: groups of tests that share an expensive set-up
go to one worker together, the heaviest first.

pytest-xdist's own `--dist=loadgroup` reads `xdist_group` marks by appending the group to each
test's node ID, which pytest 9.2 no longer lets a plugin change (pytest-xdist issue #1386): the
marks are silently ignored and every worker starts each group's servers, browsers and copies
again. This scheduler names the group from the test's path instead, so nothing depends on that.
"""

from collections import OrderedDict
from pathlib import PurePosixPath

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadScopeScheduling
from xdist.workermanage import WorkerController


class GroupScheduling(LoadScopeScheduling):
    """Sends each group (a folder or a module under the tests folder, by `groups`) to one worker
    as one unit, and every other module as a unit of its own.

    Units go out heaviest first, so the longest group starts at once and the small modules fill
    in around it: the groups in the order `groups` lists them, then the rest in collection order.
    """

    def __init__(
        self,
        config: pytest.Config,
        log: Producer | None,
        *,
        tests_dir: PurePosixPath,
        groups: dict[PurePosixPath, str],
    ) -> None:
        super().__init__(config, log)
        self._tests_dir = tests_dir
        self._groups = groups
        self._ranked = False

    def _group(self, nodeid: str) -> str | None:
        path = PurePosixPath(nodeid.split("::", 1)[0])
        if not path.is_relative_to(self._tests_dir):
            return None
        relative = path.relative_to(self._tests_dir)
        for prefix, group in self._groups.items():
            if relative.is_relative_to(prefix):
                return group
        return None

    def _split_scope(self, nodeid: str) -> str:
        group = self._group(nodeid)
        return f"group {group}" if group is not None else super()._split_scope(nodeid)

    def _assign_work_unit(self, node: WorkerController) -> None:
        if not self._ranked:
            order = {f"group {group}": rank for rank, group in enumerate(self._groups.values())}
            ranked = sorted(self.workqueue.items(), key=lambda unit: order.get(unit[0], len(order)))
            self.workqueue = OrderedDict(ranked)
            self._ranked = True
        super()._assign_work_unit(node)
