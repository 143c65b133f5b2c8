"""``nbgrader collect`` (as root) follows no link a learner put into the exchange (issue #14).

Real Unix accounts, a real exchange folder and the real ``nbgrader collect`` run as root in a copy
of the course. One learner writes an inbound submission straight into the exchange (no ``nbgrader
submit``) holding, beside the notebook and the timestamp: a link to the trainer's keys, a link to
the ``trainer/`` folder, a link to another learner's collected answers in place of its own answers
file, a link to ``/dev/zero``, a FIFO, a setuid file and a folder with a file of its own. A second
learner's whole inbound entry is a link to ``trainer/``. Needs root; fails loudly without it.
"""

from __future__ import annotations

import os
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import notebook_hash
from test_grading_workflow import BIN, ROOT, Machine, require_root
from traitlets.config import Config

pytestmark = pytest.mark.slow

ASSIGNMENT = "m01"
STAMP = "2026-12-05 04:30:00.000000 UTC"
KEY = f"# KEY-MARKER-{uuid.uuid4().hex}"  # appended to the copy's trainer/items/m01.py
VICTIM_ANSWERS = f'{{"m01-q1": "VICTIM-MARKER-{uuid.uuid4().hex}"}}'
FSIZE_CAP = 64 * 1024 * 1024  # a copy that follows /dev/zero dies here instead of filling the disk
LINKS = ("keys.py", "trainer_dir", "answers_m01.json", "zero")
# nbgrader's limits, in kB of 1000 bytes: big.bin (1.5 MB) is over the file limit, the hoarder's
# four 0.9 MB files are each within it but together over the submission limit.
LIMITS = "\nc.CourseDirectory.max_file_size = 1000\nc.CourseDirectory.max_dir_size = 3000\n"


def _learner_script(course: Path, inbound: Path, user: str, victim: str) -> str:
    folder = inbound / f"{user}+{ASSIGNMENT}+{STAMP}+abcdefgh"
    return f"""set -e
D='{folder}'
mkdir "$D"
cp '{course}/exercises/{ASSIGNMENT}/{ASSIGNMENT}.ipynb' "$D/"
echo '{STAMP}' > "$D/timestamp.txt"
ln -s '{course}/trainer/items/{ASSIGNMENT}.py' "$D/keys.py"
ln -s '{course}/trainer' "$D/trainer_dir"
ln -s '{course}/submitted/{victim}/{ASSIGNMENT}/answers_{ASSIGNMENT}.json' "$D/answers_{ASSIGNMENT}.json"
ln -s /dev/zero "$D/zero"
mkfifo "$D/pipe"
printf 'not a program' > "$D/tool" && chmod 4755 "$D/tool"
mkdir "$D/notes" && echo 'my own notes' > "$D/notes/own.txt"
truncate -s 1500000 "$D/big.bin"
"""


def _cap_file_size() -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (FSIZE_CAP, FSIZE_CAP))


@pytest.fixture(scope="module")
def collected(released_course):
    require_root()
    base = Path(tempfile.mkdtemp(prefix="smedx-collect-", dir="/tmp"))
    base.chmod(0o755)
    m = Machine(base)
    try:
        course = released_course(base / "course", [ASSIGNMENT])
        with open(course / "nbgrader_config.py", "a") as config:
            config.write(LIMITS)
        with open(course / "trainer" / "items" / f"{ASSIGNMENT}.py", "a") as keys:
            keys.write(f"\n{KEY}\n")
        subprocess.run(["chmod", "-R", "a+rX", str(course / "exercises")], check=True)
        course.chmod(0o711)  # learners may reach exercises/, not list the course
        victim_answers = course / "submitted" / "victim" / ASSIGNMENT / f"answers_{ASSIGNMENT}.json"
        victim_answers.parent.mkdir(parents=True)
        victim_answers.write_text(VICTIM_ANSWERS)
        inbound = m.exchange / "smedx" / "inbound"
        inbound.mkdir(parents=True)
        inbound.chmod(0o733)  # as nbgrader's release makes it: learners write, cannot list
        inbound.parent.chmod(0o755)
        attacker, linker, hoarder = m.add("attacker"), m.add("linker"), m.add("hoarder")
        script = _learner_script(course, inbound, attacker, "victim")
        m.run("attacker", "sh", "-c", script)
        m.run("linker", "ln", "-s", str(course / "trainer"),
              str(inbound / f"{linker}+{ASSIGNMENT}+{STAMP}+ijklmnop"))  # fmt: skip
        hoard = inbound / f"{hoarder}+{ASSIGNMENT}+{STAMP}+qrstuvwx"
        m.run("hoarder", "sh", "-c", f"mkdir '{hoard}' && for i in 1 2 3 4; do "
              f"head -c 900000 /dev/zero > '{hoard}'/f$i; done")  # fmt: skip
        start = time.monotonic()
        result = subprocess.run(
            [str(BIN / "nbgrader"), "collect", ASSIGNMENT],
            cwd=course, env={**os.environ, "SMEDX_EXCHANGE": str(m.exchange)},
            capture_output=True, text=True, timeout=120, preexec_fn=_cap_file_size,
        )  # fmt: skip
        seconds = time.monotonic() - start
        yield course, attacker, linker, hoarder, result, seconds
    finally:
        m.close()
        shutil.rmtree(base, ignore_errors=True)


