"""Files the kit puts into the pages it writes, so a report or plan opens offline.

``plotly-kit.min.js`` is plotly.js of the version plotly.py ships, with only the trace types the
kit draws (:data:`smedx.charts.TRACE_TYPES`): about 1 MB instead of plotly's full 4.8 MB bundle,
so a report sent by e-mail stays small. It is built by ``tools/plotly-bundle`` (see its README)
and committed; ``tests/test_reports_render.py`` checks its version and trace types.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from smedx.errors import KitError

PLOTLY_BUNDLE = "plotly-kit.min.js"
_VERSION = re.compile(r"\* plotly\.js v(\S+) \(smedx partial bundle: ([^)]*)\)")


@cache
def plotly_js() -> str:
    """The kit's plotly.js bundle (sets ``window.Plotly``)."""
    try:
        return resources.files(__package__).joinpath(PLOTLY_BUNDLE).read_text("utf-8")
    except FileNotFoundError as err:
        raise KitError(
            f"安装不完整：缺少 smedx/assets/{PLOTLY_BUNDLE}，请重新安装 smedx",
            f"the installation is incomplete: smedx/assets/{PLOTLY_BUNDLE} is missing; "
            "reinstall smedx",
        ) from err


def plotly_bundle_info() -> tuple[str, tuple[str, ...]]:
    """(plotly.js version, trace types) as the bundle's header states them."""
    found = _VERSION.search(plotly_js()[:500])
    if found is None:
        raise KitError(
            f"{PLOTLY_BUNDLE} 的文件头无法识别", f"the header of {PLOTLY_BUNDLE} is not recognised"
        )
    return found[1], tuple(t.strip() for t in found[2].split(","))
