"""`smedx --help` and the trainer's grading lines in one language (issue #16, item 2): Chinese
help has no English sentence (commands, options and tool names aside), English help no Chinese,
whether the language comes from --lang before or after the command, SMEDX_LANG or the default;
argparse's own words ("usage:", "options", its errors) follow it."""

from __future__ import annotations

import argparse
import re

import pytest
from lang_check import english_words, has_han, stray_han

from smedx import cli
from smedx.cli import common
from smedx.grading.parallel import Outcome, progress_label, summary_lines
from smedx.i18n import using
from smedx.models.common import INDUSTRIES

# What a Chinese help keeps in Latin letters: the names a trainer types (commands, options,
# metavars, files, environment variables) and the tools the kit drives.
TOOLS = {"nbgrader", "autograde", "Voila", "JupyterHub", "jupyterhub", "nbgitpuller", "npm", "root"}
TOOLS |= {"papermill", "CSV", "HTML", "Markdown", "Python", "UTF", "GBK", "zip"}
TOOLS |= {"full", "all", "main", *INDUSTRIES}  # values as typed: course path, industry, branch
CODE = re.compile(
    r"--?[\w-]+|\b\d\w+|\w*_\w*|\w+(?:-\w+)+|\{[^}]*\}|\$?\b[A-Z][A-Z0-9_]+\b|\S*[/.=]\S*|\bsmedx[\w-]*|`[^`]*`|'[^']*'"
)


def help_text(argv: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as stop:
        cli.main([*argv, "--help"])
    assert stop.value.code == 0
    return capsys.readouterr().out


def english_in_chinese_help(text: str, commands: set[str]) -> list[str]:
    """English words of a Chinese help text that are not something to type or a tool's name."""
    found = []
    usage = True
    for line in text.splitlines():
        usage = usage and bool(line.strip())
        if usage:
            continue  # the usage lines are a command
        if re.match(r" {2,4}\S", line):  # an argument, a command or an example: its name goes
            line = re.split(r"\S {2,}", line, maxsplit=1)[1] if re.search(r"\S {2,}", line) else ""
        words = english_words(CODE.sub(" ", line))
        found += [w for w in words if w not in TOOLS and w not in commands]
    return found


def commands_of(parser: argparse.ArgumentParser) -> set[str]:
    names = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                names |= {name, *commands_of(sub)}
    return names


COMMANDS = commands_of(cli.build_parser("en"))
HELPS = [[], ["data"], ["grade"], ["data", "show"], ["assignments", "build"], ["hub"], ["apps"]]


@pytest.mark.parametrize("argv", HELPS, ids=lambda a: " ".join(a) or "smedx")
def test_chinese_help_is_chinese_only(argv, capsys, monkeypatch):
    monkeypatch.setenv("SMEDX_LANG", "zh")
    text = help_text(argv, capsys)
    assert text.startswith("用法：smedx") and re.search("^选项[:：]$", text, re.M)
    assert "show this help message" not in text
    assert english_in_chinese_help(text, COMMANDS) == [], text
    assert help_text(["--lang", "zh", *argv], capsys) == text
    monkeypatch.setenv("SMEDX_LANG", "en")
    assert help_text([*argv, "--lang", "zh"], capsys) == text


@pytest.mark.parametrize("argv", HELPS, ids=lambda a: " ".join(a) or "smedx")
def test_english_help_is_english_only(argv, capsys, monkeypatch):
    monkeypatch.delenv("SMEDX_LANG", raising=False)
    before = help_text(["--lang", "en", *argv], capsys)
    assert before.startswith("usage: smedx") and "options:" in before
    assert not has_han(before), before
    assert help_text([*argv, "--lang", "en"], capsys) == before
    assert help_text([*argv, "--lang=en"], capsys) == before
    monkeypatch.setenv("SMEDX_LANG", "en")
    assert help_text(argv, capsys) == before


def test_every_command_help_is_in_one_language(capsys, monkeypatch):
    monkeypatch.delenv("SMEDX_LANG", raising=False)
    for name in sorted(COMMANDS):
        path = next(p for p in _paths(cli.build_parser("en")) if p[-1] == name)
        zh = help_text(["--lang", "zh", *path], capsys)
        assert english_in_chinese_help(zh, COMMANDS) == [], zh
        en = help_text(["--lang", "en", *path], capsys)
        assert not stray_han(en), en


def _paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield [*path, name]
                yield from _paths(sub, (*path, name))


def test_argparse_errors_follow_the_language(capsys, monkeypatch):
    monkeypatch.delenv("SMEDX_LANG", raising=False)
    for argv, expected in (
        (["data", "list", "--lang", "fr"], "invalid choice: 'fr'"),  # no language: the default
        (["--lang", "en", "data", "show"], "the following arguments are required: figure_id"),
        (["--lang", "zh", "data", "show"], "缺少以下参数：figure_id"),
        (["--lang", "zh", "grade", "m01", "--jobs", "two"], "无效的 int 值：'two'"),
    ):
        monkeypatch.setenv("SMEDX_LANG", "en" if argv[:2] == ["data", "list"] else "zh")
        with pytest.raises(SystemExit) as stop:
            cli.main(argv)
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert expected in err and "Traceback" not in err, err


def test_argparse_is_given_back_its_own_words(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "zh", "--help"])
    capsys.readouterr()
    assert argparse._("usage: ") == "usage: "  # outside a command, argparse is argparse again
    parser = argparse.ArgumentParser(prog="other")
    assert "show this help message and exit" in parser.format_help()


