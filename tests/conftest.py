from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORT_TEXT = ROOT.parent / "shared" / "source" / "sme-dx-report-2024.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# Property tests run on a shared 2-core CI machine: judge them on their examples, not on timing.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile("ci")
