"""`smedx apps`: serve the widget apps of ``widgets/`` with Voila on 127.0.0.1.

    smedx apps                      # http://127.0.0.1:8866/ (the gallery), opens the browser
    smedx apps --port 9000 --no-browser

The app notebooks are package data (``smedx/widgets``, the checkout's ``widgets/``). The
settings live in ``widgets/voila.json`` (preheated kernel pools per app, kernel culling, the
kit's template, no tracebacks, no file serving); the kit's Voila template (gallery, loading page,
error pages, no CDN) is in ``smedx/apps_share/voila/templates/smedx`` and found through
``JUPYTER_PATH``.

Language: the gallery, the error pages and every app opened without ``?lang=`` are in the
language of the command (``smedx --lang en apps``, else ``SMEDX_LANG``, else Chinese), which the
server and its kernels get as ``SMEDX_LANG``; ``?lang=`` in a page's address wins, and the pages'
中文 | English switches keep it there.

Kernels: leaving an app (closing the tab, or the top bar's link to the gallery) shuts its kernel
down at once; every app page sets the ``_xsrf`` cookie that this request needs
(:mod:`smedx.apps_xsrf`). A kernel whose page went away without a word (a crashed browser, a
laptop put to sleep) is culled after 10 minutes without a connection: the apps keep their results
in the browser, so reopening one loses nothing, and each idle kernel holds about 115 MB. A page
that is open keeps its kernel however long it idles (``cull_connected`` is false); the preheated
pools are never culled. Voila itself refuses to run code sent by a browser (only widget messages reach a
kernel) and serves nothing outside ``widgets/``.

Inside JupyterLab the same notebooks open with the Voila extension at
``/voila/render/widgets/<app>.ipynb`` (the lab template; results travel the same way).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from smedx.cli.common import print_error
from smedx.errors import KitError
from smedx.i18n import _, language

# The app notebooks ship with the package (smedx/widgets: in a checkout a link to widgets/);
# resolved, so that Voila's root is the real folder it must not serve anything outside of.
WIDGETS = (Path(__file__).parent / "widgets").resolve()
TEMPLATE_SHARE = Path(__file__).resolve().parent / "apps_share"
TEMPLATE = "smedx"
DEFAULT_PORT = 8866


def check_port(port: int) -> int:
    if not isinstance(port, int) or isinstance(port, bool) or not 1024 <= port <= 65535:
        raise KitError(
            f"端口应为 1024–65535 之间的整数，收到：{port!r}",
            f"the port must be a whole number from 1024 to 65535, got {port!r}",
            field="port",
        )
    return port


def voila_command(
    *,
    root: Path = WIDGETS,
    port: int = DEFAULT_PORT,
    open_browser: bool = True,
    preheat: bool = True,
    config_dir: Path | None = None,
    python: str = sys.executable,
    lang: str | None = None,
) -> list[str]:
    """The Voila command line serving ``root`` (its ``voila.json`` unless ``config_dir``); app
    pages are marked as being in ``lang`` (default: the current language), the server's."""
    check_port(port)
    lang = lang or language()  # nbconvert wants ISO 639-1 codes: zh-CN would become en
    config_dir = Path(config_dir or root)
    if not (config_dir / "voila.json").exists():
        raise KitError(
            f"找不到 Voila 配置 {config_dir / 'voila.json'}",
            f"no Voila configuration at {config_dir / 'voila.json'}",
        )
    cmd = [
        python,
        "-m",
        "voila",
        str(root),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        f"--Voila.config_file_paths={config_dir}",
        f"--VoilaExporter.language_code={'en' if lang == 'en' else 'zh'}",  # <html lang>
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if not preheat:
        cmd.append("--VoilaConfiguration.preheat_kernel=False")
    return cmd


def voila_env(base: dict[str, str] | None = None, lang: str | None = None) -> dict[str, str]:
    """The environment for Voila: the kit's template on ``JUPYTER_PATH``, and ``SMEDX_LANG`` set
    to ``lang`` (default: the current language), the language of the server's pages and of every
    app opened without ``?lang=``; kernels inherit it."""
    env = dict(os.environ if base is None else base)
    env["SMEDX_LANG"] = "en" if (lang or language()) == "en" else "zh"
    paths = [str(TEMPLATE_SHARE), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def serve(port: int = DEFAULT_PORT, *, open_browser: bool = True, preheat: bool = True) -> int:
    """Run Voila in the foreground until Ctrl+C; returns its exit code."""
    cmd = voila_command(port=port, open_browser=open_browser, preheat=preheat)
    url = f"http://127.0.0.1:{port}/"
    print(_("SME DX Kit apps: {url} (Ctrl+C stops)").format(url=url), flush=True)
    process = subprocess.Popen(cmd, env=voila_env(), cwd=WIDGETS)

    def forward(signum, _frame) -> None:  # e.g. a service manager stopping us: stop Voila too
        process.send_signal(signal.SIGTERM)

    previous = signal.signal(signal.SIGTERM, forward)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGTERM)  # Voila shuts its kernels down on SIGTERM
        try:
            return process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    return serve(args.port, open_browser=not args.no_browser, preheat=not args.no_preheat)


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``apps`` to the ``smedx`` command (``smedx.cli`` calls this)."""
    parser = subparsers.add_parser(
        "apps",
        help=_("serve the widget apps (Voila)"),
        description=_(
            "Serve the kit's web apps with Voila on 127.0.0.1 (self-assessment, scenarios, "
            "vendors, GenAI, report data, action plan, class dashboard)."
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=_("port (default: {port})").format(port=DEFAULT_PORT),
    )
    parser.add_argument("--no-browser", action="store_true", help=_("do not open a browser"))
    parser.add_argument(
        "--no-preheat",
        action="store_true",
        help=_("no preheated kernels (less memory, slower to open)"),
    )
    parser.set_defaults(func=_run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """``python -m smedx.app_server``: the same as ``smedx apps``."""
    parser = argparse.ArgumentParser(prog="smedx")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["apps", *(sys.argv[1:] if argv is None else argv)])
    try:
        return args.func(args)
    except KitError as err:
        print_error(err)
        return 2


if __name__ == "__main__":
    sys.exit(main())
