"""Fixtures of the HTTP service tests: one real ``spp-kg serve`` process over the session's build."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

SERVER_TIMEOUT = 3      # seconds: small so the runaway-query test is quick
SERVER_MAX_ROWS = 5000  # below the number of statements, so a full scan is truncated


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_program() -> str:
    """The Oxigraph server of the test extra (PyPI ``oxigraph``), installed next to this Python."""
    program = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(program).is_file(), "the oxigraph server is not installed: pip install '.[test]'"
    return program


def start_server(dist: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    """Start ``spp-kg serve`` on a free port and wait until /sparql answers.

    Tests never call the network beyond loopback: the default SERVICE endpoint (Wikidata) is left out.
    """
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "spp_kg", "serve", "--dist", str(dist),
                                "--port", str(port), "--no-default-services", *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"spp-kg serve exited with {process.returncode}: {process.stdout.read()}")
        try:
            if httpx.get(f"{url}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("spp-kg serve did not answer within 120 s")


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20) -> None:
    """Block until something accepts connections on loopback ``port``; fail if ``process`` exits first."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stderr.read().decode()[:500] if process.stderr else ""
                raise RuntimeError(f"nothing listens on port {port}: {output}") from None
            time.sleep(0.05)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)


@pytest.fixture(scope="session")
def service_url(built_dist):
    """Base URL of a running server (timeout 3 s, at most 5000 rows per answer)."""
    process, url = start_server(built_dist, "--timeout", str(SERVER_TIMEOUT), "--max-rows", str(SERVER_MAX_ROWS))
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def http(service_url):
    """An httpx client bound to the running server."""
    with httpx.Client(base_url=service_url, timeout=30) as client:
        yield client
