"""The package works anywhere: the built wheel, installed into a fresh environment outside the
checkout, shows a figure, scores a self-assessment, renders a report and runs an app notebook.

The fresh environment sees this environment's third-party packages (one plain path line in a
.pth file, so none of their .pth files run: the editable smedx's finder stays out) and their
Jupyter data (nbconvert's templates, on JUPYTER_PATH), and gets smedx only from the wheel (pip
install --no-deps). The keys scan of the same wheel is in test_keys_unreachable.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from built_wheel import built_wheel

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow

# Run by the fresh environment's python: where the package and its data are, then one app
# notebook of the installed package executed by nbclient in a kernel of that environment.
WHERE = """
import json, smedx, smedx.app_server, smedx.data, smedx.reports
print(json.dumps({"package": smedx.__file__, "datasets": str(smedx.data.DATASETS),
                  "reports": str(smedx.reports.TEMPLATES), "apps": str(smedx.app_server.WIDGETS)}))
"""
RUN_APP = """
import json, sys
from importlib.resources import files
import nbformat
from nbclient import NotebookClient
nb = nbformat.reads((files("smedx") / "widgets" / "explorer.ipynb").read_text("utf-8"), 4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import smedx, sys; from smedx import data; print(smedx.__file__, sys.executable, "
    "data.stat('2.2.2', 'single_point').value)"))