def _files(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*"))}


def test_collect_finishes_promptly(collected):
    _course, _a, _l, _h, result, seconds = collected
    assert result.returncode == 0, result.stderr[-4000:]
    assert seconds < 60, f"collect took {seconds:.1f} s"


def test_the_regular_files_are_collected(collected):
    course, attacker, _l, _h, result, _s = collected
    folder = course / "submitted" / attacker / ASSIGNMENT
    assert folder.is_dir(), result.stderr[-4000:]
    original = course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert (folder / f"{ASSIGNMENT}.ipynb").read_bytes() == original.read_bytes()
    assert (folder / "timestamp.txt").read_text().strip() == STAMP
    assert (folder / "notes" / "own.txt").read_text() == "my own notes\n"
    assert (folder / "tool").read_text() == "not a program"
    assert not (folder / "tool").stat().st_mode & (stat.S_ISUID | stat.S_ISGID)


def test_no_linked_content_reaches_submitted(collected):
    course, attacker, linker, hoarder, result, _s = collected
    folder = course / "submitted" / attacker / ASSIGNMENT
    names = _files(folder)
    for name in (*LINKS, "pipe"):
        assert name not in names, f"{name} was collected"
    assert sorted(names) == sorted(
        [f"{ASSIGNMENT}.ipynb", "timestamp.txt", "tool", "notes", "notes/own.txt"]
    )
    for path in (course / "submitted").rglob("*"):
        assert not path.is_symlink(), path
        if path.is_file() and "victim" not in path.parts:
            text = path.read_bytes()
            assert KEY.encode() not in text, f"the trainer's keys reached {path}"
            assert b"VICTIM-MARKER" not in text, f"another learner's answers reached {path}"
    assert not (course / "submitted" / linker).exists(), "a linked inbound entry was collected"
    assert not (course / "submitted" / hoarder).exists(), "a submission over max_dir_size"
    leftovers = [p for p in (course / "submitted").rglob(".*collecting*")]
    assert leftovers == []


def test_collect_names_what_it_skipped(collected):
    _course, attacker, linker, hoarder, result, _s = collected
    log = result.stdout + result.stderr
    lines = log.splitlines()
    for name in LINKS:
        named = [x for x in lines if "Skipped symbolic link" in x and f"/{name} in the" in x]
        assert named, f"{name} is not named in:\n{log[-4000:]}"
    assert "已跳过提交中的符号链接" in log
    assert "Skipped FIFO" in log and "/pipe in the submission" in log
    entry = f"{linker}+{ASSIGNMENT}+{STAMP}+ijklmnop in the submission"
    assert [x for x in lines if "Skipped symbolic link" in x and entry in x], log[-4000:]
    assert [x for x in lines if "Ignoring file too large" in x and "/big.bin'" in x], log[-4000:]
    too_large = [x for x in lines if "Submission too large, not collected" in x]
    assert len(too_large) == 1 and f"{hoarder}+{ASSIGNMENT}+" in too_large[0], log[-4000:]


def test_cluster_feedback_release_writes_through_no_planted_link(tmp_path):
    """On z2jh a learner can write in their feedback folder and knows the checksum nbgrader
    names feedback by (from their own submission_secret.txt): a link planted at the release's
    temporary name must not make the trainer's release overwrite the file it points to."""
    sys.path.insert(0, str(ROOT / "deploy" / "z2jh"))
    from smedx_exchange_k8s import PerLearnerReleaseFeedback

    course, volume = tmp_path / "course", tmp_path / "volume" / "smedx" / "feedback"
    generated = course / "feedback" / "zhao" / "ps1"
    generated.mkdir(parents=True)
    (generated / "ps1.html").write_text("<p>反馈 feedback</p>")
    (generated / "submission_secret.txt").write_text("secret-the-learner-knows")
    (volume / "zhao").mkdir(parents=True)
    keys = tmp_path / "trainer_keys.py"
    keys.write_text(KEY)
    checksum = notebook_hash(secret="secret-the-learner-knows", notebook_id="ps1")
    (volume / "zhao" / f"{checksum}-tmp.html").symlink_to(keys)
    cfg = Config()
    cfg.CourseDirectory.root = str(course)
    cfg.CourseDirectory.course_id = "smedx"
    cfg.CourseDirectory.assignment_id = "ps1"
    release = PerLearnerReleaseFeedback(coursedir=CourseDirectory(config=cfg), config=cfg)
    release.src_path = release.coursedir.format_path("feedback", "*", "ps1")
    release.dest_path = str(volume)
    release.copy_files()
    assert keys.read_text() == KEY
    released = volume / "zhao" / f"{checksum}.html"
    assert not released.is_symlink() and released.read_text() == "<p>反馈 feedback</p>"


RESOLVED = """
from nbgrader.apps import NbGraderApp
app = NbGraderApp()
app.initialize([])
print(app.config.ExchangeFactory.collect)
"""


@pytest.mark.parametrize(
    ("config_path", "expected"),
    [
        ("", "smedx.grading.collect.SafeCollect"),
        (
            "deploy/z2jh/jupyter/trainer:deploy/hub/jupyter/trainer",
            "smedx_exchange_k8s.PerLearnerCollect",
        ),
    ],
    ids=["one-machine", "cluster"],
)
def test_the_course_config_keeps_the_deployments_safe_collect(config_path, expected):
    """nbgrader reads the course's nbgrader_config.py last: on the cluster it must keep the
    per-learner collect (a SafeCollect) the trainer image's config chose, not replace it."""
    paths = ":".join(str(ROOT / p) for p in config_path.split(":") if p)
    env = {**os.environ, "JUPYTER_CONFIG_PATH": paths, "PYTHONPATH": str(ROOT / "deploy" / "z2jh")}
    result = subprocess.run(
        [sys.executable, "-c", RESOLVED], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1:] == [expected], result.stderr[-2000:]
