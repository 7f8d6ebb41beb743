"""The defaults of ``spp-kg serve`` are declared once: its options take those of ``ServiceSettings``, and
the README's table of limits says the same values."""

from __future__ import annotations

import argparse
import dataclasses
import re
from pathlib import Path

import pytest

from service.command import add_serve_arguments
from service.settings import DEFAULT_MAX_NESTING, MIB, ServiceSettings

README = Path(__file__).resolve().parent.parent / "README.md"
TABLE_INTRO = "Its limits, all options of `spp-kg serve`:"


def _serve_options() -> dict[str, argparse.Action]:
    parser = argparse.ArgumentParser()
    add_serve_arguments(parser, "dist")
    return {option: action for action in parser._actions for option in action.option_strings}


def _limits_table() -> list[list[str]]:
    """The rows of the README's limits table (header and rule left out), each as its cells."""
    lines = README.read_text(encoding="utf-8").split(TABLE_INTRO, 1)[1].strip().splitlines()
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


def _as_written(option: str, action: argparse.Action) -> str:
    """An option's default as the README writes it: seconds, sizes in MiB / KiB / kB, the help's words
    for a default that depends on something else."""
    value = action.default
    if value is None:
        return re.search(r"default: (.*)\)$", action.help).group(1)
    if isinstance(value, float):
        return f"{value:g} s"
    if option.endswith("-bytes"):
        for unit, size in (("MiB", MIB), ("KiB", 1024), ("kB", 1000)):
            if value % size == 0:
                return f"{value // size} {unit}"
    return str(value)


def test_every_option_takes_the_default_of_the_settings():
    defaults = {field.name: field.default for field in dataclasses.fields(ServiceSettings)
                if field.default is not dataclasses.MISSING}
    actions = {action.dest: action for action in _serve_options().values()}
    compared = [name for name in defaults if name in actions]
    assert len(compared) >= 15, compared
    for name in compared:
        assert actions[name].default == defaults[name], name


@pytest.mark.parametrize("row", _limits_table(), ids=lambda row: row[1].split("`")[1] if "`" in row[1] else row[1])
def test_the_readmes_limits_table_says_the_defaults(row):
    options = _serve_options()
    match = re.fullmatch(r"`(--[a-z-]+)`[^(]*\((.*)\)", row[1])
    if match is None:
        assert row[1] == f"{DEFAULT_MAX_NESTING} levels"
        return
    option, written = match.group(1), match.group(2).replace("`", "")
    assert written == _as_written(option, options[option])