NotebookClient(nb, timeout=120, kernel_name="python3").execute()
errors = [o for cell in nb.cells for o in cell.outputs if o.output_type == "error"]
print(json.dumps({"errors": errors, "last": nb.cells[-1].outputs[0].get("text", "")}))
"""


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """(python, environment variables, working folder) of a fresh venv holding the wheel."""
    base = tmp_path_factory.mktemp("anywhere")
    work, venv = base / "work", base / "venv"
    work.mkdir()
    # Nothing of this checkout on the path: no PYTHONPATH (a checkout's smedx.egg-info on it
    # would make pip skip the wheel as "already installed"), no SMEDX_* overrides.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SMEDX_", "PYTHON"))}
    env.pop("VIRTUAL_ENV", None)
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True, env=env)
    purelib = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = subprocess.run([python, "-c", purelib], capture_output=True, text=True, env=env)
    (Path(site.stdout.strip()) / "course-stack.pth").write_text(sysconfig.get_path("purelib"))
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps"]
    subprocess.run(
        [*pip, "--no-index", "-q", built_wheel()],
        check=True,
        cwd=work,
        env=env,
        capture_output=True,
    )
    return python, env, work


def run(fresh, *args: str, **kwargs) -> subprocess.CompletedProcess:
    python, env, work = fresh
    return subprocess.run(
        [*args], cwd=work, env=env, capture_output=True, text=True, timeout=300, **kwargs
    )


def test_the_wheel_ships_the_data_templates_and_apps_but_no_trainer_files():
    names = set(zipfile.ZipFile(built_wheel()).namelist())
    for name in (
        "smedx/datasets/report2024/datapackage.json",
        "smedx/datasets/report2024/values.csv",
        "smedx/datasets/kit/questionnaire.json",
        "smedx/reports/templates/industry.ipynb",
        "smedx/widgets/explorer.ipynb",
        "smedx/widgets/voila.json",
        "smedx/apps_share/voila/templates/smedx/index.html.j2",
        "smedx/hub/settings.py",
    ):
        assert name in names, name
    committed = subprocess.run(
        ["git", "ls-files", "datasets", "widgets"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    assert committed and {f"smedx/{path}" for path in committed} <= names
    assert {n.split("/")[0] for n in names} == {"smedx", "smedx-0.1.0.dist-info"}
    stale = [n for n in names if n.endswith(".py") and not (ROOT / n).is_file()]
    assert not stale, f"modules the working tree no longer has: {stale}"
    assert not [n for n in names if {"trainer", "solutions"} & set(n.split("/"))], "trainer files"


def test_the_installed_wheel_speaks_chinese_from_its_catalogue(fresh):
    """The wheel carries every area's .po and the .mo kit.py compiled; the installed package
    translates with them."""
    names = set(zipfile.ZipFile(built_wheel()).namelist())
    catalogue = ROOT / "smedx" / "locale" / "zh_CN" / "LC_MESSAGES"
    for po in catalogue.glob("*.po"):
        assert f"smedx/locale/zh_CN/LC_MESSAGES/{po.name}" in names, po.name
        if po.with_suffix(".mo").exists():
            assert f"smedx/locale/zh_CN/LC_MESSAGES/{po.stem}.mo" in names, po.stem
    python = fresh[0]
    speak = "from smedx.i18n import _, using\nwith using('zh'): print(_('Check'))"
    out = run(fresh, str(python), "-c", speak)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "检查"


def test_the_package_and_its_data_are_the_installed_ones(fresh):
    python, _, work = fresh
    out = run(fresh, str(python), "-c", WHERE)
    assert out.returncode == 0, out.stderr[-2000:]
    where = json.loads(out.stdout)
    venv = python.parent.parent
    for path in where.values():
        assert Path(path).exists() and Path(path).resolve().is_relative_to(venv), where
    assert not work.is_relative_to(ROOT)


def test_data_show_and_assess_run_from_the_wheel(fresh):
    python = fresh[0]
    shown = run(fresh, str(python.parent / "smedx"), "data", "show", "2.2.2")
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert "32.4%" in shown.stdout and "N=500" in shown.stdout
    example = run(fresh, str(python.parent / "smedx"), "assess", "--example")
    assert example.returncode == 0, example.stderr[-2000:]
    assessed = run(
        fresh, str(python.parent / "smedx"), "assess", "--json", "-", input=example.stdout
    )
    assert assessed.returncode == 0, assessed.stderr[-2000:]
    assert json.loads(assessed.stdout.splitlines()[0])["assessment"]["stage"] == "single_point"


def test_a_report_renders_from_the_wheel(fresh):
    python, _, work = fresh
    out = run(
        fresh, str(python.parent / "smedx"), "report", "industry", "retail", "--out", "out",
        "--no-progress",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    (page,) = (work / "out").glob("*.html")
    assert "零售" in page.read_text("utf-8")


def test_an_app_notebook_runs_in_a_kernel_of_the_fresh_environment(fresh):
    python = fresh[0]
    out = run(fresh, str(python), "-c", RUN_APP)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["errors"] == []
    package, executable, value = result["last"].split()
    assert Path(package).is_relative_to(python.parent.parent)
    assert executable == str(python) and value == "32.4"


def test_the_hub_needs_a_checkout_and_says_so(fresh):
    out = run(fresh, str(fresh[0].parent / "smedx"), "hub", "check")
    assert out.returncode != 0
    assert "jupyterhub_config.py" in out.stderr and "Traceback" not in out.stderr


def test_a_course_command_reads_the_course_it_is_given(fresh):
    """The installed package holds no course: `smedx course agenda` reads the one --course names
    (the same agenda as from the checkout) and, given none outside a course, says what to do."""
    smedx = str(fresh[0].parent / "smedx")
    out = run(fresh, smedx, "course", "agenda", "--path", "1day", "--course", str(ROOT))
    assert out.returncode == 0, out.stderr[-2000:]
    here = subprocess.run(
        [sys.executable, "-m", "smedx.cli", "course", "agenda", "--path", "1day"],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "SMEDX_LANG": "zh"},
    )  # fmt: skip
    assert "一天课程" in out.stdout and out.stdout == here.stdout
    lost = run(fresh, smedx, "course", "agenda", "--path", "1day")
    assert lost.returncode == 2 and "Traceback" not in lost.stderr
    assert "--course" in lost.stderr and "SMEDX_COURSE" in lost.stderr
