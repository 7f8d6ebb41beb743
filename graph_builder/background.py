"""A call run by a forked process of its own while the caller goes on; ``result`` waits for it and
returns what it returned, or raises what it raised. Without fork the call runs at once, in the caller."""

from __future__ import annotations

import concurrent.futures
import multiprocessing
from typing import Any, Callable


class InBackground:
    """``function(*arguments)`` in a forked process: both are pickled to it by name, so ``function``
    is a module-level function and the process inherits nothing it has to share back."""

    def __init__(self, function: Callable[..., Any], *arguments: Any):
        self._executor: concurrent.futures.Executor | None = None
        if "fork" in multiprocessing.get_all_start_methods():
            self._executor = concurrent.futures.ProcessPoolExecutor(1, multiprocessing.get_context("fork"))
            self._future = self._executor.submit(function, *arguments)
        else:
            self._value = function(*arguments)

    def result(self) -> Any:
        if self._executor is not None:
            try:
                self._value = self._future.result()
            finally:
                self._executor.shutdown()
                self._executor = None
        return self._value
