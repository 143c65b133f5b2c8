"""Run a report notebook with papermill and export it to one self-contained HTML file.

* papermill executes the template (``smedx/reports/templates/<kind>.ipynb``) with the job's parameters;
* nbconvert exports it without code (inputs, prompts, the parameters cells and cells tagged
  ``remove-cell`` are dropped) using the lab template minus everything that would load from the
  network (require.js, MathJax, mermaid, widget managers);
* plotly.js is put once into the page head, as the kit's partial bundle of the trace types it
  draws (:mod:`smedx.assets`, about 1 MB); the charts themselves are plain divs
  (:mod:`smedx.reports.page`).

The same inputs give the same HTML apart from the generation time: chart ids are fixed, cell ids
are renumbered, and nothing random or machine-specific is written.

:func:`render_all` renders many jobs, in a process pool when ``jobs > 1``, with a progress bar;
a job that fails is reported in its :class:`Outcome` and never stops the others.
"""

from __future__ import annotations

import multiprocessing
import re
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from smedx.errors import KitError
from smedx.files import write_atomic
from smedx.reports import KINDS, LANGS, TEMPLATES

KERNEL = "python3"
CELL_TIMEOUT = 600  # seconds per cell
REMOVE_TAGS = {"remove-cell", "parameters", "injected-parameters"}
PLOTLY_MARKER = "<!-- smedx:plotly.js -->"
LANGUAGE_CODES = {"zh": "zh", "en": "en"}  # nbconvert takes ISO 639-1 codes only
# The page around the report's own sections (their CSS is smedx.reports.page.CSS). It replaces
# JupyterLab's 260 kB of notebook CSS, which a page without code cells does not need.
PAGE_CSS = """<style type="text/css">
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; }
main { padding: 12px 24px 32px; }
.jp-OutputArea-output { overflow-x: auto; }
@page { size: A4 portrait; margin: 12mm; }
@media print {
  main { padding: 0; }
  .jp-OutputArea-output { overflow: visible; }
  figure.smedx-chart, table.smedx-table tr { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
</style>"""
# The lab template without anything fetched from the network; plotly.js goes where the marker is.
HTML_TEMPLATE = (
    "{%- extends 'index.html.j2' -%}\n"
    "{% block html_head_js %}" + PLOTLY_MARKER + "{% endblock html_head_js %}\n"
    "{% block notebook_css %}" + PAGE_CSS + "{% endblock notebook_css %}\n"
    "{% block jupyter_widgets %}{% endblock jupyter_widgets %}\n"
    "{% block html_head_js_mathjax %}{% endblock html_head_js_mathjax %}\n"
    "{% block html_head_js_mermaidjs %}{% endblock html_head_js_mermaidjs %}\n"
)
TEMPLATE_FILE = "smedx_report.html.j2"


@dataclass(frozen=True)
class Job:
    """One report to render: which template, its parameters and the output file's stem."""

    kind: str
    name: str
    parameters: dict
    title: str
    label_zh: str = ""  # what the job is, for messages (e.g. "members.csv 第 3 行 (C003)")
    label_en: str = ""


@dataclass(frozen=True)
class Outcome:
    job: Job
    path: str | None
    error_zh: str = ""
    error_en: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.path is not None


def template(kind: str) -> Path:
    if kind not in KINDS:
        raise KitError(
            f"没有报告类型 {kind!r}；可用：{', '.join(KINDS)}",
            f"no report kind {kind!r}; available: {', '.join(KINDS)}",
            field="kind",
        )
    path = TEMPLATES / KINDS[kind]
    if not path.exists():
        raise KitError(
            f"找不到报告模板 {path}", f"the report template {path} is missing", field="kind"
        )
    return path


def output_path(out_dir: Path, name: str, lang: str) -> Path:
    return out_dir / (f"{name}.html" if lang == "zh" else f"{name}.{lang}.html")


def safe_name(text: str) -> str:
    """A file name from an id: letters (any script), digits, - _ and . kept, the rest _."""
    clean = re.sub(r"[^\w.-]+", "_", str(text).strip(), flags=re.UNICODE).strip("._")
    return clean[:80] or "report"


def timestamp() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()


# --------------------------------------------------------------------------------------------
# Export.


@cache
def plotly_js() -> str:
    """The kit's partial plotly.js bundle (the trace types it draws) as the page's script."""
    from smedx.assets import plotly_js as bundle

    return (
        "<script type=\"text/javascript\">window.PlotlyConfig = {MathJaxConfig: 'local'};</script>\n"
        f'<script type="text/javascript">{bundle()}</script>'
    )


@cache
def _exporter(lang: str):
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        template_file=TEMPLATE_FILE,
        extra_loaders=[DictLoader({TEMPLATE_FILE: HTML_TEMPLATE})],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        language_code=LANGUAGE_CODES[lang],
    )


