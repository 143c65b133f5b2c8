"""Adversarial submissions through the real ``smedx grade``, as root, with the real grading accounts.

One course in a folder every account can traverse (as a trainer's course often is), two honest
learners and one learner per attack below. Each attack is the code of an answer cell and has a
named expected outcome: what its cell shows, which limit the summary names, what must not have
happened to the course. Attacks print ``LEAK`` when they get something they must not, and
``DENIED`` with the reason when they are stopped. The honest learners keep their exact scores.

Then ``smedx grade`` itself is interrupted (SIGINT, SIGTERM) and killed (SIGKILL) mid-run: no
worker, kernel or learner process may survive, grades already recorded stay, and the next run
removes the scratch folder the killed run left and grades the rest. Needs root.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from smedx.grading import cohort, sandbox

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ASSIGNMENT = "m01"

pytestmark = pytest.mark.slow

LIMITS = """
# --- test limits: short, so the attacks finish quickly ---
c.Execute.timeout = 15  # the kit's own cells take a few seconds even on a busy machine
c.Sandbox.notebook_seconds = 45
"""

TRY = """
def attempt(what, action):
    try:
        got = action()
    except Exception as err:
        print("DENIED", what, type(err).__name__, err)
    else:
        print("LEAK", what, repr(got)[:200])
