from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT_TEXT = ROOT.parent / "shared" / "source" / "sme-dx-report-2024.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT
