"""The real server (llama-cpp-python's, with SmolLM2), started once for the tests that ask."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.real_server import RealServer, llama_server


@pytest.fixture(scope="session")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RealServer]:
    with llama_server(tmp_path_factory.mktemp("llama-server")) as server:
        yield server
