"""Which course a trainer-side step reads (smedx.course_folder): the one given, --course,
SMEDX_COURSE, the current folder, then the checkout; a folder that is no course is refused.
The installed wheel (no checkout to fall back on) is tested in test_wheel.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from smedx.cli import main
from smedx.course_folder import course_folder, inside_a_course, using_course
from smedx.errors import KitError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def one_module_course(tmp_path) -> Path:
    """A course folder holding module 00 only."""
    course = tmp_path / "course"
    (course / "modules").mkdir(parents=True)
    shutil.copy2(ROOT / "nbgrader_config.py", course)
    (module,) = (ROOT / "modules").glob("00_*.ipynb")
    shutil.copy2(module, course / "modules")
    return course


def test_the_order_given_chosen_environment_current_folder_checkout(
    one_module_course, tmp_path, monkeypatch
):
    monkeypatch.delenv("SMEDX_COURSE", raising=False)
    monkeypatch.chdir(tmp_path)  # no course here
    assert course_folder() == ROOT  # the checkout the package is imported from
    monkeypatch.chdir(one_module_course)
    assert course_folder() == one_module_course
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SMEDX_COURSE", str(one_module_course))
    assert course_folder() == one_module_course
    with using_course(ROOT):
        assert course_folder() == ROOT
        assert course_folder(tmp_path) == tmp_path  # an explicit folder always wins
    assert course_folder() == one_module_course


def test_a_folder_that_is_no_course_is_refused(tmp_path, monkeypatch):
    with pytest.raises(KitError) as err, using_course(tmp_path):
        pass
    assert "nbgrader_config.py" in err.value.en and "modules/" in err.value.zh
    monkeypatch.setenv("SMEDX_COURSE", str(tmp_path))
    with pytest.raises(KitError, match="SMEDX_COURSE"):
        course_folder()


def test_inside_a_course(tmp_path):
    assert inside_a_course(ROOT / "cert-secret.txt")
    assert inside_a_course(ROOT / "docs" / "secret.txt")
    assert not inside_a_course(tmp_path / "cert-secret.txt")


def test_course_commands_read_the_course_named_by_course(one_module_course, capsys):
    assert main(["course", "agenda", "--path", "1day", "--course", str(one_module_course)]) == 0
    agenda = capsys.readouterr().out
    assert "m00.s0" in agenda and "m01.s0" not in agenda
    assert main(["course", "agenda", "--path", "1day", "--course", str(one_module_course.parent)])
    assert "不是课程文件夹" in capsys.readouterr().err
