"""One language per edition (issue 16 item 3): the rules for a module's markdown
(tests/test_editions.py) and for what the executed module shows (tests/test_modules.py).

- Chinese: no run of four or more English words, except inside parentheses (an English term in
  brackets: "PMC（Planning Material Control）"), quotes, code, links and HTML comments; and no
  label given twice ("学习目标 · Learning objectives", "如何运行 / How to run").
- English: no Chinese characters, except a Chinese name or quote that comes with its English
  gloss: Chinese (in “…”/《…》 or bare) directly followed by a parenthesis with Latin letters
  ("联想 (Lenovo)", “意愿积极……” ("willing and active …")), or Chinese alone in parentheses
  right after English ("SRDI (专精特新)"). In outputs also the originals the kit's data give
  with their translation, when the translation is in the same text: Chinese firm names
  (cases.csv) and report quotes (the GenAI catalogue's and the quote catalogue's).

The texts an executed notebook shows: streams, each output's displayed form (widget, plotly
figure, HTML, markdown or plain text, in JupyterLab's order), and the saved widget state
(descriptions, values, option labels, titles, tooltips, placeholders).

    problems = output_problems(nb, "en")   # after NotebookClient(nb, ...).execute()
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from html import unescape

import pandas as pd

from smedx import data

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
# Not learner prose: code, links' targets, HTML comments, tags.
NOT_PROSE = re.compile(r"```.*?```|`[^`\n]*`|<!--.*?-->|<[^>\n]+>|\]\([^)\s]*\)|https?://\S+", re.S)
# Chinese edition
ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)|“[^”]*”|‘[^’]*’|\"[^\"\n]*\"|《[^》]*》")
ENGLISH_RUN = re.compile(r"[A-Za-z][\w'’-]*(?:[ \t,;:/.!?–-]+[A-Za-z][\w'’-]*){3,}")
# "学习目标 · Learning objectives", "如何运行 / How to run": a label given twice
BILINGUAL_LABEL = re.compile(rf"[{HAN}][）)*]*\s*[·/]\s*[*_]*[A-Za-z]{{2,}}(?:\s+[A-Za-z]+)*")
# English edition
_CN_SPAN = rf"(?:“[^”]*”|《[^》]*》|「[^」]*」|[{HAN}][{HAN}0-9·、，。…—  \t-]*)"
GLOSSED = re.compile(
    rf"{_CN_SPAN}\s*[(（][^()（）]*[A-Za-z][^()（）]*[)）]"  # 联想 (Lenovo)
    rf"|(?<=[\w\"”’.)*])\s*[(（]\s*{_CN_SPAN}\s*[)）]"  # SRDI (专精特新)
)


def english_runs(markdown: str) -> list[str]:
    """Runs of 4+ English words in Chinese text, outside parentheses, quotes and code, and labels
    given in both languages."""
    prose = NOT_PROSE.sub(" ", markdown)
    return BILINGUAL_LABEL.findall(prose) + ENGLISH_RUN.findall(ASIDE.sub(" ", prose))


def unglossed_chinese(markdown: str) -> list[str]:
    """Chinese in English text that comes without an English gloss."""
    prose = GLOSSED.sub(" ", NOT_PROSE.sub(" ", markdown))
    return [line.strip() for line in prose.splitlines() if HAN_CHAR.search(line)]


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PLOTLY = "application/vnd.plotly.v1+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
# JupyterLab shows the richest form it can render: a widget view hides its text/plain repr.
SHOWN = (WIDGET_VIEW, PLOTLY, "text/html", "text/markdown", "text/plain")
WIDGET_TEXTS = ("description", "value", "placeholder", "tooltip", "_options_labels", "_titles")
WIDGET_TEXTS += ("tooltips",)
# Figure attributes that are not text: styles, ids, layout switches (and the theme's template).
FIGURE_NOT_TEXT = re.compile(
    r"template|color|family|type|mode|uid|ids|customdata|meta|anchor|ref|side|align|orientation"
    r"|dash|shape|symbol|fill|hoverinfo|hovermode|position|textinfo|barmode|order|range|domain"
)
STYLE = re.compile(r"<style.*?</style>|<script.*?</script>", re.S | re.I)
TAG = re.compile(r"<[^>]*>|%\{[^}]*\}")  # tags and plotly's %{placeholders}


def _visible(html: str) -> str:
    return unescape(TAG.sub(" ", STYLE.sub(" ", html)))


def _figure_texts(node, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for k, value in node.items():
            if not FIGURE_NOT_TEXT.search(k.lower()):
                yield from _figure_texts(value, k)
    elif isinstance(node, list):
        for value in node:
            yield from _figure_texts(value, key)
    elif isinstance(node, str):
        yield _visible(node)


def shown_texts(nb) -> Iterator[tuple[str, str]]:
    """(where, text) for every text an executed notebook shows."""
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out["output_type"] == "stream":
                yield f"cell {i} {out['name']}", out["text"]
            shown = next((m for m in SHOWN if m in out.get("data", {})), None)
            value = out.get("data", {}).get(shown)
            if shown == PLOTLY:
                yield from ((f"cell {i} figure", t) for t in _figure_texts(value))
            elif shown in ("text/html", "text/markdown", "text/plain"):
                yield f"cell {i} {shown}", _visible(value) if shown == "text/html" else value
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for model in state.values():
        for name in WIDGET_TEXTS:
            value = model["state"].get(name)
            for text in value if isinstance(value, list) else [value]:
                if isinstance(text, str) and text:
                    yield f"{model['model_name']}.{name}", _visible(text)


@cache
def originals() -> tuple[tuple[str, str], ...]:
    """(Chinese original, its English translation) pairs the kit's data give: firm names and
    report quotes."""
    cases = data.cases()
    genai = pd.read_csv(data.kit_path("genai_usecases.csv"), dtype=str, keep_default_na=False)
    pairs = list(zip(cases["company_zh"], cases["company_en"], strict=True))
    pairs += zip(genai["source_quote"], genai["source_quote_translation_en"], strict=True)
    pairs += data.quote_translations().items()
    return tuple((zh, en) for zh, en in pairs if zh and en)


# An official document's number (工信厅企业〔2022〕32号) is an identifier: the English charts and
# exercises give it as it is, beside the document's English title.
DOC_NUMBER = re.compile(r"\S*〔\d{4}〕\d+号")


def stray_chinese(text: str) -> list[str]:
    """Chinese in an English output that comes without its translation."""
    for original, translation in originals():
        if original in text and translation in text:
            text = text.replace(original, " ")
    return unglossed_chinese(DOC_NUMBER.sub(" ", text))


def output_problems(nb, lang: str) -> list[str]:
    """What an executed notebook of the ``lang`` edition shows in the other language."""
    check = stray_chinese if lang == "en" else english_runs
    problems = []
    for where, text in shown_texts(nb):
        problems += [f"{where}: {found}" for found in check(text)]
    return sorted(set(problems))
