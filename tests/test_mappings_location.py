"""Which mappings a command reads and which it may write: a build run in a checkout reads the checkout's
``mappings/``, elsewhere the package's own copy; ``link`` never writes into the installed package."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph_builder.config import default_mappings_dir, mappings_to_update, resource_dir
from graph_builder.errors import InputError

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def checkout(tmp_path) -> Path:
    """A directory holding a copy of the mappings, as a checkout does."""
    shutil.copytree(resource_dir("mappings"), tmp_path / "checkout" / "mappings")
    return tmp_path / "checkout"


@pytest.fixture()
def installed(tmp_path) -> Path:
    """The packages as ``pip install .`` lays them out (bundled resources inside the package), importable
    from this directory when it leads PYTHONPATH."""
    site = tmp_path / "site-packages"
    ignore = shutil.ignore_patterns("__pycache__")
    for package in ("graph_builder", "service"):
        shutil.copytree(PROJECT / package, site / package, ignore=ignore)
    shutil.copytree(resource_dir("mappings"), site / "graph_builder" / "bundled" / "mappings")
    return site


def _run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run([sys.executable, "-m", "spp_kg", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_mappings_of_the_working_directory_come_first(checkout, tmp_path):
    assert default_mappings_dir(checkout) == checkout / "mappings"
    assert default_mappings_dir(tmp_path) == resource_dir("mappings")


def test_link_may_update_a_checkouts_mappings(checkout):
    assert mappings_to_update(None, working_dir=checkout) == checkout / "mappings"
    assert mappings_to_update(checkout / "mappings") == checkout / "mappings"


def test_link_refuses_mappings_inside_the_installed_package(tmp_path):
    package = tmp_path / "graph_builder"
    (package / "bundled" / "mappings").mkdir(parents=True)
    with pytest.raises(InputError, match="pass --mappings DIR"):
        mappings_to_update(package / "bundled" / "mappings", package_dir=package)
    # outside a checkout the default is the package's own copy, refused as well
    with pytest.raises(InputError, match="pass --mappings DIR"):
        mappings_to_update(None, working_dir=tmp_path, package_dir=resource_dir("mappings").parent)


def test_an_installed_build_reads_the_checkouts_mappings_else_its_own(installed, checkout, tmp_path):
    empty_corpus = tmp_path / "corpus"
    empty_corpus.mkdir()
    arguments = ("build", "--corpus", str(empty_corpus), "--out", str(tmp_path / "dist"))
    in_checkout = _run_installed(installed, checkout, *arguments)
    assert f"reading mappings from {checkout / 'mappings'} " in in_checkout.stderr
    elsewhere = _run_installed(installed, tmp_path, *arguments)
    assert f"reading mappings from {installed / 'graph_builder' / 'bundled' / 'mappings'} " in elsewhere.stderr


def test_an_installed_link_outside_a_checkout_stops_before_writing_its_package(installed, tmp_path):
    bundled = installed / "graph_builder" / "bundled" / "mappings"
    before = {path.name: path.read_bytes() for path in bundled.iterdir()}
    result = _run_installed(installed, tmp_path, "link", "--endpoint", "http://127.0.0.1:9/sparql",
                            "--cache", str(tmp_path / "cache"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "pass --mappings DIR" in result.stderr, result.stderr
    assert {path.name: path.read_bytes() for path in bundled.iterdir()} == before