"""


def _attack(body: str) -> str:
    return TRY + textwrap.dedent(body)


LEFT_NAME = "smedx-attack-left-behind"  # leave_temp_files's files, in each folder of
LEFT_IN = ("/tmp", "/var/tmp", "/dev/shm")
LEFT_KEY = 0x5EED0014  # and its System V shared memory segment

# name -> (cell code, expected: limits named, text in the cell's output, text never in it)
ATTACKS = {
    "read_solutions": (
        "attempt('solutions', lambda: open(COURSE + '/solutions/m01/m01.ipynb').read())",
        set(), "DENIED solutions PermissionError", "LEAK",
    ),
    "read_gradebook": (
        "attempt('gradebook', lambda: open(COURSE + '/gradebook.db', 'rb').read(100))",
        set(), "DENIED gradebook PermissionError", "LEAK",
    ),
    "read_other_submission": (
        "attempt('other', lambda: open(COURSE + '/submitted/honest_full/m01/answers_m01.json')"
        ".read())",
        set(), "DENIED other PermissionError", "LEAK",
    ),
    "read_trainer_home": (
        "import os\nattempt('home', lambda: os.listdir(os.path.expanduser('~root')))",
        set(), "DENIED home PermissionError", "LEAK",
    ),
    "read_trainer_files": (
        "import os\nattempt('trainer', lambda: os.listdir(COURSE + '/trainer'))",
        set(), "DENIED trainer", "LEAK",
    ),
    "read_concurrent_kernels": (  # another learner's kernel, graded at the same time
        """
        import os, glob
        def peek():
            found = []
            for cwd in glob.glob('/proc/[0-9]*/cwd'):
                try:
                    target = os.readlink(cwd)
                except OSError:
                    continue
                if '/sub-' in target and target != os.getcwd():
                    found.append((target, os.listdir(target)))
            if not found:
                raise PermissionError('no other submission visible')
            return found
        attempt('concurrent', peek)
        """,
        set(), "DENIED concurrent", "LEAK",
    ),
    "write_course": (
        "attempt('write', lambda: open(COURSE + '/pwned.txt', 'w').write('x'))\n"
        "attempt('write2', lambda: open(COURSE + '/autograded/pwned.txt', 'w').write('x'))",
        set(), "DENIED write PermissionError", "LEAK",
    ),
    "sql_gradebook": (
        """
        import sqlite3
        def update():
            db = sqlite3.connect(COURSE + '/gradebook.db')
            db.execute("UPDATE grade SET manual_score = 99")
            db.commit()
            return 'updated'
        attempt('sql', update)
        print("'; DROP TABLE grade; --")
        """,
        set(), "DENIED sql OperationalError", "LEAK",
    ),
    "kill_everything": (  # every process this account may signal: none but its own kernel
        "import os, signal\nos.kill(-1, signal.SIGKILL)\nprint('DENIED nothing else to kill')",
        set(), "DENIED nothing else to kill", "LEAK",
    ),
    "write_trainer_terminal": (  # the kernel's own stderr and stdout, past the notebook
        "import os\nos.write(2, b'FORGED Traceback')\nos.write(1, b'FORGED done')\n"
        "print('DENIED written')",
        set(), "DENIED written", "LEAK",
    ),
    "kill_own_kernel": (
        "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
        {"kernel"}, "内核停止 kernel stopped", "LEAK",
    ),
    "infinite_loop": ("while True:\n    pass", {"timeout"}, "超时 timeout", "LEAK"),
    "stubborn_loop": (  # ignores the interrupt: the notebook's wall time ends it
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass",
        {"timeout"}, "超时 timeout", "LEAK",
    ),
    "fork_bomb": (  # bounded: 2000 sleeping children at most
        """
        import os, time
        for i in range(2000):
            if os.fork() == 0:
                time.sleep(600)
                os._exit(0)
        print('LEAK forked 2000')
        """,
        {"processes"}, "进程数 processes", "LEAK",
    ),
    "memory_hog": (
        "import numpy as np\nblocks = []\nwhile True:\n    blocks.append(np.empty(2**28, np.uint8))",
        {"memory"}, "内存 memory", "LEAK",
    ),
    "output_one_print": ("print('x' * 100_000_000)", {"output"}, "输出过大 output too large", ""),
    "output_many_prints": (
        "for i in range(1_000_000):\n    print('y' * 99)",
        {"output"}, "输出过大 output too large", "",
    ),
    "output_display_update": (  # rewrites an earlier output in place, never a new output
        "from IPython.display import display\nh = display('small', display_id=True)\n"
        "h.update('A' * 30_000_000)",
        {"output"}, "输出过大 output too large", "",
    ),
    "output_widget_state": (  # widget state goes into the notebook's metadata
        """
        from ipykernel.comm import Comm
        state = {'_model_module': '@jupyter-widgets/controls', '_model_name': 'HTMLModel',
                 '_model_module_version': '2.0.0', '_view_module': '@jupyter-widgets/controls',
                 '_view_name': 'HTMLView', '_view_module_version': '2.0.0'}
        comms = [Comm(target_name='jupyter.widget', data={'state': {**state, 'value': 'W' * 20_000_000}})
                 for i in range(5)]
        """,
        {"output"}, "输出过大 output too large", "",
    ),
    "output_widget_update": (
        "import ipywidgets\nh = ipywidgets.HTML('x')\nfor i in range(5):\n"
        "    h.value = str(i) * 20_000_000",
        {"output"}, "输出过大 output too large", "",
    ),
    "leave_temp_files": (  # for the next submission graded under the same account
        f"""
        import ctypes, os
        for d in {LEFT_IN}:
            open(d + '/{LEFT_NAME}', 'wb').write(b'0' * 20_000_000)
        os.makedirs('/var/tmp/{LEFT_NAME}.d/sub')
        open('/var/tmp/{LEFT_NAME}.d/sub/f', 'w').write('x')
        shm = ctypes.CDLL(None).shmget({LEFT_KEY}, 2**20, 0o1600)  # IPC_CREAT
        print('WROTE', len(os.listdir('/var/tmp/{LEFT_NAME}.d')) * 4, shm >= 0)
        """,
        set(), "WROTE 4 True", "LEAK",
    ),
    "big_file": (
        "attempt('file', lambda: open('big.bin', 'wb').write(b'0' * 300 * 2**20))",
        set(), "DENIED file OSError", "LEAK",
    ),
    "orphan_process": (  # escapes the kernel's session and environment; still killed afterwards
        "import subprocess\nsubprocess.Popen(['sleep', '900'], start_new_session=True, env={})\n"
        "print('DENIED nothing to deny: started')",
        set(), "DENIED", "LEAK",
    ),
}  # fmt: skip
DELETE_ALL = "delete_all_graded_cells"


def _answer_cell(course: Path) -> str:
    nb = json.loads((course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if cell["cell_type"] == "code" and meta.get("solution"):
            return meta["grade_id"]
    raise AssertionError("m01 has no code answer cell")


def _delete_graded_cells(folder: Path) -> None:
    path = folder / f"{ASSIGNMENT}.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"] = [c for c in nb["cells"] if not c["metadata"].get("nbgrader")]
    path.write_text(json.dumps(nb))


def _env(course: Path) -> dict[str, str]:
    return {"PATH": f"{BIN}:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root", "LANG": "C.UTF-8"}


def _grader_pids() -> list[int]:
    uids = {p.pw_uid for p in pwd.getpwall() if p.pw_name.startswith(sandbox.GRADER)}
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _pids_in(folder: Path) -> list[int]:
    """Processes working in ``folder`` (the course): smedx grade and its workers."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.readlink(entry / "cwd") == str(folder):
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


