"""Shared fixtures: a network guard (tests never touch the internet) and small lexicons."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

RESOURCES = Path(__file__).parent / "resources"


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """Refuse connections to anything but loopback; tests that serve files locally still work."""
    if request.node.get_closest_marker("network"):
        return
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") and not host.startswith("/"):
            raise RuntimeError(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture()
def resources() -> Path:
    return RESOURCES


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Anything pathfig derives into its cache (the Latin-alphabet OCR model) goes to a temp dir."""
    import os

    if not os.environ.get("PATHFIG_CACHE_DIR"):
        os.environ["PATHFIG_CACHE_DIR"] = str(tmp_path_factory.mktemp("pathfig-cache"))


@pytest.fixture()
def make_cli():
    """A Typer app holding one stage's commands (``register(app)``), as the ``pathfig`` CLI does."""
    import typer

    def make(register) -> typer.Typer:  # noqa: ANN001 - a stage's ``register`` function
        app = typer.Typer()

        @app.callback()
        def _root() -> None: ...

        register(app)
        return app

    return make
