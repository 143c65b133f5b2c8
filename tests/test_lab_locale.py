"""lab_language(): JupyterLab's chosen locale read from real settings files, in JupyterLab's order."""

import json
import logging
import os

import pytest

from smedx import i18n, lab_locale
from smedx.lab_locale import PLUGIN, kit_language, lab_language

USER_TEXT = """{
    // Language
    // @jupyterlab/translation-extension:plugin
    // Language settings.
    // ****************************************

    // Language locale
    "locale": "%s",
}
"""


@pytest.fixture
def lab(tmp_path, monkeypatch):
    """A JupyterLab app dir, a learner config folder and a user settings folder, all empty."""
    folders = {name: tmp_path / name for name in ("app", "learner", "config", "user")}
    for folder in folders.values():
        folder.mkdir()
    monkeypatch.setenv("JUPYTERLAB_DIR", str(folders["app"]))
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(folders["learner"]))
    monkeypatch.setenv("JUPYTER_CONFIG_DIR", str(folders["config"]))
    monkeypatch.setenv("JUPYTERLAB_SETTINGS_DIR", str(folders["user"]))
    monkeypatch.delenv("SMEDX_LANG", raising=False)
    monkeypatch.setattr(lab_locale, "RECHECK_SECONDS", 0)  # every call looks at the files
    return folders


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def overrides(folder, locale, name="overrides.json"):
    return write(folder / "settings" / name, json.dumps({PLUGIN: {"locale": locale}}))


def learner_default(folder, locale):
    path = folder / "labconfig" / "default_setting_overrides.json"
    return write(path, json.dumps({PLUGIN: {"locale": locale}}))


def user_choice(folder, locale):
    path = folder / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    return write(path, USER_TEXT % locale)


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("zh_CN", "zh"), ("zh-CN", "zh"), ("en", "en"), ("en_US", "en"), ("default", None)]
    + [("fr_FR", None), ("", None), (None, None), (3, None)],
)
def test_locale_names(locale, expected):
    assert kit_language(locale) == expected


def test_nothing_set_says_nothing(lab):
    assert lab_language() is None


def test_app_overrides_give_the_default(lab):
    overrides(lab["app"], "zh_CN")
    assert lab_language() == "zh"


def test_the_learner_config_wins_over_the_app_overrides(lab):
    overrides(lab["app"], "en")
    learner_default(lab["learner"], "zh_CN")
    assert lab_language() == "zh"


def test_the_learners_choice_wins_and_may_carry_comments(lab):
    overrides(lab["app"], "zh_CN")
    learner_default(lab["learner"], "zh_CN")
    user_choice(lab["user"], "en")
    assert lab_language() == "en"


def test_the_user_file_in_the_jupyter_config_dir(lab, monkeypatch):
    monkeypatch.delenv("JUPYTERLAB_SETTINGS_DIR")
    user_choice(lab["config"] / "lab" / "user-settings", "en")
    assert lab_language() == "en"


def test_default_in_the_users_file_means_no_choice(lab):
    overrides(lab["app"], "zh_CN")
    user_choice(lab["user"], "default")
    assert lab_language() is None


def test_a_user_file_without_locale_leaves_the_default(lab):
    overrides(lab["app"], "zh_CN")
    write(
        lab["user"] / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings",
        '{ "stringsPrefix": "!" }',
    )
    assert lab_language() == "zh"


def test_overrides_d_and_json5(lab):
    overrides(lab["app"], "en", "overrides.d/10-kit.json")
    assert lab_language() == "en"
    overrides(lab["app"], "zh_CN", "overrides.json5")
    assert lab_language() == "zh"


def test_a_changed_file_is_read_again(lab):
    path = user_choice(lab["user"], "en")
    assert lab_language() == "en"
    user_choice(lab["user"], "zh_CN")
    os.utime(path, ns=(1, 1))  # a different mtime even on a coarse clock
    assert lab_language() == "zh"


def test_the_files_are_looked_at_again_after_a_while(lab, monkeypatch):
    """Between two looks the answer comes from the cache; a change shows after RECHECK_SECONDS."""
    user_choice(lab["user"], "en")
    monkeypatch.setattr(lab_locale, "RECHECK_SECONDS", 3600)
    monkeypatch.setattr(lab_locale, "_checked_at", -float("inf"))
    assert lab_language() == "en"
    os.remove(lab["user"] / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings")
    assert lab_language() == "en"  # not looked at again yet
    monkeypatch.setattr(lab_locale, "_checked_at", lab_locale._checked_at - 3600)
    assert lab_language() is None


def test_a_broken_file_is_logged_and_ignored(lab, caplog):
    user = user_choice(lab["user"], "en")
    user.write_text('{"locale": "en"', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="smedx.lab_locale"):
        assert lab_language() is None
    assert str(user) in caplog.text
    overrides(lab["app"], "zh_CN")  # JupyterLab, too, falls back to the default
    assert lab_language() == "zh"


def test_a_broken_overrides_file(lab):
    write(lab["app"] / "settings" / "overrides.json", "[1, 2")
    learner = learner_default(lab["learner"], "zh_CN")
    learner.write_bytes(b"\xff\xfe not utf-8")
    assert lab_language() is None


def test_the_kit_follows_jupyterlab_unless_told_otherwise(lab, monkeypatch):
    user_choice(lab["user"], "en")
    assert i18n.language() == "en"
    monkeypatch.setenv("SMEDX_LANG", "zh")
    assert i18n.language() == "zh"
    monkeypatch.delenv("SMEDX_LANG")
    with i18n.using("zh"):
        assert i18n.language() == "zh"
    user_choice(lab["user"], "default")
    assert i18n.language() == "zh"
