"""Parameterised reports (papermill): company diagnosis, industry brief, association cohort report.

The template notebooks are package data in ``smedx/reports/templates/``; they stay thin and call
this package (``reports/`` at the top of the repository holds the guide and example inputs):

* :mod:`smedx.reports.sources`  reads input files (CSV, JSON, JSON lines, folders) into records;
* :mod:`smedx.reports.members`  turns a cohort's records into one validated table of members;
* :mod:`smedx.reports.cohort`   pure aggregation of that table against the national survey;
* :mod:`smedx.reports.company`  one company's inputs and the models' results for it;
* :mod:`smedx.reports.industry` what the report says about one industry, and what it does not;
* :mod:`smedx.reports.charts`   report-specific plotly figures (the rest come from smedx.charts);
* :mod:`smedx.reports.page`     HTML building blocks (fixed chart ids, escaped text, tables);
* :mod:`smedx.reports.company_view`, ``industry_view``, ``cohort_view``: the sections each
  notebook displays;
* :mod:`smedx.reports.render`   papermill + nbconvert to self-contained HTML, one or many at once;
* :mod:`smedx.cli.report`         ``smedx report company|industry|cohort`` (``register(subparsers)``);
* :mod:`smedx.reports.synthetic` obviously fictional members for examples, tests and benchmarks.
"""

from __future__ import annotations

import os
from pathlib import Path

# The template notebooks, shipped inside the package.
TEMPLATES = Path(os.environ.get("SMEDX_REPORTS", Path(__file__).parent / "templates"))
KINDS: dict[str, str] = {
    "company": "company.ipynb",
    "industry": "industry.ipynb",
    "cohort": "cohort.ipynb",
}
LANGS = ("zh", "en")
