"""The results of one user's apps, carried between apps without server-side accounts.

A *session* holds at most one result of each kind (assessment, scenarios, vendors, genai, plan).
It travels as one JSON file that the user downloads and uploads, and within one browser it is also
kept in ``localStorage`` so the next app starts from it. Every result read from outside is parsed
once by :func:`smedx.models.registry.parse` (its model recomputes it, a plan's checksum too), so
a tampered, foreign or oversized file is refused as a whole with a clear message, and the
results already in the app stay as they were.

    session = Session()
    session.put("assessment", form.result)
    text = session.to_json()
    again = Session.from_json(text)        # KitError on anything not made by the kit

:class:`SessionBar` is the strip of widgets each app shows for it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from html import escape
from typing import Any

import ipywidgets as w

from smedx import strict_json
from smedx.errors import KitError
from smedx.i18n import N_, _, using
from smedx.models import registry
from smedx.models.common import SCHEMA_VERSION
from smedx.ui.browser import BrowserStore, DownloadButton, FilePicker, PickedFile
from smedx.ui.messages import GREEN, GREY, ORANGE, error_html, line_html, message_html

log = logging.getLogger(__name__)

KIND = "smedx_session"
MAX_SESSION_BYTES = 2_000_000  # a full session is ~150 kB; refuse anything absurd
# kind -> its name (English msgid, shown with _()); the order the apps are used in
KINDS: dict[str, str] = {
    "assessment": N_("assessment"),
    "scenarios": N_("scenarios"),
    "vendors": N_("vendors"),
    "genai": N_("GenAI"),
    "plan": N_("action plan"),
}


def kind_names(kinds) -> str:
    """The names of these result kinds as a list in the current language."""
    return _(", ").join(_(KINDS[k]) for k in kinds)


def _kind_name(kind: str, lang: str) -> str:
    with using(lang):
        return _(KINDS[kind])


def _not_ours() -> KitError:
    return KitError(
        "这不是数转课堂应用保存的结果文件。请选择用“保存结果文件”下载的 .json 文件。",
        "This is not a results file saved by the SME DX Kit apps. Choose a .json file downloaded "
        "with 'Save results'.",
        field="kind",
    )


def read_json(content: str | bytes, limit: int = MAX_SESSION_BYTES) -> Any:
    """Parse an uploaded results file (see :func:`smedx.strict_json.loads`)."""
    return strict_json.loads(content, limit)


class Session:
    """The validated results of one user, by kind."""

    def __init__(self, results: Mapping[str, Any] | None = None):
        self._results: dict[str, Any] = {}
        self._dicts: dict[str, dict] = {}
        for kind, result in (results or {}).items():
            self.put(kind, result)

    def __contains__(self, kind: str) -> bool:
        return kind in self._results

    def __len__(self) -> int:
        return len(self._results)

    def kinds(self) -> list[str]:
        return [k for k in KINDS if k in self._results]

    def get(self, kind: str) -> Any:
        """The model result of ``kind`` (Assessment, ScenarioRanking, ...) or None."""
        return self._results.get(kind)

    def as_dict(self, kind: str) -> dict | None:
        """The stored form of a result (``to_dict()``; a plan's checksummed document)."""
        return self._dicts.get(kind)

    def put(self, kind: str, result: Any) -> bool:
        """Keep ``result`` (None removes the kind); True when something changed."""
        if kind not in KINDS:
            raise KitError(
                f"未知的结果类型 {kind!r}；可用：{', '.join(KINDS)}",
                f"unknown result kind {kind!r}; expected one of: {', '.join(KINDS)}",
            )
        if result is None:
            changed = kind in self._results
            self._results.pop(kind, None)
            self._dicts.pop(kind, None)
            return changed
        stored = registry.stored(result)
        if self._dicts.get(kind) == stored:
            return False
        self._results[kind] = result
        self._dicts[kind] = stored
        return True

    def update(self, other: Session) -> None:
        """Take every result of ``other`` (kinds it lacks stay as they are)."""
        for kind in other.kinds():
            self._results[kind] = other._results[kind]
            self._dicts[kind] = other._dicts[kind]

    def subset(self, kinds: list[str]) -> Session:
        """A session with only these kinds (those present)."""
        part = Session()
        for kind in kinds:
            if kind in self._results:
                part._results[kind] = self._results[kind]
                part._dicts[kind] = self._dicts[kind]
        return part

    def clear(self) -> None:
        self._results.clear()
        self._dicts.clear()

    def to_dict(self) -> dict:
        return {
            "kind": KIND,
            "schema_version": SCHEMA_VERSION,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "results": {kind: self._dicts[kind] for kind in self.kinds()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, content: str | bytes) -> Session:
        """Read a session file, or a single result file saved by one of the kit's tools.

        All or nothing: one bad result refuses the whole file, naming the part that failed.
        """
        raw = read_json(content)
        if not isinstance(raw, Mapping):
            raise _not_ours()
        kind = raw.get("kind")
        if kind in KINDS:  # a single result (e.g. the plan JSON of the plan builder)
            parts = {kind: raw}
        elif kind == KIND:
            if raw.get("schema_version") != SCHEMA_VERSION:
                raise KitError(
                    f"结果文件的格式版本为 {raw.get('schema_version')!r}，本工具只支持版本 "
                    f"{SCHEMA_VERSION}",
                    f"results file of schema version {raw.get('schema_version')!r}; this kit "
                    f"reads version {SCHEMA_VERSION} only",
                    field="schema_version",
                )
            parts = raw.get("results")
            if not isinstance(parts, Mapping):
                raise KitError(
                    "结果文件缺少 results 部分",
                    "the results file has no 'results' part",
                    field="results",
                )
            unknown = sorted(set(parts) - set(KINDS))
            if unknown:
                raise KitError(
                    f"结果文件含未知部分：{', '.join(map(str, unknown))}",
                    f"the results file has unknown parts: {', '.join(map(str, unknown))}",
                    field="results",
                )
        else:
            raise _not_ours()
        session = cls()
        for part, value in parts.items():
            try:
                result = registry.parse(part, value)
            except KitError as err:
                zh, en = _kind_name(part, "zh"), _kind_name(part, "en")
                raise KitError(
                    f"文件中的“{zh}”结果无法使用：{err.zh}",
                    f"the {en} result in the file cannot be used: {err.en}",
                    field=part,
                ) from err
            except (TypeError, ValueError, KeyError, AttributeError, IndexError) as err:
                zh, en = _kind_name(part, "zh"), _kind_name(part, "en")
                raise KitError(
                    f"文件中的“{zh}”结果结构不完整或被改动过",
                    f"the {en} result in the file is incomplete or was edited",
                    field=part,
                ) from err
            session._results[part] = result
            session._dicts[part] = registry.stored(result)
        return session


class SessionBar(w.VBox):
    """Open / save the results file, remember results in this browser, say what is there.

    ``on_load(callback)``: called with the :class:`Session` after a file was opened or the
    browser's saved results were read; the app then puts them into its inputs. The app calls
    :meth:`put` whenever its own result changes.
    """

    def __init__(self, session: Session | None = None, *, remember: bool = True):
        self.session = session or Session()
        self._callbacks: list[Callable[[Session], None]] = []
        self.status = w.HTML()
        self.message = w.HTML()
        self.picker = FilePicker(label="⬆ " + _("Open results"), max_bytes=MAX_SESSION_BYTES)
        self.picker.on_files(self._on_files)
        self.save_button = DownloadButton(
            self._file,
            label="⬇ " + _("Save results"),
            hint=_("Download a JSON file to continue later or on another computer"),
        )
        self.save_button.on_error(self._show_error)
        self.clear_button = w.Button(
            description=_("Clear this browser's results"),
            icon="trash",
            layout=w.Layout(width="auto"),
        )
        self.clear_button.on_click(lambda _b: self.clear())
        self.store = BrowserStore() if remember else None
        if self.store is not None:
            self.store.on_loaded(self._on_browser)
            self.store.on_failed(self._on_store_failed)
        keeps_none = escape(_("The server keeps no results"))
        help_text = w.HTML(f"<span style='color:#555;font-size:90%'>{keeps_none}</span>")
        row = w.HBox(
            [self.status, self.picker, self.save_button, self.clear_button, help_text],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        children = [row, self.message]
        if self.store is not None:
            children.append(self.store)
        super().__init__(
            children,
            layout=w.Layout(
                border="1px solid #d5dde6", padding="2px 10px", margin="4px 0 8px 0", width="auto"
            ),
        )
        self.add_class("smedx-session-bar")
        self._show_status()

    # --- public API ---------------------------------------------------------------------------

    def on_load(self, callback: Callable[[Session], None]) -> None:
        self._callbacks.append(callback)

    def adopt(self, other: SessionBar) -> None:
        """Take the results of ``other`` (the same app's page, rebuilt in another language) and
        let the app restore from them, as after opening a file."""
        self.session.update(other.session)
        if self.store is not None and other.store is not None:
            self.store.loaded = other.store.loaded  # the browser's copy was read, or is still due
        self._show_status()
        if len(self.session):
            self._notify(self.session)

    def put(self, kind: str, result: Any) -> None:
        """Record the app's current result (None removes it) and remember it in the browser."""
        try:
            changed = self.session.put(kind, result)
        except KitError as err:
            self._show_error(err)
            return
        if changed:
            self._show_status()
            self._remember([kind])

    def load_text(self, content: str | bytes, name: str = "") -> bool:
        """Open a results file (what the upload does); a refused file changes nothing."""
        try:
            loaded = Session.from_json(content)
        except KitError as err:
            self._show_error(err, name)
            return False
        if not len(loaded):
            self._show_error(
                KitError("文件中没有任何结果", "the file holds no results", field="results"), name
            )
            return False
        self.session.update(loaded)
        text = "✔ " + _("Opened {file}: {kinds}").format(
            file=name, kinds=kind_names(loaded.kinds())
        )
        self.message.value = line_html(text, GREEN)
        self._show_status()
        self._remember(loaded.kinds())
        self._notify(loaded)
        return True

    def clear(self) -> None:
        self.session.clear()
        if self.store is not None:
            self.store.clear()
        self.message.value = message_html(
            "已清除本浏览器中保存的结果（页面上的输入保持不变）。",
            "Cleared the results kept in this browser (the inputs on the page stay).",
        )
        self._show_status()

    # --- internals ----------------------------------------------------------------------------

    def _file(self) -> tuple[str, str, bytes]:
        if not len(self.session):
            raise KitError(
                "还没有可保存的结果：先在应用中完成输入。",
                "Nothing to save yet: complete the app's inputs first.",
            )
        stamp = datetime.now().strftime("%Y%m%d-%H%M")
        return f"smedx-results-{stamp}.json", "application/json", self.session.to_json().encode()

    def _on_files(self, files: list[PickedFile]) -> None:
        for picked in files[:1]:
            if picked.too_big:
                self._show_error(
                    KitError(
                        f"文件过大（{picked.size / 1e6:.1f} MB，上限 "
                        f"{MAX_SESSION_BYTES / 1e6:.1f} MB）：这不是本课程应用保存的结果文件",
                        f"the file is too large ({picked.size / 1e6:.1f} MB, limit "
                        f"{MAX_SESSION_BYTES / 1e6:.1f} MB): it is not a results file of the kit",
                        field="size",
                    ),
                    picked.name,
                )
                continue
            self.load_text(picked.content, picked.name)

    def _on_browser(self, text: str | None) -> None:
        if not text:
            return
        try:
            loaded = Session.from_json(text)
        except KitError as err:
            log.info("ignoring the browser's saved results: %s", err.en)
            self.message.value = message_html(
                "本浏览器中保存的结果无法读取，已忽略。",
                "The results kept in this browser could not be read and were ignored.",
            )
            return
        if not len(loaded):
            return
        # the app's own fresh results win over older copies in the browser
        for kind in loaded.kinds():
            if kind not in self.session:
                self.session.put(kind, loaded.get(kind))
        text = _("Loaded the results kept in this browser: {kinds}").format(
            kinds=kind_names(loaded.kinds())
        )
        self.message.value = line_html(text, GREEN)
        self._show_status()
        self._notify(self.session)

    def _on_store_failed(self, reason: str) -> None:
        self.message.value = message_html(
            "浏览器无法保存结果（可能是隐私模式）：请用“保存结果文件”。",
            f"The browser cannot keep the results ({reason}): use 'Save results'.",
            ORANGE,
        )

    def _notify(self, loaded: Session) -> None:
        for callback in self._callbacks:
            try:
                callback(loaded)
            except KitError as err:
                self._show_error(err)

    def _remember(self, kinds: list[str]) -> None:
        """Send only these results to the browser (it merges them with what it keeps)."""
        if self.store is not None:
            self.store.save(self.session.subset(kinds).to_json())

    def _show_error(self, err: KitError, name: str = "") -> None:
        label = f"<div style='color:{GREY}'>{escape(name)}</div>" if name else ""
        self.message.value = label + error_html(err)

    def _show_status(self) -> None:
        marks = " ".join(
            f"<span class='smedx-kind' data-kind='{kind}' data-present='{kind in self.session}'"
            f" style='color:{GREEN if kind in self.session else '#999'}'>"
            f"{'✔' if kind in self.session else '○'} {escape(_(name))}</span>"
            for kind, name in KINDS.items()
        )
        tip = _(
            "Results are kept in this browser and in the files you save; the server keeps none."
        )
        mine, colon = _("My results"), _(": ")
        self.status.value = (
            f"<div style='margin-right:10px' title='{escape(tip, quote=True)}'>"
            f"<b>{escape(mine)}</b>{escape(colon)}{marks}</div>"
        )
