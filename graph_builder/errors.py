"""Typed errors of the command line: each maps to an exit code of DESIGN §5."""

from __future__ import annotations


class SppKgError(Exception):
    """Base class; ``exit_code`` is what the command line returns."""

    exit_code = 2


class InputError(SppKgError):
    """Bad input or usage: a corpus file, a sidecar, a mapping file, an argument (exit 2)."""

    exit_code = 2

    def __init__(self, message: str, path: object | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path is not None:
            where = f"{path}:{line}: " if line is not None else f"{path}: "
        super().__init__(f"{where}{message}")


class ValidationFailed(SppKgError):
    """The graph does not conform to its SHACL shapes (exit 1)."""

    exit_code = 1

    def __init__(self, message: str, report: str = ""):
        self.report = report
        super().__init__(message)
