"""SME DX Kit (数转课堂): the library every course notebook, app and report imports."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("smedx")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

REPORT_TITLE_ZH = "《中国中小企业数字化转型报告 2024》"
REPORT_TITLE_EN = "China SME Digital Transformation Report 2024"
