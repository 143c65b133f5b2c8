"""JupyterLab's display language, as the learner chose it in Settings → Language.

A kernel started from JupyterLab inherits the server's environment, so it can read the same files
JupyterLab reads for the ``locale`` of ``@jupyterlab/translation-extension:plugin``, in
jupyterlab_server's order (a later file wins):

1. the app directory's ``settings/overrides.d/*.json[5]`` and ``settings/overrides.json[5]``
   (``$JUPYTERLAB_DIR`` or ``{sys.prefix}/share/jupyter/lab``; kit.py installs the kit's there);
2. ``labconfig/default_setting_overrides.json`` on the Jupyter config path (the learner's
   configuration folder in deploy/ puts zh_CN there);
3. the user's own choice: ``@jupyterlab/translation-extension/plugin.jupyterlab-settings`` in
   ``$JUPYTERLAB_SETTINGS_DIR`` or ``{jupyter config dir}/lab/user-settings``.

The answer is cached against the files' modification times, looked at again at most every
:data:`RECHECK_SECONDS`: :func:`smedx.i18n.language` asks on every message (about 30 µs to look
at the files, under 1 µs from the cache), and a learner who switches language gets it in the next
kernel.
"""

from __future__ import annotations

import glob
import json
import logging
import os
import sys
import time
from functools import cache
from pathlib import Path

PLUGIN = "@jupyterlab/translation-extension:plugin"
USER_FILE = Path("@jupyterlab", "translation-extension", "plugin.jupyterlab-settings")

RECHECK_SECONDS = 1.0
log = logging.getLogger(__name__)
_last: tuple[tuple, str | None] | None = None  # (files and their stat, answer)
_checked_at = -float("inf")  # time.monotonic() of the last look at the files


def lab_language() -> str | None:
    """ "zh" or "en" from JupyterLab's translation setting, or None when it says nothing."""
    global _last, _checked_at
    now = time.monotonic()
    if _last is not None and now - _checked_at < RECHECK_SECONDS:
        return _last[1]
    _checked_at = now
    try:
        files = _existing(_sources(*_environment()))
    except OSError as error:  # an unreadable folder: say nothing rather than break a page
        log.warning("JupyterLab's language settings cannot be listed: %s", error)
        return None
    if _last is None or _last[0] != files:
        _last = (files, _decide([path for path, *_ in files]))
    return _last[1]


def kit_language(locale: object) -> str | None:
    """zh_CN -> "zh", en / en_US -> "en"; "default", another language or nonsense -> None."""
    if not isinstance(locale, str):
        return None
    code = locale.replace("-", "_").split("_")[0].lower()
    return code if code in ("zh", "en") else None


def _decide(paths: list[str]) -> str | None:
    """The locale of the last file (highest priority) that states one."""
    for path in reversed(paths):
        settings = _read(path)
        if path.endswith(".jupyterlab-settings"):
            settings = {PLUGIN: settings}
        plugin = settings.get(PLUGIN) if isinstance(settings, dict) else None
        if isinstance(plugin, dict) and "locale" in plugin:
            return kit_language(plugin["locale"])
    return None


def _read(path: str) -> object:
    """A settings file's content; JupyterLab's files may carry comments (JSON5). {} if broken."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        if path.endswith(".json"):
            return json.loads(text) if text.strip() else {}
        import json5  # jupyterlab_server's own parser for these files

        return json5.loads(text) if text.strip() else {}
    except Exception as error:  # noqa: BLE001 - any broken file means "no setting here"
        log.warning("JupyterLab settings file %s is not readable, ignored: %s", path, error)
        return {}


def _environment() -> tuple[str, ...]:
    names = ("JUPYTERLAB_DIR", "JUPYTERLAB_SETTINGS_DIR", "JUPYTER_CONFIG_DIR")
    names += ("JUPYTER_CONFIG_PATH", "JUPYTER_PREFER_ENV_PATH", "HOME")
    return tuple(os.environ.get(name, "") for name in names)


@cache
def _sources(*environment: str) -> tuple[str, ...]:
    """Candidate files and ``*.d`` folders, lowest priority first (cached per environment)."""
    from jupyter_core.paths import jupyter_config_dir, jupyter_config_path

    settings = os.path.join(_app_dir(), "settings")
    sources = [os.path.join(settings, "overrides.d", "*")]
    sources += [os.path.join(settings, f"overrides.{ext}") for ext in ("json", "json5")]
    for folder in reversed(jupyter_config_path()):
        labconfig = os.path.join(folder, "labconfig")
        sources.append(os.path.join(labconfig, "default_setting_overrides.d", "*"))
        sources.append(os.path.join(labconfig, "default_setting_overrides.json"))
    user = os.environ.get("JUPYTERLAB_SETTINGS_DIR") or os.path.join(
        jupyter_config_dir(), "lab", "user-settings"
    )
    sources.append(os.path.join(user, USER_FILE))
    return tuple(sources)


def _app_dir() -> str:
    """JupyterLab's app directory as jupyterlab.commands.get_app_dir finds it (without importing
    jupyterlab into the kernel)."""
    if os.environ.get("JUPYTERLAB_DIR"):
        return os.environ["JUPYTERLAB_DIR"]
    app_dir = os.path.join(sys.prefix, "share", "jupyter", "lab")
    system = "/usr/local/share/jupyter/lab"
    if sys.prefix.startswith("/usr") and not os.path.exists(app_dir) and os.path.exists(system):
        return system
    return app_dir


def _existing(sources: tuple[str, ...]) -> tuple[tuple[str, int, int], ...]:
    """The files that exist, with what tells a changed file (mtime, size)."""
    found = []
    for source in sources:
        if source.endswith("*"):
            if not os.path.isdir(os.path.dirname(source)):
                continue
            paths = sorted(p for p in glob.glob(source) if p.endswith((".json", ".json5")))
        else:
            paths = [source]
        for path in paths:
            try:
                stat = os.stat(path)
            except FileNotFoundError:
                continue
            found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)
