"""`lkjip server` bookkeeping that needs no running server: a stale state file, a closed port,
and that looking or stopping leaves nothing behind."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from pipeline.batch import prefect_server
from pipeline.cli import app

runner = CliRunner()


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LKJIP_HOME", str(tmp_path / "lkjip"))
    return tmp_path / "lkjip"


def test_status_and_stop_without_a_server_create_nothing(home) -> None:
    assert prefect_server.status() is None and prefect_server.stop() is None
    out = runner.invoke(app, ["server", "status"])
    assert out.exit_code == 1 and "not running" in out.output
    assert runner.invoke(app, ["server", "stop"]).output.startswith("no lkjip Prefect server was running")
    assert not home.exists()


def test_a_state_file_whose_process_is_gone_is_stale(home) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    state = home / "prefect" / "server.json"
    state.parent.mkdir(parents=True)
    state.write_text(json.dumps({"pid": gone.pid, "port": 1, "started": 0}))
    assert prefect_server.status() is None
    assert not state.exists()


def test_a_state_file_naming_another_program_is_stale(home) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        state = home / "prefect" / "server.json"
        state.parent.mkdir(parents=True)
        state.write_text(json.dumps({"pid": other.pid, "port": 1, "started": 0}))
        assert prefect_server.status() is None  # a reused pid is never taken for the server
        assert other.poll() is None  # and never stopped
    finally:
        other.kill()
        other.wait()


def test_a_closed_port_does_not_answer() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    reason = prefect_server.answers(f"http://127.0.0.1:{port}/api", timeout=5)
    assert reason is not None and "refused" in reason.lower()
    with pytest.raises(prefect_server.ApiUnreachable, match=f"Failed to reach API at http://127.0.0.1:{port}/api"):
        raise prefect_server.ApiUnreachable(f"http://127.0.0.1:{port}/api", reason)


def test_a_temporary_server_is_given_the_start_up_time_of_ours(monkeypatch) -> None:
    """Prefect waits 20 s for its temporary server, which takes 15-20 s to start here: a busy
    machine failed whole ingests. Unless the user set the wait, it is START_TIMEOUT."""
    from prefect.settings import get_current_settings

    monkeypatch.delenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", raising=False)
    with prefect_server.using(prefect_server.Api(None, "temporary")):
        assert get_current_settings().server.ephemeral.startup_timeout_seconds == int(prefect_server.START_TIMEOUT)
    monkeypatch.setenv("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "33")
    with prefect_server.using(prefect_server.Api(None, "temporary")):
        assert get_current_settings().server.ephemeral.startup_timeout_seconds == 33