def test_the_language_is_found_before_the_parser():
    assert common.argv_lang(["data", "list", "--lang", "en"]) == "en"
    assert common.argv_lang(["--lang=zh", "data", "list"]) == "zh"
    assert common.argv_lang(["data", "--lang", "fr"]) is None  # argparse refuses it later
    assert common.argv_lang(["--lang", "zh", "data", "list", "--lang", "en"]) == "en"  # as argparse
    assert common.argv_lang(["hub", "start", "--", "--lang", "en"]) is None  # jupyterhub's


OUTCOMES = [
    Outcome("wang", True, score=14, max_score=15, needs_manual=True),
    Outcome("li", True, score=3, max_score=15, limits=["timeout", "memory"]),
    Outcome("zhao", True, score=15, max_score=15, late_penalty=2),
    Outcome("broken", False),
]


def test_grading_progress_and_summary_in_chinese():
    with using("zh"):
        lines = [progress_label("m01"), *summary_lines(OUTCOMES)]
    assert lines[0] == "批改 m01"
    assert lines[1].split() == ["学员", "分数", "迟交扣分", "状态"]
    assert lines[2].split()[-1] == "待人工评分" and lines[3].endswith("达到限制：超时、内存")
    assert lines[4].split() == ["zhao", "15/15", "2", "完成"]
    assert lines[5].split() == ["broken", "—", "—", "失败"]
    names = re.compile("|".join(o.student for o in OUTCOMES))
    assert not [line for line in lines if english_words(names.sub("", line))]

    # the columns line up on a terminal, where a Chinese character is two columns wide
    def width(text: str) -> int:
        return len(text) + len(re.findall(r"[^\x00-\u2e7f]", text))

    assert width(lines[1][: lines[1].index("状态")]) == width(lines[4][: lines[4].index("完成")])


def test_grading_progress_and_summary_in_english():
    with using("en"):
        lines = [progress_label("m01"), *summary_lines(OUTCOMES)]
    assert lines[0] == "grading m01"
    assert lines[1].split() == ["learner", "score", "late", "penalty", "status"]
    assert lines[2].endswith("needs manual grading") and lines[3].endswith("timeout, memory")
    assert lines[4].split() == ["zhao", "15/15", "2", "done"]
    assert lines[5].endswith("FAILED")
    assert not [line for line in lines if has_han(line)]


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        # raised by the command, printed by smedx.cli.main
        (["course", "pack", "--path", "3day"], "没有课程路径 '3day'", "no course path '3day'"),
        # raised and printed inside a command (the decision models' own guard)
        (["assess", "no-such-answers.json"], "找不到文件", "file not found"),
    ],
)
def test_a_command_error_is_in_one_language(argv, zh, en, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("SMEDX_LANG", raising=False)
    monkeypatch.chdir(tmp_path)
    argv = [*argv, "--out", str(tmp_path / "out")] if argv[0] == "course" else argv

    def error(args: list[str]) -> str:
        assert cli.main(args) == 2
        return capsys.readouterr().err

    err = error(argv)
    assert err.startswith("错误：") and zh in err and "Error" not in err and en not in err
    english = [error(["--lang", "en", *argv]), error([*argv, "--lang", "en"])]
    monkeypatch.setenv("SMEDX_LANG", "en")
    english.append(error(argv))
    for err in english:
        assert err.startswith("Error: ") and en in err and not has_han(err), err
    # --lang zh wins over SMEDX_LANG=en
    assert error([*argv, "--lang=zh"]).startswith("错误：")


def test_a_bad_smedx_lang_is_said_in_both_languages(capsys, monkeypatch):
    # no language could be decided, so the refusal is said in both
    monkeypatch.setenv("SMEDX_LANG", "fr")
    assert cli.main(["data", "list"]) == 2
    err = capsys.readouterr().err
    assert "错误：环境变量 SMEDX_LANG='fr' 无效" in err and "Error: SMEDX_LANG='fr'" in err
