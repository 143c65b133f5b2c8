"""The course stack: pins agree everywhere, and Jupyter sees every extension the course needs."""

import functools
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
COURSE_PACKAGES = [
    "jupyterlab",
    "jupyterlab-language-pack-zh-cn",
    "ipywidgets",
    "anywidget",
    "voila",
    "nbgrader",
    "papermill",
    "nbclient",
    "pandas",
    "plotly",
]


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins_from(lines, pattern) -> dict[str, str]:
    pins = {}
    for line in lines:
        match = re.match(pattern, line.strip())
        if match:
            pins[norm(match["name"])] = match["version"]
    return pins


def pyproject_pins() -> dict[str, str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = [pin for group in meta["optional-dependencies"].values() for pin in group]
    deps += meta["dependencies"]
    return pins_from(deps, r"(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)$")


def test_pins_agree_across_pyproject_environment_and_lock():
    project = pyproject_pins()
    lock = pins_from(
        (ROOT / "requirements.lock").read_text().splitlines(),
        r"(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)$",
    )
    env = pins_from(
        (ROOT / "environment.yml").read_text().splitlines(),
        r"-\s+(?P<name>[A-Za-z0-9_.-]+)[=]{1,2}(?P<version>[^\s=]+)$",
    )
    for package in COURSE_PACKAGES:
        assert package in project, f"{package} is not pinned in pyproject.toml"
        assert lock.get(package) == project[package], f"lock disagrees on {package}"
        assert env.get(package) == project[package], f"environment.yml disagrees on {package}"
    for package, version in project.items():  # test tools too
        assert lock.get(package) == version, f"lock disagrees on {package}"


def test_installed_versions_match_the_lock():
    from importlib.metadata import version

    lock = pins_from(
        (ROOT / "requirements.lock").read_text().splitlines(),
        r"(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)$",
    )
    for package in COURSE_PACKAGES:
        assert version(package) == lock[package], package


@functools.cache  # the listings do not change during a run; each costs seconds
def jupyter(*args: str) -> str:
    out = subprocess.run([str(BIN / "jupyter"), *args], capture_output=True, text=True, check=True)
    return re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)


@pytest.mark.parametrize(
    "extension",
    [
        "@jupyter-widgets/jupyterlab-manager",
        "anywidget",
        "jupyterlab-plotly",
        "@jupyter/nbgrader",
        "@voila-dashboards/jupyterlab-preview",
    ],
)
def test_lab_extension_enabled_and_ok(extension):
    listing = jupyter("labextension", "list")
    line = next((ln for ln in listing.splitlines() if ln.split()[:1] == [extension]), None)
    assert line is not None, f"{extension} missing from:\n{listing}"
    assert "enabled" in line and "OK" in line, line


@pytest.mark.parametrize(
    "extension",
    ["nbgrader.server_extensions.formgrader", "voila.server_extension", "jupyterlab"],
)
def test_server_extension_enabled_and_ok(extension):
    listing = jupyter("server", "extension", "list")
    assert re.search(rf"^\s*{re.escape(extension)} enabled\s*$", listing, re.M), listing
    assert re.search(rf"^\s*{re.escape(extension)} \S* ?OK\s*$", listing, re.M), listing


def test_chinese_ui_is_installed_and_default():
    from jupyterlab_server.translation_utils import get_language_packs

    packs, _messages = get_language_packs("en")
    assert "zh_CN" in packs
    overrides = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json"
    settings = json.loads(overrides.read_text())
    assert settings["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"


def test_smedx_help_is_in_chinese():
    out = subprocess.run(
        [str(BIN / "smedx"), "--help"], capture_output=True, text=True, check=True
    ).stdout
    assert "数转课堂" in out and "SME DX Kit" not in out
    assert "浏览报告数据" in out and "browse the report's data" not in out
