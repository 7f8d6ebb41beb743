"""The command line is declared once, in its parsers: the README names every option of every command (in
its table of commands, or where it explains them), and a default the table writes next to an option is
the parser's. The limits of ``serve`` are checked against its settings in test_serve_settings.py."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from spp_kg.cli import make_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands() -> dict[str, argparse.ArgumentParser]:
    (subcommands,) = [a for a in make_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(subcommands.choices)


def _long_options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {o: a for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"}


def _table_row(command: str) -> str:
    """The README's row of the commands table for ``command``."""
    rows = [line for line in README.splitlines() if line.startswith(f"| `spp-kg {command}")]
    assert len(rows) == 1, f"the README's commands table has {len(rows)} rows for {command}"
    return rows[0]


@pytest.mark.parametrize("command", sorted(_commands()))
def test_the_readme_names_every_option_of_every_command(command):
    row = _table_row(command)
    missing = [option for option in _long_options(_commands()[command])
               if not re.search(re.escape(option) + r"(?![\w-])", row + README)]
    assert not missing, f"spp-kg {command}: options the README never names: {missing}"


@pytest.mark.parametrize("command", sorted(_commands()))
def test_a_default_written_in_the_readme_is_the_parsers(command):
    options = _long_options(_commands()[command])
    # "[--batch-size 10000]", "[--threshold 0.85]", "[--port 8000]" in the command's synopsis
    for option, written in re.findall(r"\[(--[a-z-]+) ([0-9][0-9.]*|[0-9]{1,3}(?:\.[0-9]+){3})\]", _table_row(command)):
        default = options[option].default
        assert str(default) == written or (isinstance(default, float) and float(written) == default), \
            f"spp-kg {command} {option}: README {written}, parser {default}"
