"""Dump download speed: each file of our service's /dumps of at least ``smallest`` bytes fetched with curl
(``curl -s -o /dev/null -w '%{time_total} %{size_download}'``) against reading the same file of the
build with ``cat > /dev/null``, alternately, ``repeats`` times; medians in MB/s (10^6 bytes)."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

import httpx


def _curl(url: str) -> tuple[float, int]:
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_total} %{size_download}", url],
                         check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(float(out[1]))


def _cat(path: Path) -> float:
    started = time.perf_counter()
    subprocess.run(["cat", str(path)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def dump_speed(base: str, dist: Path, repeats: int = 5, smallest: int = 1 << 20) -> dict:
    if not shutil.which("curl"):
        return {"skipped": "curl is not installed"}
    listing = httpx.get(f"{base}/dumps", params={"format": "json"}, timeout=30).json()["dumps"]
    files = []
    for entry in sorted(listing, key=lambda f: -f["size"]):
        if entry["size"] < smallest:
            continue
        http, disk = [], []
        for _ in range(repeats):
            seconds, size = _curl(f"{base}/dumps/{entry['name']}")
            if size != entry["size"]:
                raise RuntimeError(f"/dumps/{entry['name']} sent {size} bytes, not {entry['size']}")
            http.append(seconds)
            disk.append(_cat(dist / entry["name"]))
        http_rate = entry["size"] / statistics.median(http) / 1e6
        disk_rate = entry["size"] / statistics.median(disk) / 1e6
        files.append({"file": entry["name"], "bytes": entry["size"], "http_mb_per_second": round(http_rate, 1),
                      "disk_mb_per_second": round(disk_rate, 1), "ratio_http_to_disk": round(http_rate / disk_rate, 3)})
    ratios = [f["ratio_http_to_disk"] for f in files]
    return {"repeats": repeats, "files": files,
            "median_ratio_http_to_disk": round(statistics.median(ratios), 3) if ratios else None}
