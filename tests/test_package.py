"""Packaging facts users and tools rely on: the version, and the PEP 561 typing marker."""

from __future__ import annotations

import importlib.metadata
import re
import tomllib
from importlib import resources

import dupguard
from tests.support import REPO


def test_version_matches_the_installed_metadata() -> None:
    assert dupguard.__version__ == importlib.metadata.version("dupguard")


def test_version_comes_from_the_package_as_pyproject_says() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    if "version" in project:
        assert project["version"] == dupguard.__version__
    else:  # dynamic: hatch reads it from the path pyproject names
        assert "version" in project["dynamic"]
        path = REPO / pyproject["tool"]["hatch"]["version"]["path"]
        match = re.search(r'^__version__ = "([^"]+)"$', path.read_text(encoding="utf-8"), re.MULTILINE)
        assert match is not None
        assert match.group(1) == dupguard.__version__


def test_version_is_pep440() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?", dupguard.__version__)


def test_py_typed_ships_in_the_package() -> None:
    marker = resources.files("dupguard") / "py.typed"
    assert marker.is_file()


def test_version_is_public() -> None:
    assert "__version__" in dupguard.__all__