def _wait_until(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def course_base():
    if os.geteuid() != 0:
        pytest.fail("the sandbox needs root (useradd, setpriv): run the tests as root", False)
    base = Path(tempfile.mkdtemp(prefix="smedx-sandbox-", dir="/tmp"))
    base.chmod(0o755)  # every account may traverse it: the sandbox must protect the course
    try:
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _course(released_course, base: Path, name: str) -> Path:
    course = released_course(base / name, [ASSIGNMENT])
    with open(course / "nbgrader_config.py", "a") as config:
        config.write(LIMITS)
    subprocess.run(["chmod", "-R", "a+rX", str(course)], check=True)  # umask 022 as on a laptop
    return course


@pytest.fixture(scope="module")
def attacked(course_base, released_course):
    course = _course(released_course, course_base, "course")
    cell = _answer_cell(course)
    full = cohort.full_answers(ASSIGNMENT)
    cohort.submit(course, ASSIGNMENT, "honest_full", full)
    cohort.submit(course, ASSIGNMENT, "honest_blank")
    prelude = f"COURSE = {str(course)!r}\n"
    for name, (code, *_expected) in ATTACKS.items():
        cohort.submit(course, ASSIGNMENT, name, cells={cell: prelude + _attack(code)})
    _delete_graded_cells(cohort.submit(course, ASSIGNMENT, DELETE_ALL, full))
    out = course / "outcomes.json"
    start = time.monotonic()
    result = subprocess.run(
        [str(BIN / "smedx"), "grade", ASSIGNMENT, "--jobs", "2", "--quiet", "--json", str(out)],
        cwd=course, env=_env(course), capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    seconds = time.monotonic() - start
    outcomes = {o["student"]: o for o in json.loads(out.read_text())} if out.exists() else {}
    return course, cell, result, outcomes, seconds


def _cell_text(course: Path, student: str, grade_id: str) -> tuple[str, str]:
    """All of the cell's outputs, and only what it printed (a traceback quotes the code)."""
    path = course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    nb = json.loads(path.read_text())
    for c in nb["cells"]:
        if c["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            outputs = c.get("outputs", [])
            streams = [o["text"] for o in outputs if o["output_type"] == "stream"]
            printed = "".join("".join(t) if isinstance(t, list) else t for t in streams)
            return json.dumps(outputs, ensure_ascii=False), printed
    raise AssertionError(f"{student}: no cell {grade_id}")


def test_the_run_grades_every_submission(attacked):
    course, _cell, result, outcomes, seconds = attacked
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    expected = {"honest_full", "honest_blank", DELETE_ALL, *ATTACKS}
    assert set(outcomes) == expected
    assert all(o["ok"] for o in outcomes.values()), [o for o in outcomes.values() if not o["ok"]]
    assert "Traceback" not in result.stderr
    assert "FORGED" not in result.stdout + result.stderr
    assert seconds < 600, seconds


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_has_its_named_outcome(attacked, name):
    course, cell, result, outcomes, _seconds = attacked
    _code, limits, shown, never = ATTACKS[name]
    hit = set(outcomes[name]["limits"])
    if "output" in limits:  # moving 100 MB to the grader may also outlast the cell's time
        hit -= {"timeout"}
    assert hit == limits, outcomes[name]
    text, printed = _cell_text(course, name, cell)
    # one print() may reach the notebook as two stream outputs (the kernel flushed between writes)
    assert shown in text or shown in printed, text[:3000]
    if never:
        assert never not in printed, printed[:3000]
    line = next(x for x in result.stdout.splitlines() if x.startswith(name + " "))
    if limits:  # the summary names the limit instead of "done"
        assert "完成" not in line and "达到限制：" in line, line
        for limit in limits:  # "超时 timeout": the summary names it in Chinese only
            assert sandbox.LIMIT_NAMES[limit].split()[0] in line, line
    size = (course / "autograded" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").stat().st_size
    assert size < 1_500_000, f"{name}: autograded notebook is {size} bytes"


def test_the_course_is_untouched(attacked):
    course, *_ = attacked
    assert not (course / "pwned.txt").exists()
    assert not (course / "autograded" / "pwned.txt").exists()
    db = sqlite3.connect(course / "gradebook.db")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert db.execute("SELECT count(*) FROM grade WHERE manual_score = 99").fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM grade").fetchone()[0] > 0  # not dropped


def test_honest_learners_keep_their_scores(attacked):
    from smedx.grading.build import assignment_questions

    course, _cell, _result, outcomes, _seconds = attacked
    core = sum(q.points for q in assignment_questions(course, ASSIGNMENT))
    assert outcomes["honest_full"]["score"] == core, outcomes["honest_full"]
    assert outcomes["honest_blank"]["score"] == 0
    assert outcomes["honest_full"]["limits"] == [] == outcomes["honest_blank"]["limits"]


def test_deleted_graded_cells_are_restored(attacked):
    course, _cell, _result, outcomes, _seconds = attacked
    source = json.loads((course / "exercises" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    graded = {
        c["metadata"]["nbgrader"]["grade_id"]
        for c in source["cells"]
        if c["metadata"].get("nbgrader", {}).get("grade")
    }
    path = course / "autograded" / DELETE_ALL / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    back = {c["metadata"].get("nbgrader", {}).get("grade_id") for c in json.loads(path.read_text())["cells"]}  # fmt: skip
    assert graded <= back, graded - back
    assert outcomes[DELETE_ALL]["ok"] and outcomes[DELETE_ALL]["score"] is not None


def test_nothing_is_left_running_or_behind(attacked):
    _wait_until(lambda: not _grader_pids(), 10, "grading accounts' processes to end")
    assert not [p for p in sandbox.SCRATCH_ROOT.glob("run-*")], "a run folder was left"
    left = [f"{d}/{LEFT_NAME}" for d in LEFT_IN] + [f"/var/tmp/{LEFT_NAME}.d"]
    assert not [p for p in left if os.path.lexists(p)], "files outside the scratch folder"
    keys = [line.split()[0] for line in Path("/proc/sysvipc/shm").read_text().splitlines()[1:]]
    assert str(LEFT_KEY) not in keys, "a System V shared memory segment was left"


PEEK = f"""
import ctypes, os
for d in {(*LEFT_IN, "/run/lock")}:
    attempt('file in ' + d, lambda: os.stat(d + '/{LEFT_NAME}'))
def segment():
    shm = ctypes.CDLL(None).shmget({LEFT_KEY}, 0, 0)
    if shm < 0:
        raise FileNotFoundError('no segment')
    return shm
attempt('segment', segment)
"""
LEAVE = textwrap.dedent(ATTACKS["leave_temp_files"][0]) + f"open('/run/lock/{LEFT_NAME}', 'w')\n"


def test_the_next_submission_on_the_account_finds_nothing_left(course_base, released_course):
    """One account, one job: what the first submission leaves in the shared temporary folders
    and System V IPC, the second cannot see, with private per-kernel folders (namespaces) and
    with the fallback's sweep after each submission."""
    course = _course(released_course, course_base, "peek")
    namespaces = sandbox._private_temp_works(course, sandbox.Sandbox())  # False: a note, the sweep
    cell = _answer_cell(course)
    for student, code in (("a_leave", LEAVE), ("b_peek", PEEK)):  # graded in this order
        cohort.submit(course, ASSIGNMENT, student, cells={cell: _attack(code)})
    for private_temp in (True, False):
        with open(course / "nbgrader_config.py", "a") as config:
            config.write(f"c.Sandbox.private_temp = {private_temp}\n")
        result = subprocess.run(
            [str(BIN / "smedx"), "grade", ASSIGNMENT, "--jobs", "1", "--quiet"],
            cwd=course, env=_env(course), capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]
        if private_temp and namespaces:  # where they can be made, every kernel gets them
            assert "无法为内核建立私有临时目录" not in result.stderr, result.stderr
        assert "WROTE 4 True" in _cell_text(course, "a_leave", cell)[1]
        _text, printed = _cell_text(course, "b_peek", cell)
        assert "LEAK" not in printed and printed.count("DENIED") == 5, (private_temp, printed)
        left = [f"{d}/{LEFT_NAME}" for d in (*LEFT_IN, "/run/lock")]
        assert not [p for p in left if os.path.lexists(p)], "files outside the scratch folder"


# --- interrupting smedx grade -------------------------------------------------------------------


def _slow_course(released_course, base: Path, name: str) -> Path:
    course = _course(released_course, base, name)
    cell = _answer_cell(course)
    full = cohort.full_answers(ASSIGNMENT)
    for student in ("a_quick", "b_quick"):
        cohort.submit(course, ASSIGNMENT, student, full)
    for student in ("y_slow", "z_slow"):  # each holds a kernel for the cell's 30 s
        cohort.submit(
            course, ASSIGNMENT, student, full, cells={cell: "import time; time.sleep(900)"}
        )
    with open(course / "nbgrader_config.py", "a") as config:
        config.write("c.Execute.timeout = 30\n")
    return course


def _graded(course: Path) -> set[str]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", "smedx") as gb:
        return {
            s.student.id
            for s in gb.assignment_submissions(ASSIGNMENT)
            if any(g.auto_score is not None for nb in s.notebooks for g in nb.grades)
        }


@pytest.mark.parametrize(
    "sig, code",
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGKILL, -9)],
    ids=["SIGINT", "SIGTERM", "SIGKILL"],
)
def test_a_stopped_run_leaves_no_process_and_loses_no_grade(
    course_base, released_course, sig, code
):
    course = _slow_course(released_course, course_base, f"stop-{sig.name}")
    before = set(sandbox.SCRATCH_ROOT.glob("run-*"))
    cmd = [str(BIN / "smedx"), "grade", ASSIGNMENT, "--jobs", "2", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=course, env=_env(course), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip

    def quick_graded() -> bool:
        if {"a_quick", "b_quick"} <= _graded(course):
            return True
        assert proc.poll() is None, "smedx grade ended early:\n" + proc.communicate()[1][-3000:]
        return False

    try:
        # seconds as a rule; the margin is for a loaded machine (once 120 s were not enough)
        _wait_until(quick_graded, 300, "quick grades")
        _wait_until(lambda: len(_grader_pids()) >= 2, 60, "the slow kernels")
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err[-2000:]
    if sig != signal.SIGKILL:
        assert "已中断" in err and "Traceback" not in err, err[-2000:]  # "interrupted", in Chinese
    _wait_until(lambda: not _pids_in(course), 15, "smedx grade's workers to end")
    _wait_until(lambda: not _grader_pids(), 15, "the kernels and their children to end")
    left = set(sandbox.SCRATCH_ROOT.glob("run-*")) - before
    assert bool(left) == (sig == signal.SIGKILL), left  # only SIGKILL skips the cleanup
    assert {"a_quick", "b_quick"} <= _graded(course)  # recorded grades survive
    db = sqlite3.connect(course / "gradebook.db")
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    again = subprocess.run(
        [*cmd, "--student", "y_slow", "--student", "z_slow"],
        cwd=course, env=_env(course), capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr[-3000:]
    assert "达到限制：超时" in again.stdout, again.stdout  # the summary names the limit in Chinese
    assert _graded(course) == {"a_quick", "b_quick", "y_slow", "z_slow"}
    assert not left & set(sandbox.SCRATCH_ROOT.glob("run-*")), "the stale folder is still there"


def test_refuses_without_a_second_account(course_base, released_course):
    """Not root: no account to switch to, so a clear refusal unless --unsafe-same-user."""
    course = _course(released_course, course_base, "nobody")
    cohort.submit(course, ASSIGNMENT, "honest", cohort.full_answers(ASSIGNMENT))
    subprocess.run(["chown", "-R", "nobody:nogroup", str(course)], check=True)
    env = {**_env(course), "HOME": str(course)}
    cmd = ["runuser", "-u", "nobody", "--", str(BIN / "smedx"), "grade", ASSIGNMENT, "--quiet"]
    refused = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True)
    assert refused.returncode == 2, refused.stderr
    assert "--unsafe-same-user" in refused.stderr and "Traceback" not in refused.stderr
    assert "错误" in refused.stderr and "Error" not in refused.stderr  # one language
