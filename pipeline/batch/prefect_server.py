"""A Prefect server kept running between ingests (`lkjip server start|stop|status`), and which
Prefect API an ingest reports to.

Prefect's temporary server costs 15–20 s of start-up on every `lkjip ingest`. A server started
once answers every later ingest at once. It runs only when the user starts it, listens on
127.0.0.1 only, keeps its database and log under `$LKJIP_HOME/prefect` (default
`~/.lkjip/prefect`), and `lkjip server status` shows it. Services an ingest never uses
(schedules, late runs, work pools, automations, cancellation and pause sweeps) are off: they
cost ~0.1 s of CPU per second while idle. The task run recorder stays on, so the Prefect UI
shows every document task.

Which API an ingest uses (`choose_api`): a configured PREFECT_API_URL (environment, `.env`,
`prefect.toml`, profile) always wins and must answer, else the lkjip server if it runs, else
Prefect's temporary server for that one run.
"""

from __future__ import annotations

import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
START_TIMEOUT = 180.0  # seconds for a first start (database migrations) on a busy machine
STOP_GRACE = 20.0  # seconds for the server to shut down on SIGTERM before it is killed
HEALTH_TIMEOUT = 5.0  # seconds one health request may take
# Server services an ingest does not use; the task run recorder and event persister stay on.
IDLE_SERVICES = ("SCHEDULER", "LATE_RUNS", "FOREMAN", "PAUSE_EXPIRATIONS", "CANCELLATION_CLEANUP",
                 "REPOSSESSOR", "TRIGGERS", "CLEANUP_RECONCILER", "EVENT_LOGGER")


LOCAL_RETRIES = 2  # a local server that refuses connections is gone, not busy: 5 retries took 80 s


class ServerError(RuntimeError):
    """The lkjip Prefect server could not be started; the message says why."""


class ApiUnreachable(RuntimeError):
    """The configured PREFECT_API_URL does not answer."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"Failed to reach API at {url} ({reason})")
        self.url = url


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    home: Path

    @property
    def api_url(self) -> str:
        return f"http://{HOST}:{self.port}/api"

    @property
    def ui_url(self) -> str:
        return f"http://{HOST}:{self.port}/"


@dataclass(frozen=True)
class Api:
    """The Prefect API an ingest reports to: `url` None means Prefect's temporary server."""

    url: str | None
    source: str  # "PREFECT_API_URL", "lkjip server" or "temporary"


def lkjip_home() -> Path:
    return Path(os.environ.get("LKJIP_HOME") or Path.home() / ".lkjip")


def server_home() -> Path:
    """PREFECT_HOME of the lkjip server: its database (prefect.db), log and state file."""
    return lkjip_home() / "prefect"


def _state_file() -> Path:
    return server_home() / "server.json"


def log_file() -> Path:
    return server_home() / "server.log"


@contextmanager
def _locked() -> Iterator[None]:
    """One start or stop at a time (two shells starting a server start one)."""
    home = server_home()
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(home / "server.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def answers(api_url: str, timeout: float = HEALTH_TIMEOUT) -> str | None:
    """None when the API answers HTTP (any status: Prefect Cloud wants a key), else why not."""
    try:
        with urllib.request.urlopen(api_url.rstrip("/") + "/health", timeout=timeout):
            return None
    except urllib.error.HTTPError:
        return None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return str(getattr(exc, "reason", exc))


def _is_our_server(pid: int) -> bool:
    """The recorded process still exists and is a Prefect server (not a reused pid)."""
    import psutil

    try:
        cmdline = " ".join(psutil.Process(pid).cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    return "prefect" in cmdline and "server" in cmdline


def status() -> ServerInfo | None:
    """The lkjip server if its process is alive (a stale state file is removed)."""
    try:
        state = json.loads(_state_file().read_text())
        info = ServerInfo(pid=int(state["pid"]), port=int(state["port"]), home=server_home())
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not _is_our_server(info.pid):
        _state_file().unlink(missing_ok=True)
        return None
    return info


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _server_env(home: Path, port: int) -> dict[str, str]:
    """The caller's environment with Prefect pointed at the server's own home and port: no
    profile, `.env` or PREFECT_API_URL of the user's reaches it."""
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "PREFECT_PROFILES_PATH")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_API_HOST=HOST, PREFECT_SERVER_API_PORT=str(port),
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_API_URL=f"http://{HOST}:{port}/api")
    for service in IDLE_SERVICES:
        env[f"PREFECT_SERVER_SERVICES_{service}_ENABLED"] = "false"
    return env