def clean(nb) -> None:
    """Drop what a reader must not see and what differs between runs (in place)."""
    kept = []
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if tags & REMOVE_TAGS or cell.cell_type != "code":
            continue
        cell.outputs = [
            o
            for o in cell.get("outputs", [])
            if o.get("output_type") in ("display_data", "execute_result")
        ]
        if cell.outputs:
            kept.append(cell)
    for index, cell in enumerate(kept):
        cell.id = f"cell-{index}"
        cell.metadata = {}
        cell.source = ""
        cell.execution_count = None
        for out in cell.outputs:
            if "execution_count" in out:
                out["execution_count"] = None
            out["metadata"] = {}
            out["data"] = {k: v for k, v in out.get("data", {}).items() if k == "text/html"}
    nb.cells = kept
    nb.metadata = {"language_info": {"name": "python"}}


def export(nb, title: str, lang: str) -> str:
    """The executed notebook as one HTML page: no code, plotly.js once in the head."""
    clean(nb)
    nb.metadata["title"] = title
    body, _resources = _exporter(lang).from_notebook_node(
        nb, resources={"metadata": {"name": title}}
    )
    if PLOTLY_MARKER not in body:  # pragma: no cover - the template always has it
        raise RuntimeError("the HTML template lost its plotly.js marker")
    return body.replace(PLOTLY_MARKER, plotly_js(), 1)


def _error(err: Exception) -> tuple[str, str]:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(err, KitError):
        return err.zh, err.en
    if isinstance(err, PapermillExecutionError):
        if err.ename == "KitError" and "\n" in err.evalue:
            zh, en = err.evalue.split("\n", 1)
            return zh, en
        return (
            f"报告生成出错：{err.ename}: {err.evalue}",
            f"the report failed: {err.ename}: {err.evalue}",
        )
    return (
        f"报告生成出错：{type(err).__name__}: {err}",
        f"the report failed: {type(err).__name__}: {err}",
    )


# --------------------------------------------------------------------------------------------
# Rendering.


def render(job: Job, out_dir: str | Path, lang: str = "zh", generated_at: str = "") -> Outcome:
    """Execute one report notebook and write its HTML; failures come back in the Outcome."""
    import papermill

    start = time.perf_counter()
    out_dir = Path(out_dir)
    try:
        if lang not in LANGS:
            raise KitError(
                f"报告语言应为 zh 或 en，收到：{lang!r}",
                f"the report language must be zh or en, got {lang!r}",
                field="lang",
            )
        source = template(job.kind)
        params = {**job.parameters, "lang": lang, "generated_at": generated_at or timestamp()}
        nb = _execute(
            papermill,
            str(source),
            None,
            parameters=params,
            kernel_name=KERNEL,
            progress_bar=False,
            log_output=False,
            cwd=str(source.parent),
            execution_timeout=CELL_TIMEOUT,
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
        html = export(nb, job.title, lang)
        path = write_atomic(output_path(out_dir, job.name, lang), html, overwrite=False)
    except Exception as err:  # every failure is reported, none stops a batch
        zh, en = _error(err)
        return Outcome(job, None, zh, en, time.perf_counter() - start)
    return Outcome(job, str(path), seconds=time.perf_counter() - start)


# A kernel can die before it starts when another process takes one of the ports jupyter_client
# picked for it (seen with two workers: "Address already in use"); nothing has run yet, so once more.
KERNEL_START_FAILED = "Kernel died before replying to kernel_info"


def _execute(papermill, source: str, *args, **kwargs):
    try:
        return papermill.execute_notebook(source, *args, **kwargs)
    except RuntimeError as err:
        if KERNEL_START_FAILED not in str(err):
            raise
        return papermill.execute_notebook(source, *args, **kwargs)


def _warm_up() -> None:
    """Pool initializer: import the heavy modules once per worker, not once per report."""
    import papermill  # noqa: F401

    for lang in LANGS:
        _exporter(lang)


def _run(args: tuple) -> Outcome:
    return render(*args)


def render_all(
    jobs: Sequence[Job],
    out_dir: str | Path,
    lang: str = "zh",
    *,
    workers: int = 1,
    progress: bool = True,
    generated_at: str = "",
) -> list[Outcome]:
    """Render every job (one generation time for all); outcomes in the jobs' order."""
    from tqdm import tqdm

    stamp = generated_at or timestamp()
    tasks = [(job, out_dir, lang, stamp) for job in jobs]
    results: dict[int, Outcome] = {}
    desc = "生成报告 / rendering"
    with tqdm(
        total=len(tasks), desc=desc, unit="report", disable=not progress, file=sys.stderr
    ) as bar:
        if workers <= 1 or len(tasks) <= 1:
            for i, task in enumerate(tasks):
                results[i] = _run(task)
                bar.update(1)
        else:
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(
                max_workers=min(workers, len(tasks)), mp_context=context, initializer=_warm_up
            ) as pool:
                futures = {pool.submit(_run, task): i for i, task in enumerate(tasks)}
                for future in as_completed(futures):
                    results[futures[future]] = future.result()
                    bar.update(1)
    return [results[i] for i in range(len(tasks))]
