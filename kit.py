#!/usr/bin/env python3
"""Set up the kit's environment and run it: needs nothing but Python 3.11+.

    python3 kit.py start    # set up (first time only), then a learner's JupyterLab on 127.0.0.1
    python3 kit.py start --trainer   # the same with the trainer's tools (nbgrader formgrader …)
    python3 kit.py test     # set up (first time only), then the whole test suite
    python3 kit.py test --fast   # only the unit and kernel tiers, in parallel (pytest-xdist)
    python3 kit.py setup    # only set up
    python3 kit.py smedx …  # the `smedx` command of the environment, e.g. `kit.py smedx data list`
    python3 kit.py bench    # run every benchmark in bench/ (ratios against an in-run baseline)
    python3 kit.py lock     # maintainers: re-resolve requirements.lock from pyproject.toml
    python3 kit.py catalogue     # maintainers: extract the messages, list untranslated ones
                                 # (--update AREA [PATH ...] adds them to one area's .po)

The environment is a virtualenv in .venv (or `--venv DIR`, also read from SMEDX_VENV) installed
from requirements.lock. A stamp records the hash of pyproject.toml and requirements.lock, so a
second run with nothing changed installs nothing. `--current-env` uses the running interpreter
instead (conda, Binder, a hub image). Supported: CPython 3.11 (3.11.2, Debian 12's, and newer)
to 3.13; kit.py refuses any other version before installing anything.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("SMEDX_VENV") or ROOT / ".venv").absolute()
# The Pythons requirements.lock installs on and the suite passes on (CI runs it on both ends:
# Debian 12's 3.11.2 and 3.13). Keep in step with pyproject's requires-python and the README.
OLDEST, NEWEST = (3, 11, 2), (3, 13)
LOCK = ROOT / "requirements.lock"
# The first module in the learner's language (Chinese unless SMEDX_LANG or JupyterLab says English).
START_PAGES = {"zh": "modules/00_入门.ipynb", "en": "modules/en/00_getting_started.ipynb"}
LAB_OVERRIDES = ROOT / "deploy" / "lab" / "overrides.json"
# A self-study learner's Jupyter configuration (no nbgrader: no exchange on a laptop; no news) and
# data (the python3 kernel without a debugger, smedx/kernel.py).
LEARNER_CONFIG = ROOT / "deploy" / "lab" / "learner"
LEARNER_DATA = ROOT / "deploy" / "lab" / "learner-data"
CATALOGUE = ROOT / "smedx" / "locale" / "zh_CN" / "LC_MESSAGES"  # <area>.po, compiled to .mo


def say(zh: str, en: str) -> None:
    print(f"[kit] {zh} / {en}", flush=True)


def run(*cmd: str | Path, **kw) -> None:
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def env_python(current_env: bool) -> Path:
    if current_env:
        return Path(sys.executable)
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def inputs_hash() -> str:
    digest = hashlib.sha256()
    for path in (ROOT / "pyproject.toml", LOCK, LAB_OVERRIDES):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def unsupported(version: tuple[int, ...]) -> str | None:
    """Why this Python cannot run the kit (None when it can)."""
    shown = ".".join(map(str, version[:3]))
    if tuple(version[:3]) < OLDEST or tuple(version[:2]) > NEWEST:
        return (
            f"需要 Python 3.11.2 至 3.13，当前为 {shown}。请换用受支持的版本（Debian 12 自带的 "
            f"python3 即可）。 / Python 3.11.2 to 3.13 is required, this is {shown}. Use a "
            "supported one (Debian 12's own python3 works)."
        )
    return None


def setup(current_env: bool) -> Path:
    """Create the environment if needed; install only when the inputs changed."""
    problem = unsupported(tuple(sys.version_info))
    if problem:
        sys.exit(problem)
    python = env_python(current_env)
    stamp = (Path(sys.prefix) if current_env else VENV) / ".smedx-kit-stamp"
    wanted = inputs_hash()
    if stamp.exists() and stamp.read_text() == wanted and python.exists():
        return python
    if not python.exists():
        say("创建虚拟环境 .venv", "creating the virtual environment .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("安装依赖（首次约 1 分钟）", "installing dependencies (about a minute the first time)")
    pip = [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    run(*pip, "-r", LOCK)
    run(*pip, "--no-deps", "-e", ROOT)
    install_lab_overrides(python)
    stamp.write_text(wanted)
    say("环境已就绪", "environment ready")
    say_how_to_run_smedx(current_env)
    return python


def stale_catalogues() -> list[Path]:
    """The .po files whose .mo is missing or older (gitignored: built here, shipped in the wheel)."""
    return [
        po
        for po in sorted(CATALOGUE.glob("*.po"))
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]


def compile_catalogues(python: Path) -> None:
    """Compile the message catalogue when a .po changed (the kit reads a .po too, only slower)."""
    if not stale_catalogues():
        return
    if subprocess.call([str(python), "-m", "smedx.catalogue", "--compile"], cwd=ROOT) != 0:
        say(
            "消息目录未能编译，将直接读取 .po 文件（python3 kit.py catalogue 可查原因）",
            "the message catalogue did not compile; the .po files are read instead "
            "(python3 kit.py catalogue says why)",
        )


def say_how_to_run_smedx(current_env: bool) -> None:
    """The environment is not activated in the user's shell: say how to reach `smedx`."""
    if current_env:
        return
    scripts = VENV / ("Scripts" if os.name == "nt" else "bin")
    activate = f"source {scripts / 'activate'}" if os.name != "nt" else str(scripts / "activate")
    venv = "" if (ROOT / ".venv").absolute() == VENV else f" --venv {VENV}"
    command = f"python3 kit.py{venv} smedx --help"
    say(
        f"smedx 命令：{command}，或先激活环境：{activate}",
        f"the smedx command: {command}, or activate first: {activate}",
    )


