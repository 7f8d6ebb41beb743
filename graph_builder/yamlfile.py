"""Read YAML files keeping line numbers, so that errors can name the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import InputError


class LineDict(dict):
    """A mapping from a YAML file that remembers the line it started on (1-based)."""

    line: int = 0


class LineList(list):
    """A sequence from a YAML file that remembers the line it started on (1-based)."""

    line: int = 0


class LineStr(str):
    """A string from a YAML file that remembers its line (1-based)."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings, sequences and strings carry their line number."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):  # type: ignore[override]
        sequence = LineList(super().construct_sequence(node, deep=True))
        sequence.line = node.start_mark.line + 1
        return sequence


def _construct_str(loader: _LineLoader, node: yaml.ScalarNode) -> LineStr:
    value = LineStr(loader.construct_scalar(node))
    value.line = node.start_mark.line + 1
    return value


_LineLoader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_yaml(path: Path) -> Any:
    """Parse a YAML file; a syntax or encoding error becomes an InputError naming file and line."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start})", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", path) from None


def line_of(value: Any, default: int | None = None) -> int | None:
    """The line a loaded value came from, when known."""
    return getattr(value, "line", default) or default
