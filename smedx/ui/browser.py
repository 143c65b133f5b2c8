"""Small bridges to the browser that ipywidgets lacks, as anywidgets (no extension to install):

- :class:`FilePicker`: choose files; the browser refuses a file above ``max_bytes`` *before*
  sending it, so a huge file gets a clear message instead of breaking the kernel connection.
- :class:`DownloadButton`: click -> the kernel makes the file -> the browser saves it (a Blob);
  nothing large sits in the page until it is asked for.
- :class:`BrowserStore`: one text value kept in the browser's ``localStorage``, so results travel
  between the apps of one browser without any server-side account.
- :class:`LanguageSwitch`: the 中文 | English switch of an app page; it tells the kernel the
  page URL's ``?lang=``, and keeps the page's ``lang``, title and address bar in step.

Everything the browser sends is untrusted: callers validate it (see :mod:`smedx.ui.session`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import anywidget
import traitlets as t

from smedx.errors import KitError
from smedx.i18n import LANGS, _, language

log = logging.getLogger(__name__)

BUTTON_CSS = """
.smedx-button { font-family: inherit; font-size: var(--jp-widgets-font-size, 13px);
  height: var(--jp-widgets-inline-height, 28px); padding: 0 12px; margin: 2px 4px 2px 0;
  border: 0; border-radius: 2px; cursor: pointer; color: var(--jp-ui-font-color1, #222);
  background: var(--jp-layout-color2, #eee); white-space: nowrap; }
.smedx-button:hover:enabled { box-shadow: 0 2px 4px rgba(0,0,0,.25); }
.smedx-button:disabled { opacity: .5; cursor: default; }
.smedx-button.mod-primary { background: #0072B2; color: white; }
/* a narrow screen: a long label wraps inside its button instead of being cut */
@media (max-width: 720px) {
  .smedx-button { white-space: normal; height: auto; min-height: var(--jp-widgets-inline-height, 28px);
    max-width: 100%; padding: 4px 12px; text-align: left; }
}
"""


@dataclass(frozen=True)
class PickedFile:
    """A file chosen in the browser: its name, its size, and its bytes (None when too big)."""

    name: str
    size: int
    content: bytes | None

    @property
    def too_big(self) -> bool:
        return self.content is None


class FilePicker(anywidget.AnyWidget):
    """A button that opens the browser's file chooser; ``on_files(callback)`` gets the batch."""

    _esm = """
    function render({ model, el }) {
      const input = document.createElement("input");
      input.type = "file";
      input.style.display = "none";
      input.className = "smedx-file-input";
      const button = document.createElement("button");
      button.className = "smedx-button smedx-file-button";
      const sync = () => {
        input.accept = model.get("accept");
        input.multiple = model.get("multiple");
        button.textContent = model.get("label");
        button.disabled = model.get("disabled");
      };
      sync();
      model.on("change", sync);
      button.addEventListener("click", () => input.click());
      input.addEventListener("change", async () => {
        const files = Array.from(input.files || []);
        const limit = model.get("max_bytes");
        const meta = [];
        const buffers = [];
        for (const file of files) {
          if (file.size > limit) {
            meta.push({ name: file.name, size: file.size, buffer: -1 });
          } else {
            meta.push({ name: file.name, size: file.size, buffer: buffers.length });
            buffers.push(await file.arrayBuffer());
          }
        }
        input.value = "";
        if (meta.length) model.send({ event: "files", files: meta }, undefined, buffers);
      });
      el.classList.add("smedx-file-picker");
      el.append(button, input);
      return () => model.off("change", sync);
    }
    export default { render };
    """
    _css = BUTTON_CSS

    label = t.Unicode("").tag(sync=True)  # "Open file" in the current language
    accept = t.Unicode(".json,application/json").tag(sync=True)
    multiple = t.Bool(False).tag(sync=True)
    max_bytes = t.Int(2_000_000).tag(sync=True)
    disabled = t.Bool(False).tag(sync=True)

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Open file"))
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[list[PickedFile]], None]] = []
        self.on_msg(self._on_msg)

    def on_files(self, callback: Callable[[list[PickedFile]], None]) -> None:
        self._callbacks.append(callback)

    def receive(self, files: list[PickedFile]) -> None:
        """Hand a batch to the callbacks (what a browser selection does; tests call it too)."""
        for callback in self._callbacks:
            callback(files)

    def _on_msg(self, _widget, content, buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "files":
            return
        files = []
        for meta in content.get("files") or []:
            index = meta.get("buffer", -1)
            data = (
                bytes(buffers[index])
                if isinstance(index, int) and 0 <= index < len(buffers)
                else None
            )
            files.append(PickedFile(str(meta.get("name", "")), int(meta.get("size", 0)), data))
        self.receive(files)


class DownloadButton(anywidget.AnyWidget):
    """A button; on click the kernel calls ``producer()`` for ``(filename, mime, bytes)``.

    A :class:`~smedx.errors.KitError` from the producer goes to ``on_error`` callbacks (the app
    shows it); nothing is downloaded then.
    """

    _esm = """
    function initialize({ model }) {
      const save = (msg, buffers) => {
        if (!msg || msg.event !== "file") return;
        const blob = new Blob(buffers, { type: msg.mime });
        const url = URL.createObjectURL(blob);
        const link = document.createElement("a");
        link.href = url;
        link.download = msg.filename;
        link.style.display = "none";
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
      };
      model.on("msg:custom", save);
      return () => model.off("msg:custom", save);
    }
    function render({ model, el }) {
      const button = document.createElement("button");
      button.className = "smedx-button smedx-download";
      const sync = () => {
        button.textContent = model.get("label");
        button.disabled = model.get("disabled");
        button.classList.toggle("mod-primary", model.get("primary"));
        button.title = model.get("hint");
      };
      sync();
      model.on("change", sync);
      button.addEventListener("click", () => model.send({ event: "request" }));
      el.append(button);
      return () => model.off("change", sync);
    }
    export default { initialize, render };
    """
    _css = BUTTON_CSS

    label = t.Unicode("").tag(sync=True)  # "Download" in the current language
    hint = t.Unicode("").tag(sync=True)  # the hover text ("tooltip" is a DOMWidget trait)
    disabled = t.Bool(False).tag(sync=True)
    primary = t.Bool(False).tag(sync=True)

    def __init__(self, producer: Callable[[], tuple[str, str, bytes]], **kwargs):
        kwargs.setdefault("label", _("Download"))
        super().__init__(**kwargs)
        self.producer = producer
        self._error_callbacks: list[Callable[[KitError], None]] = []
        self._sent_callbacks: list[Callable[[str, int], None]] = []
        self.on_msg(self._on_msg)

    def on_error(self, callback: Callable[[KitError], None]) -> None:
        self._error_callbacks.append(callback)

    def on_sent(self, callback: Callable[[str, int], None]) -> None:
        self._sent_callbacks.append(callback)

    def make(self) -> tuple[str, str, bytes] | None:
        """Produce the file (what a click does); None, after telling ``on_error``, on failure."""
        try:
            return self.producer()
        except KitError as err:
            for callback in self._error_callbacks:
                callback(err)
            return None

    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or content.get("event") != "request":
            return
        made = self.make()
        if made is None:
            return
        filename, mime, payload = made
        self.send({"event": "file", "filename": filename, "mime": mime}, buffers=[payload])
        for callback in self._sent_callbacks:
            callback(filename, len(payload))


class BrowserStore(anywidget.AnyWidget):
    """One text value in the browser's ``localStorage`` under ``key``.

    When the page shows it, the browser sends what it holds (``on_loaded(callback)`` gets the text,
    or None when there is nothing); ``save(text)`` merges a session document into it (its
    ``results`` replace those of the same kind, the others stay) and ``clear()`` empties it.
    Shown as nothing.
    """

    _esm = """
    function initialize({ model }) {
      const key = () => model.get("key");
      // "save" merges by result kind: two tabs of the kit each add their own result, and a tab
      // never overwrites another tab's newer result with its older copy.
      const merged = (text) => {
        let stored = null;
        try { stored = JSON.parse(localStorage.getItem(key()) || "null"); } catch (err) {}
        const incoming = JSON.parse(text);
        if (stored && stored.results && incoming.results && stored.kind === incoming.kind) {
          incoming.results = Object.assign({}, stored.results, incoming.results);
        }
        return JSON.stringify(incoming);
      };
      const tell = (msg) => {
        if (!msg) return;
        try {
          if (msg.event === "save") localStorage.setItem(key(), merged(msg.text));
          if (msg.event === "clear") localStorage.removeItem(key());
        } catch (err) {
          model.send({ event: "failed", reason: String(err) });
        }
      };
      model.on("msg:custom", tell);
      return () => model.off("msg:custom", tell);
    }
    // Sent from render, not initialize: a page's views are created only after the displayed box
    // and every widget inside it are built. The kernel answers at once (status, restored inputs);
    // an update for a widget the page has not built yet would be dropped, and the page would
    // keep showing "nothing loaded" (seen under load when this was sent from initialize).
    function render({ model, el }) {
      el.style.display = "none";
      let text = null;
      try { text = localStorage.getItem(model.get("key")); } catch (err) { text = null; }
      model.send({ event: "loaded", text });
    }
    export default { initialize, render };
    """

    key = t.Unicode("smedx.session.v1").tag(sync=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout.display = "none"
        self._loaded: list[Callable[[str | None], None]] = []
        self._failed: list[Callable[[str], None]] = []
        self.loaded = False
        self.on_msg(self._on_msg)

    def on_loaded(self, callback: Callable[[str | None], None]) -> None:
        self._loaded.append(callback)

    def on_failed(self, callback: Callable[[str], None]) -> None:
        self._failed.append(callback)

    def save(self, text: str) -> None:
        self.send({"event": "save", "text": text})

    def clear(self) -> None:
        self.send({"event": "clear"})

    def _on_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict):
            return
        if content.get("event") == "loaded" and not self.loaded:
            self.loaded = True  # a second view of the same page must not load twice
            text = content.get("text")
            for callback in self._loaded:
                callback(text if isinstance(text, str) else None)
        elif content.get("event") == "failed":
            for callback in self._failed:
                callback(str(content.get("reason", "")))


def url_language(query: str) -> str | None:
    """The ``lang`` of a page's query string (``a=1&lang=en``), if it names a language we have."""
    from urllib.parse import parse_qs

    found = parse_qs(query or "").get("lang", [])
    return found[-1] if found and found[-1] in LANGS else None


class LanguageSwitch(anywidget.AnyWidget):
    """中文 | English for an app page.

    When the page shows it, the browser sends the URL's ``?lang=`` (``on_switch`` callbacks get it
    when it differs from the kernel's language). A click sends the chosen language the same way.
    The app rebuilds its page in that language and then sets :attr:`lang`: the browser then marks
    the current language, sets ``<html lang>`` and the page title, writes ``?lang=`` into the
    address bar (history.replaceState: no reload, no new history entry) and into the top bar's
    link to the gallery.
    """

    _esm = """
    function render({ model, el }) {
      const box = document.createElement("div");
      box.className = "smedx-lang-switch";
      const choice = (lang, text) => {
        const button = document.createElement("button");
        button.className = "smedx-lang";
        button.dataset.choice = lang;
        button.lang = lang === "en" ? "en" : "zh-CN";
        button.textContent = text;
        button.addEventListener("click", () => {
          if (model.get("lang") !== lang) {
            box.classList.add("smedx-busy");
            model.send({ event: "switch", lang });
          }
        });
        return button;
      };
      const zh = choice("zh", "中文"), en = choice("en", "English");
      const bar = document.createElement("span");
      bar.textContent = "|";
      bar.setAttribute("aria-hidden", "true");
      box.append(zh, bar, en);
      el.append(box);
      const apply = (writeUrl) => {
        const lang = model.get("lang");
        box.classList.remove("smedx-busy");
        for (const button of [zh, en]) {
          const on = button.dataset.choice === lang;
          button.setAttribute("aria-pressed", String(on));
          button.classList.toggle("mod-current", on);
        }
        document.documentElement.lang = lang === "en" ? "en" : "zh-CN";
        if (model.get("title")) document.title = model.get("title");
        const url = new URL(window.location.href);
        if (writeUrl || url.searchParams.has("lang")) {
          url.searchParams.set("lang", lang);
          window.history.replaceState(window.history.state, "", url);
        }
        document.querySelectorAll("a.smedx-home").forEach((link) => {
          const target = new URL(link.href, window.location.href);
          target.searchParams.set("lang", lang);
          link.href = target.href;
        });
      };
      const asked = new URL(window.location.href).searchParams.get("lang") || "";
      model.send({ event: "url", lang: asked });
      apply(false);
      const changed = () => apply(true);
      model.on("change:lang", changed);
      model.on("change:title", changed);
      return () => { model.off("change:lang", changed); model.off("change:title", changed); };
    }
    export default { render };
    """
    _css = """
    .smedx-lang-switch { display: flex; align-items: center; gap: 2px; font-size: 13px;
      color: #555; white-space: nowrap; }
    .smedx-lang-switch .smedx-lang { font: inherit; border: 0; background: none; cursor: pointer;
      padding: 2px 6px; min-height: 24px; color: #0072B2; }
    .smedx-lang-switch .smedx-lang.mod-current { color: #1b2733; font-weight: 700; cursor: default; }
    .smedx-lang-switch.smedx-busy { opacity: .5; }
    """

    lang = t.Unicode("zh").tag(sync=True)
    title = t.Unicode("").tag(sync=True)  # the page's <title>

    def __init__(self, **kwargs):
        kwargs.setdefault("lang", language())
        super().__init__(**kwargs)
        self._callbacks: list[Callable[[str], None]] = []
        self.on_msg(self._on_msg)

    def on_switch(self, callback: Callable[[str], None]) -> None:
        self._callbacks.append(callback)

    def choose(self, lang: str) -> None:
        """What a click (or the page URL) asks for: the callbacks run if ``lang`` is new."""
        if lang in LANGS and lang != self.lang:
            for callback in self._callbacks:
                callback(lang)
        else:
            self.send_state("lang")  # the browser clears its busy mark

    def _on_msg(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("event") in ("url", "switch"):
            lang = content.get("lang")
            if lang in LANGS:
                self.choose(lang)