def install_lab_overrides(python: Path) -> None:
    """Make the Chinese UI the JupyterLab default (users can still switch language)."""
    prefix = subprocess.run(
        [str(python), "-c", "import sys; print(sys.prefix)"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    target = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    # whole or not at all: JupyterLab ignores an overrides.json it cannot parse, so a half-written
    # one would silently drop the Chinese default
    with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".overrides-", delete=False) as part:
        part.write(LAB_OVERRIDES.read_bytes())
    # a temporary file is private (0600), but every learner's JupyterLab reads this one: without
    # it their lab extension fails to load (PermissionError) and /lab answers 404
    os.chmod(part.name, 0o644)
    os.replace(part.name, target)


def learner_environment(environ: dict[str, str]) -> dict[str, str]:
    """The environment of a learner's JupyterLab: the learner's folders first on
    JUPYTER_CONFIG_PATH and JUPYTER_PATH, so they win over what the environment installs."""
    env = dict(environ)
    for name, folder in (("JUPYTER_CONFIG_PATH", LEARNER_CONFIG), ("JUPYTER_PATH", LEARNER_DATA)):
        paths = [p for p in environ.get(name, "").split(os.pathsep) if p]
        env[name] = os.pathsep.join([str(folder), *paths])
    return env


def start_language(python: Path, env: dict[str, str]) -> str:
    """The language the learner's kernels will follow: smedx.i18n.language() asked in the server's
    environment (SMEDX_LANG, else JupyterLab's language setting, else zh)."""
    code = "from smedx.i18n import language; print(language())"
    try:
        run = subprocess.run(
            [str(python), "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return "zh"
    answer = run.stdout.strip()
    return answer if run.returncode == 0 and answer in START_PAGES else "zh"


def start_page(lang: str) -> str:
    page = START_PAGES.get(lang, START_PAGES["zh"])
    return page if (ROOT / page).exists() else "README.md"


def start_command(python: Path, extra: list[str], lang: str = "zh") -> list[str]:
    page = start_page(lang)
    cmd = [
        python,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={ROOT}",
        f"--LabApp.default_url=/lab/tree/{page}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # JupyterLab refuses root otherwise (containers, CI)
    return [str(c) for c in cmd + extra]


def start(python: Path, extra: list[str], trainer: bool) -> None:
    env = dict(os.environ) if trainer else learner_environment(dict(os.environ))
    os.execve(str(python), start_command(python, extra, start_language(python, env)), env)


# The tiers (tests/conftest.py) that need neither root nor a browser; one worker per core, each
# test file on one worker (a file's module fixtures are built once).
FAST = ["-m", "unit or kernel", "-n", "auto", "--dist", "loadfile"]


def test(python: Path, extra: list[str], fast: bool) -> None:
    os.chdir(ROOT)
    sys.exit(subprocess.call([str(python), "-m", "pytest", *(FAST if fast else []), *extra]))


def smedx(python: Path, extra: list[str]) -> None:
    """Run the environment's `smedx` command (no activation needed)."""
    os.execv(str(python), [str(python), "-m", "smedx.cli", *extra])


def bench(python: Path, extra: list[str]) -> None:
    """Run each bench/*.py script in turn; each prints its own table of ratios."""
    failed = 0
    for script in sorted((ROOT / "bench").glob("[a-z]*.py")):
        if script.name == "cases.py":
            continue
        say(f"基准测试 {script.name}", f"benchmark {script.name}")
        failed |= subprocess.call([str(python), str(script), *extra], cwd=ROOT)
    sys.exit(failed)


def lock() -> None:
    """Resolve pyproject.toml's pins (with the test and hub extras) in a scratch venv and freeze it."""
    with tempfile.TemporaryDirectory() as tmp:
        venv.EnvBuilder(with_pip=True).create(tmp)
        python = Path(tmp) / "bin" / "python"
        run(python, "-m", "pip", "install", "-q", f"{ROOT}[test,hub]")
        run(python, "-m", "pip", "check")
        frozen = subprocess.run(
            [str(python), "-m", "pip", "freeze", "--exclude", "smedx"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    header = (
        "# Generated by `python3 kit.py lock` from pyproject.toml (course stack + test extra).\n"
    )
    LOCK.write_text(header + frozen)
    say("已写入 requirements.lock", "wrote requirements.lock")


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="kit.py",
        description="数转课堂环境与运行 / SME DX Kit environment and launcher",
    )
    parser.add_argument(
        "command",
        choices=["setup", "start", "test", "smedx", "bench", "lock", "catalogue"],
        help="setup 安装 | start 启动 JupyterLab | test 运行全部测试（--fast 只运行快速层） | "
        "smedx 运行 smedx 命令 | "
        "bench 基准测试 | lock 重新生成锁文件 | catalogue 检查消息目录（--update AREA）",
    )
    parser.add_argument(
        "--venv",
        type=Path,
        help="虚拟环境目录（默认 .venv，也可用环境变量 SMEDX_VENV） / the virtual environment's "
        "folder (default .venv; also SMEDX_VENV)",
    )
    parser.add_argument(
        "--current-env",
        action="store_true",
        help="使用当前 Python 环境（conda 等） / use the running interpreter's environment",
    )
    parser.add_argument(
        "--trainer",
        action="store_true",
        help="start：培训师的 JupyterLab（含 nbgrader 评分工具） / start: the trainer's JupyterLab "
        "(with nbgrader's grading tools)",
    )
    parser.add_argument(
        "--fast",
        action="store_true",
        help="test：只运行 unit 与 kernel 两层测试（不需 root 与浏览器），按 CPU 核数并行 / "
        "test: only the unit and kernel tiers (no root, no browser), one worker per CPU core",
    )
    argv = sys.argv[1:]
    # everything after `smedx` or `catalogue` is that tool's (its --help too), not kit.py's
    passed_on = next((c for c in argv if c in ("smedx", "catalogue")), None)
    if passed_on:
        cut = argv.index(passed_on) + 1
        args, extra = parser.parse_args(argv[:cut]), argv[cut:]
    else:
        args, extra = parser.parse_known_args(argv)
    if args.venv:
        global VENV
        VENV = args.venv.absolute()
        os.environ["SMEDX_VENV"] = str(VENV)  # so the tests see the same environment
    if args.command == "lock":
        lock()
        return
    python = setup(args.current_env)
    compile_catalogues(python)
    if args.command == "catalogue":
        os.chdir(ROOT)
        sys.exit(subprocess.call([str(python), "-m", "smedx.catalogue", *extra]))
    if args.command == "start":
        start(python, extra, args.trainer)
    elif args.command == "test":
        test(python, extra, args.fast)
    elif args.command == "smedx":
        smedx(python, extra)
    elif args.command == "bench":
        bench(python, extra)


if __name__ == "__main__":
    main()