def start(port: int = 0, timeout: float = START_TIMEOUT) -> tuple[ServerInfo, bool]:
    """(the server, whether this call started it): starts `prefect server` in the background
    unless one runs already, and waits until it answers."""
    with _locked():
        running = status()
        if running is not None:
            return running, False
        home = server_home()
        port = port or _free_port()
        with open(log_file(), "ab") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)],
                cwd=home, env=_server_env(home, port), stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, start_new_session=True)
        info = ServerInfo(pid=proc.pid, port=port, home=home)
        _state_file().write_text(json.dumps({"pid": proc.pid, "port": port, "started": time.time()}))
        deadline = time.monotonic() + timeout
        while answers(info.api_url, timeout=2.0) is not None:
            if proc.poll() is not None or time.monotonic() > deadline:
                _terminate(proc.pid)
                _state_file().unlink(missing_ok=True)
                why = (f"exit code {proc.returncode}" if proc.returncode is not None
                       else f"no answer in {timeout:.0f} s")
                raise ServerError(f"the Prefect server did not start ({why}); its log, {log_file()}:\n"
                                  + _tail(log_file()))
            time.sleep(0.25)
        return info, True


def stop(grace: float = STOP_GRACE) -> ServerInfo | None:
    """Stop the lkjip server (SIGTERM to its process group, SIGKILL after `grace` seconds);
    the server that was stopped, or None if none ran."""
    if not server_home().is_dir():
        return None
    with _locked():
        info = status()
        if info is not None:
            _terminate(info.pid, grace)
        _state_file().unlink(missing_ok=True)
        return info


def _terminate(pid: int, grace: float = STOP_GRACE) -> None:
    """The server process and everything it started (its own session and process group)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        for p in procs:
            _signal(p, signal.SIGTERM)
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for p in alive:
        _signal(p, signal.SIGKILL)
    psutil.wait_procs(alive, timeout=5)
    try:
        os.waitpid(pid, os.WNOHANG)  # reap it if this process started it
    except ChildProcessError:
        pass


def _signal(proc, sig: int) -> None:
    import psutil

    try:
        proc.send_signal(sig)
    except psutil.NoSuchProcess:
        pass


def _tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def choose_api() -> Api:
    """The API for an ingest: a configured PREFECT_API_URL (which must answer:
    ApiUnreachable otherwise, never a silent fall-back), else a running lkjip server, else
    Prefect's temporary server."""
    from prefect.settings import get_current_settings

    configured = get_current_settings().api.url
    if configured:
        reason = answers(configured)
        if reason is not None:
            raise ApiUnreachable(configured, reason)
        return Api(configured, "PREFECT_API_URL")
    running = status()
    if running is not None and answers(running.api_url) is None:
        return Api(running.api_url, "lkjip server")
    return Api(None, "temporary")


@contextmanager
def using(api: Api) -> Iterator[None]:
    """Prefect's settings pointed at `api` for the duration. On a local server (the lkjip one,
    or a temporary one) flow-run heartbeats are off: nothing there watches them (automations
    are off), and stopping their thread costs every run a second at its end; and the client
    retries a failed request twice, not five times; a temporary server gets START_TIMEOUT to start.
    A configured server keeps Prefect's defaults."""
    if api.source == "PREFECT_API_URL":
        yield
        return
    from prefect.settings import PREFECT_API_URL, temporary_settings

    updates: dict = {"flows.heartbeat_frequency": None, "client.max_retries": LOCAL_RETRIES}
    if api.source == "lkjip server":
        updates[PREFECT_API_URL] = api.url
    elif "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS" not in os.environ:
        # a temporary server takes 15-20 s to start here, Prefect waits 20 s by default: on a busy
        # machine the whole ingest failed before reading a file ("Timed out while attempting to
        # connect to ephemeral Prefect API server")
        updates["server.ephemeral.startup_timeout_seconds"] = int(START_TIMEOUT)
    with temporary_settings(updates=updates):
        yield
