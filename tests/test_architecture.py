"""The packages depend one way: ``graph_builder`` never imports ``service``, ``service`` never imports
the command line, and the command line (``spp_kg/cli.py``) is the only module that imports both.

Every module's imports are read with ``ast`` (those inside functions too), so an import made late to
keep start-up light counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("spp_kg", "graph_builder", "service")


def imported_modules(path: Path) -> set[str]:
    """The dotted names a module imports; ``from a import b`` names both ``a`` and ``a.b`` (``b`` may be a
    module), and a relative import is one of the module's own package."""
    own_package = path.relative_to(ROOT).parts[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = ".".join(filter(None, (own_package, node.module))) if node.level else node.module
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def modules_of(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


IMPORTS = {path.relative_to(ROOT).as_posix(): imported_modules(path) for package in PACKAGES
           for path in modules_of(package)}


def packages_imported_by(module: str) -> set[str]:
    """The other top-level packages a module imports (its own package left out)."""
    return {name.split(".")[0] for name in IMPORTS[module]} - {module.split("/")[0]}


@pytest.mark.parametrize("package", PACKAGES)
def test_every_package_has_modules(package):
    assert modules_of(package), f"no modules found under {package}/"


def test_the_graph_builder_imports_neither_the_service_nor_the_command_line():
    offenders = {module: sorted(packages_imported_by(module) & {"service", "spp_kg"}) for module in IMPORTS
                 if module.startswith("graph_builder/")}
    assert not {module: packages for module, packages in offenders.items() if packages}


def test_the_service_never_imports_the_command_line():
    offenders = [module for module in IMPORTS if module.startswith("service/") and "spp_kg" in packages_imported_by(module)]
    assert not offenders


def test_the_command_line_is_the_only_module_that_imports_both_packages():
    both = [module for module in IMPORTS if {"graph_builder", "service"} <= packages_imported_by(module)]
    assert both == ["spp_kg/cli.py"]


def test_the_service_never_builds():
    builders = [module for module, names in IMPORTS.items()
                if module.startswith("service/") and "graph_builder.build" in names]
    assert not builders


def test_every_route_evaluates_through_the_evaluation_module():
    borrowers = [module for module, names in IMPORTS.items()
                 if {"service.sparql.evaluate", "service.sparql.TRUNCATED_HEADER"} & names]
    assert not borrowers


def test_no_module_imports_the_private_names_of_another():
    private = {module: sorted(name for name in names if name.rsplit(".", 1)[-1].startswith("_")
                              and not name.rsplit(".", 1)[-1].startswith("__"))
               for module, names in IMPORTS.items()}
    assert not {module: names for module, names in private.items() if names}
