"""A short run of the load test (bench/loadtest.py) against a real server: no request may fail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

LOADTEST = Path(__file__).resolve().parents[1] / "bench" / "loadtest.py"


def test_a_short_load_test_has_no_errors(service_url, tmp_path):
    figures = tmp_path / "load.json"
    run = subprocess.run([sys.executable, str(LOADTEST), "--url", service_url, "--clients", "8", "--duration", "5",
                          "--json", str(figures)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    phase = json.loads(figures.read_text())["phases"]["quiet"]
    assert phase["all_simple"]["errors"] == 0, phase["all_simple"]["error_samples"]
    assert phase["all_simple"]["requests"] > 0
    assert set(phase["classes"]) == {"example", "entity", "aggregate", "path", "text"}
    assert "| **all simple** |" in run.stdout


def test_the_load_test_refuses_a_remote_target():
    run = subprocess.run([sys.executable, str(LOADTEST), "--url", "http://192.0.2.1:8000", "--duration", "1"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and "only loopback targets" in run.stderr
