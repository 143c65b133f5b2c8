"""`--lang` works before or after every subcommand, and SMEDX_LANG is the default."""

from __future__ import annotations

import argparse

import pytest

from smedx import cli


def _leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path, parser
    for action in subs:
        for name, sub in action.choices.items():
            yield from _leaves(sub, (*path, name))


def _required_args(parser: argparse.ArgumentParser) -> list[str]:
    """The least a command accepts: a value for each positional and each required option."""
    argv = []
    for action in parser._actions:
        if action.option_strings and not action.required:
            continue
        if action.nargs in ("?", "*", argparse.REMAINDER, argparse.SUPPRESS, 0):
            continue
        value = (
            str(action.choices[0])
            if action.choices
            else "1"
            if action.type in (int, float)
            else "x"
        )
        argv += [action.option_strings[0], value] if action.option_strings else [value]
    return argv


COMMANDS = {" ".join(path): sub for path, sub in _leaves(cli.build_parser()) if path}


def test_every_command_is_collected():
    assert {"data list", "data show", "assess", "plan build", "report cohort"} <= set(COMMANDS)
    assert any(name.startswith("course ") for name in COMMANDS)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_lang_before_or_after_the_command_and_from_smedx_lang(command, monkeypatch):
    monkeypatch.delenv("SMEDX_LANG", raising=False)
    words, rest = command.split(), _required_args(COMMANDS[command])

    def parse(argv):  # a new parser each time: SMEDX_LANG is read when it is built
        return cli.build_parser().parse_args(argv)

    assert parse([*words, *rest]).lang == "zh"
    assert parse(["--lang", "en", *words, *rest]).lang == "en"
    assert parse([*words, "--lang", "en", *rest]).lang == "en"
    monkeypatch.setenv("SMEDX_LANG", "en")
    assert parse([*words, *rest]).lang == "en"
    assert parse([*words, "--lang", "zh", *rest]).lang == "zh"
    assert parse(["--lang", "zh", *words, *rest]).lang == "zh"


def test_data_list_prints_english_with_lang_after_the_command(capsys, monkeypatch):
    monkeypatch.delenv("SMEDX_LANG", raising=False)
    assert cli.main(["data", "list", "--lang", "en"]) == 0
    after = capsys.readouterr().out
    assert cli.main(["--lang", "en", "data", "list"]) == 0
    assert capsys.readouterr().out == after and "Digital" in after
    monkeypatch.setenv("SMEDX_LANG", "en")
    assert cli.main(["data", "list"]) == 0
    assert capsys.readouterr().out == after


def test_a_bad_smedx_lang_is_refused_in_both_languages(capsys, monkeypatch):
    monkeypatch.setenv("SMEDX_LANG", "fr")
    assert cli.main(["data", "list"]) == 2
    err = capsys.readouterr().err
    assert "SMEDX_LANG" in err and "zh 或 en" in err and "zh or en" in err
    assert "Traceback" not in err
