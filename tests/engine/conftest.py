"""The fixtures of the pipeline tests (test_pipeline, test_task_result, test_task_completion).

`env_root` is one env cache per test module: the stdlib-only env is built once, then reused.
`srv` is a devserver with fault injection, `h` a Harness (tests/engine/pipeline_harness.py) on
them. A test module that defines or imports its own `srv` (as those driving the whole agent do)
keeps it: pytest takes the closest definition.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_agent.devserver import DevServer
from tests.engine.pipeline_harness import OWNER, Harness


@pytest.fixture(scope="module")
def env_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("envs")


@pytest.fixture
def srv(tmp_path: Path) -> Iterator[DevServer]:
    with DevServer(data_dir=tmp_path / "server", faults_enabled=True) as server:
        server.add_owner(OWNER)
        yield server


@pytest.fixture
def h(srv: DevServer, tmp_path: Path, env_root: Path) -> Harness:
    return Harness(srv, tmp_path / "agent", env_root)
