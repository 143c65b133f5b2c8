import functools
import sys
from pathlib import Path

import pytest
from tiers import SIGNS, TIERS, started_tier, tier_of

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


# --- Test tiers (tests/tiers.py) -----------------------------------------------------------------
def pytest_collection_modifyitems(config, items):
    for item in items:
        item.add_marker(getattr(pytest.mark, tier_of(item.path)))


# What each test starts, seen from the processes it spawns: a test that starts something above its
# tier fails, so a file cannot stay in a tier it outgrew.
_spawned: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "subprocess.Popen":
        command = args[1]
        _spawned.append(" ".join(map(str, command)) if not isinstance(command, str) else command)


sys.addaudithook(_audit)


def remember_alembic_head() -> None:
    """nbgrader starts an `alembic heads` subprocess (seconds of CPU) each time it creates a
    gradebook, to ask for the head of its own migrations: a constant of the installed nbgrader.
    Once nbgrader is imported (importing it here would cost every run), ask once per process."""
    api = sys.modules.get("nbgrader.api")
    if api is not None and not hasattr(api.get_alembic_version, "cache_info"):
        api.get_alembic_version = functools.cache(api.get_alembic_version)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    remember_alembic_head()
    _spawned.clear()
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield
    tier = next(t for t in TIERS if item.get_closest_marker(t))
    started = started_tier(_spawned)
    if TIERS.index(started) > TIERS.index(tier) and tier != "browser":
        pytest.fail(
            f"{item.nodeid} is in the {tier} tier but started something of the {started} tier: "
            f"{[c for c in _spawned if SIGNS[started].search(c)][:3]}; move its file in "
            "tests/tiers.py",
            pytrace=False,
        )
    return result


# --- One released course per session (tests/autograde.py) ----------------------------------------
@pytest.fixture(scope="session")
def released_course(tmp_path_factory):
    """``released_course(dest, modules=("m01",)) -> dest``: a private copy of the course with
    ``modules`` released into its gradebook, as `nbgrader generate_assignment` leaves it; each
    module set is released once per session."""
    from autograde import ReleasedCourses

    return ReleasedCourses(tmp_path_factory.mktemp("released"))
