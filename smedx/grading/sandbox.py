"""Learner code runs with no rights: the kernel ``smedx grade`` starts for each submission.

The notebook runs as an unprivileged system account used for nothing else: ``smedx-grader`` for
the first parallel job, ``smedx-grader-1``, ``-2`` … for the others (one account per job, held by
a lock for the job's life, so kernels graded at the same time cannot read, signal or trace each
other, and the process limit counts one kernel's processes). It runs in a scratch folder holding
only that submission (``/var/tmp/smedx-grade/run-*/sub-*``, mode 700, removed afterwards), with
limits:

- wall time per cell (``Execute.timeout``) and per notebook (``Sandbox.notebook_seconds``),
- address space (memory), processes, CPU seconds and file size (``prlimit``),
- output: each cell keeps at most ``Sandbox.output_bytes`` (outputs, display updates and widget
  state it adds); the rest is dropped with a note.

The trainer's process keeps everything else: nbgrader's other preprocessors, the scoring step,
the gradebook. A limit that was hit is named (超时 timeout, 内存 memory, 进程数 processes,
输出过大 output too large) in the cell's output, in the summary and in the feedback.

Each kernel runs in mount and IPC namespaces of its own (``unshare``, as root, before the
account is taken): /tmp, /var/tmp, /dev/shm and /run/lock show what is there, but what learner code
writes into them goes to a private in-memory layer (an overlay on a tmpfs of
``Sandbox.temp_mb``), and its System V IPC objects and POSIX queues exist only in its namespace.
Both vanish with the kernel's last process, so one submission can never leave a file or IPC object
for the next, and nothing has to be searched for afterwards. Where namespaces cannot be made (a
container without CAP_SYS_ADMIN, ``c.Sandbox.private_temp = False``), what the account owns in
those folders and its System V IPC objects are deleted after each submission instead.

After each submission every process of its account is killed. Run folders and accounts are
locked for as long as their ``smedx grade`` lives: the next run kills what a killed run left and
deletes its folders. Account, interpreter and folder checks are in :func:`prepare`.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import functools
import hashlib
import json
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from jupyter_core.utils import ensure_async
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer
from traitlets.config import LoggingConfigurable

from smedx.errors import KitError
from smedx.i18n import _

GRADER = "smedx-grader"
SCRATCH_ROOT = Path("/var/tmp/smedx-grade")
RUNTIME_ROOT = Path("/var/cache/smedx")
STAGE = RUNTIME_ROOT / "temp"  # in a kernel's own mount namespace: its private tmpfs
SLOTS = SCRATCH_ROOT / "slots"  # <n>.lock: held by the worker using account n
JOB_VAR = "SMEDX_GRADE_JOB"  # tags the kernel's processes under --unsafe-same-user
# What a sandboxed kernel may inherit from the trainer's environment (never the gradebook URL).
PASSED_ENV = ("NBGRADER_EXECUTION", "SMEDX_LANG", "SMEDX_DATASETS", "TZ")
# Course paths only the trainer reads.
PRIVATE = ("solutions", "trainer", "submitted", "autograded", "feedback", "gradebook.db", ".git")

LIMIT_NAMES = {
    "timeout": "超时 timeout",
    "memory": "内存 memory",
    "processes": "进程数 processes",
    "output": "输出过大 output too large",
    "kernel": "内核停止 kernel stopped",
}


class Sandbox(LoggingConfigurable):
    """Limits of one sandboxed notebook run (set them in nbgrader_config.py as ``c.Sandbox.*``)."""

    notebook_seconds = Integer(600, help="wall time of a whole notebook").tag(config=True)
    memory_mb = Integer(3072, help="address space of the kernel (RLIMIT_AS)").tag(config=True)
    processes = Integer(
        96, help="processes and threads of one kernel's account (RLIMIT_NPROC)"
    ).tag(config=True)
    output_bytes = Integer(1_000_000, help="outputs kept per cell").tag(config=True)
    file_mb = Integer(100, help="largest file learner code may write").tag(config=True)
    temp_mb = Integer(
        256, help="what learner code may write in /tmp, /var/tmp, /dev/shm and /run/lock (memory)"
    ).tag(config=True)
    private_temp = Bool(
        True, help="private temporary folders per kernel (namespaces); False: sweep them instead"
    ).tag(config=True)


@dataclass
class Run:
    """One ``smedx grade`` run: with which interpreter, where, with which limits."""

    folder: Path
    python: str
    env: dict[str, str]
    limits: Sandbox
    same_user: bool
    lock: int = -1
    private_temp: bool = False  # kernels get private temporary folders and IPC (namespaces)

    @property
    def private(self) -> Path:
        """Root-only part of the run folder (the worker gradebooks)."""
        return self.folder / "private"


@dataclass
class Slot:
    """The account one worker runs its kernels as (``index`` -1: the trainer's own)."""

    index: int
    uid: int
    gid: int
    lock: int = -1


# --- the account and its interpreter -----------------------------------------------------------


def account_name(index: int) -> str:
    return GRADER if index == 0 else f"{GRADER}-{index}"


def ensure_grader_accounts(jobs: int) -> list[pwd.struct_passwd]:
    """The accounts ``smedx grade --jobs N`` uses (``smedx hub init`` may create them ahead)."""
    return [ensure_grader_account(account_name(i)) for i in range(max(1, jobs))]


def ensure_grader_account(name: str = GRADER) -> pwd.struct_passwd:
    """The grading account, created as a system account without a home if missing (root only).
    ``smedx hub init`` may call this so the account exists before the first ``smedx grade``."""
    with contextlib.suppress(KeyError):
        return pwd.getpwnam(name)
    if os.geteuid() != 0:
        raise KitError(
            f"批改账户 {name} 不存在，且只有 root 能创建它：请以 root 运行一次 smedx grade",
            f"the grading account {name} does not exist and only root can create it: run "
            "smedx grade once as root",
        )
    useradd = shutil.which("useradd", path=f"{os.environ.get('PATH', '')}:/usr/sbin:/sbin")
    subprocess.run(
        [useradd or "useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
         "--shell", "/usr/sbin/nologin", "--comment", "smedx grading sandbox", name],
        check=True, capture_output=True,
    )  # fmt: skip
    return pwd.getpwnam(name)


def _as_account(uid: int, gid: int) -> list[str]:
    return ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--pdeathsig=KILL"]


PROBE = """
import json, os, sys
out = {"version": sys.version, "readable": []}
try:
    import ipykernel, smedx
except Exception as err:
    out["import"] = repr(err)
for path in sys.argv[1:]:
    try:
        (os.listdir if os.path.isdir(path) else (lambda p: open(p, "rb").read(1)))(path)
        out["readable"].append(path)
    except OSError:
        pass
print(json.dumps(out))
"""


def _probe(uid: int, gid: int, python: str, env: dict, paths: list[str]) -> dict:
    cmd = [*_as_account(uid, gid), "env", "-i", *(f"{k}={v}" for k, v in env.items())]
    result = subprocess.run(
        [*cmd, python, "-c", PROBE, *paths], capture_output=True, text=True, cwd="/", timeout=120
    )
    try:
        return json.loads(result.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": (result.stderr or result.stdout)[-1500:]}


def _runtime_target() -> Path:
    """Where :func:`_runtime_copy` puts this interpreter (one folder per version and venv)."""
    packages = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
    key = hashlib.sha256(f"2|{sys.version}|{sys.base_prefix}|{packages}".encode()).hexdigest()
    return RUNTIME_ROOT / f"python-{key[:12]}"


def _runtime_copy() -> tuple[str, dict[str, str]]:
    """This interpreter copied where every account can run it (once per version and venv).

    ``.venv`` may be made from a Python in root's private home (pyenv under /root); the grader
    account cannot run that one, and a venv binary whose libpython is unreadable silently falls
    back to the system's libpython and standard library. The copy has no site-packages of its
    own: a .pth file adds this venv's.
    """
    base = Path(sys.base_prefix)
    packages = next(Path(sys.prefix).glob("lib/python3*/site-packages"))
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    target = _runtime_target()
    if not target.exists():
        RUNTIME_ROOT.mkdir(parents=True, exist_ok=True)
        RUNTIME_ROOT.chmod(0o755)
        work = Path(tempfile.mkdtemp(prefix=".python-", dir=RUNTIME_ROOT))
        # bytecode stays (the account cannot write it: without it every kernel start compiles)
        skip = shutil.ignore_patterns("test", "tests", "idle_test", "site-packages")
        (work / "bin").mkdir()
        shutil.copy2(base / "bin" / version, work / "bin" / version)
        shutil.copytree(base / "lib", work / "lib", symlinks=True, ignore=skip)
        site = work / "lib" / version / "site-packages"
        site.mkdir()
        (site / "smedx_venv.pth").write_text(f"import site; site.addsitedir({str(packages)!r})\n")
        subprocess.run(["chmod", "-R", "a+rX,go-w", str(work)], check=True)
        try:
            work.rename(target)  # whole or not at all; a parallel run may have won
        except OSError:
            shutil.rmtree(work, ignore_errors=True)
    return str(target / "bin" / version), {"LD_LIBRARY_PATH": str(target / "lib")}


def grader_python(uid: int, gid: int, private: list[str]) -> tuple[str, dict[str, str], list]:
    """An interpreter the account runs as this one (same version, smedx and ipykernel), and
    which of ``private`` it can read."""
    explicit = os.environ.get("SMEDX_GRADER_PYTHON")
    candidates = [(explicit, {})] if explicit else [(sys.executable, {})]
    if not explicit and sys.platform == "linux":
        # the readable copy, made only when needed: once made, this interpreter was not runnable
        # by the account, so it is tried first (one probe per run instead of two)
        candidates.insert(0 if _runtime_target().exists() else 1, None)
    problem = ""
    for candidate in candidates:
        python, env = candidate or _runtime_copy()
        found = _probe(uid, gid, python, env, private)
        same = explicit or found.get("version") == sys.version
        if "version" in found and "import" not in found and same:
            return python, env, found["readable"]
        problem = found.get("import") or found.get("error") or found.get("version", "")
    raise KitError(
        f"批改账户无法运行本套件的 Python（{problem}）。请把套件装在所有账户可读的位置，"
        "或用 SMEDX_GRADER_PYTHON 指定一个装有 smedx 和 ipykernel 的 Python",
        f"the grading account cannot run the kit's Python ({problem}). Install the kit where "
        "every account can read it, or point SMEDX_GRADER_PYTHON at a Python with smedx and "
        "ipykernel",
    )


# --- the run folder ----------------------------------------------------------------------------


def _scratch_root(same_user: bool) -> Path:
    if not same_user:
        return SCRATCH_ROOT
    return Path(tempfile.gettempdir()) / f"smedx-grade-{os.getuid()}"


def _new_run_folder(root: Path, mode: int) -> tuple[Path, object]:
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, os.getuid(), os.getgid())
    root.chmod(mode)
    folder = Path(tempfile.mkdtemp(prefix="run-", dir=root))
    folder.chmod(mode)
    lock = os.open(folder / "lock", os.O_WRONLY | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held, and inherited by workers, until exit
    return folder, lock


def remove_stale(root: Path) -> list[Path]:
    """Delete the folders of runs that were killed before their cleanup."""
    removed = []
    for folder in sorted(root.glob("run-*")) if root.is_dir() else []:
        try:
            with open(folder / "lock") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a live run
        except OSError:  # no lock file: skip a folder made a moment ago, before its lock
            with contextlib.suppress(OSError):
                if time.time() - folder.stat().st_mtime < 60:
                    continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def make_private(course: Path) -> list[Path]:
    """Take other accounts' access to the course's trainer-only paths; return what changed."""
    changed = []
    for name in PRIVATE:
        path = course / name
        if path.exists() and path.stat().st_mode & 0o007:
            path.chmod(path.stat().st_mode & ~0o007)
            changed.append(path)
    return changed


def _checked_python(course: Path, account: pwd.struct_passwd) -> tuple[str, dict[str, str]]:
    """The kernel's interpreter, once the account is shown unable to read trainer-only paths."""
    for name in make_private(course):
        print(_("made private (o-rwx): {name}").format(name=name), file=sys.stderr)
    private = [str(course / n) for n in PRIVATE if (course / n).exists()]
    homes = {os.path.expanduser("~"), pwd.getpwuid(course.stat().st_uid).pw_dir}
    private += [h for h in homes if os.path.isdir(h)]
    python, env, readable = grader_python(account.pw_uid, account.pw_gid, private)
    if readable:
        raise KitError(
            f"批改账户 {account.pw_name} 能读取这些只属于培训师的位置：{', '.join(readable)}。"
            "请去掉其他账户的权限（chmod o-rwx）后重试",
            f"the grading account {account.pw_name} can read these trainer-only paths: "
            f"{', '.join(readable)}. Remove other accounts' access (chmod o-rwx) and try again",
        )
    return python, env


def prepare(course: Path, jobs: int, limits: Sandbox, same_user: bool) -> Run:
    """Check everything before a submission runs; refuse with a reason otherwise."""
    if same_user:
        folder, lock = _new_run_folder(_scratch_root(True), 0o700)
        remove_stale(folder.parent)
        return Run(folder, sys.executable, {}, limits, True, lock=lock)
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("setpriv"):
        raise KitError(
            "smedx grade 要以 root 运行（在 Linux 上，需有 setpriv/prlimit），才能让学员代码在无权限的"
            f"批改账户 {GRADER} 下执行。若确认信任所有提交，可加 --unsafe-same-user 以你自己的权限运行",
            "smedx grade must run as root (on Linux, with setpriv/prlimit) so learner code runs "
            f"under the unprivileged account {GRADER}. If you trust every submission, add "
            "--unsafe-same-user to run it with your own rights",
        )
    ensure_grader_accounts(jobs)
    folder, lock = _new_run_folder(SCRATCH_ROOT, 0o711)
    try:
        remove_stale(SCRATCH_ROOT)
        private_temp = limits.private_temp and _private_temp_works(folder, limits)
        sweep_accounts(files=not private_temp)
        index, slot_lock = _free_slot()  # held: another run's sweep would kill the probe
        try:
            python, env = _checked_python(course, ensure_grader_account(account_name(index)))
        finally:
            os.close(slot_lock)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(lock)
        raise
    return Run(folder, python, env, limits, False, lock=lock, private_temp=private_temp)


def finish(run: Run) -> None:
    if not run.same_user:
        sweep_accounts(files=not run.private_temp)
    shutil.rmtree(run.folder, ignore_errors=True)
    os.close(run.lock)


# --- accounts in use -----------------------------------------------------------------------------


def _try_lock(path: Path) -> int | None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return fd
    except BlockingIOError:
        os.close(fd)
        return None


def _free_slot() -> tuple[int, int]:
    """The lowest account number no one holds, and its lock (held until closed)."""
    SLOTS.mkdir(mode=0o700, parents=True, exist_ok=True)
    index = 0
    while (fd := _try_lock(SLOTS / f"{index}.lock")) is None:
        index += 1
    return index, fd


def acquire_slot(run: Run) -> Slot:
    """The first grading account no other worker (of any run) holds; its leftovers killed."""
    if run.same_user:
        return Slot(-1, os.getuid(), os.getgid())
    index, fd = _free_slot()
    account = ensure_grader_account(account_name(index))
    kill_processes(account.pw_uid)
    if not run.private_temp:
        remove_leftovers(account.pw_uid)
    return Slot(index, account.pw_uid, account.pw_gid, fd)


def sweep_accounts(files: bool = True) -> None:
    """Kill every process of a grading account that no live worker holds (and, if ``files``,
    delete what it owns in the shared temporary folders)."""
    for path in SLOTS.glob("*.lock") if SLOTS.is_dir() else []:
        fd = _try_lock(path)
        if fd is None:
            continue
        try:
            with contextlib.suppress(KeyError, ValueError):
                uid = pwd.getpwnam(account_name(int(path.stem))).pw_uid
                kill_processes(uid)
                if files:
                    remove_leftovers(uid)
        finally:
            os.close(fd)


# --- processes -----------------------------------------------------------------------------------


def _processes(uid: int, tag: str | None) -> list[int]:
    needle = tag.encode() if tag else None
    pids = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if os.stat(entry.path).st_uid != uid:
                continue
            if needle is not None:
                with open(f"{entry.path}/environ", "rb") as f:
                    if needle not in f.read().split(b"\0"):
                        continue
            pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def kill_processes(uid: int, tag: str | None = None) -> None:
    """Stop, then kill, every process of ``uid`` (only those whose environment holds ``tag``, a
    ``NAME=value``, if given). Repeated: a fork bomb makes new ones while the old ones die."""
    if uid == 0 and tag is None:
        raise ValueError("refusing to kill every process of root")
    if not Path("/proc").is_dir():
        return
    for _attempt in range(50):
        pids = _processes(uid, tag)
        if not pids:
            return
        for sig in (signal.SIGSTOP, signal.SIGKILL):
            for pid in pids:
                with contextlib.suppress(OSError):
                    os.kill(pid, sig)
        time.sleep(0.05)


# --- files and IPC objects outside the scratch folder ------------------------------------------

SHARED_TEMP = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")  # where any account may write

# Run by root in the kernel's new mount namespace (mounts there are private: the host never sees
# them): a tmpfs on STAGE holds an overlay's upper layer per shared folder; the kernel's own
# folder is bind-mounted back on top so what it writes there stays on disk, then the kernel starts.
NAMESPACE_SCRIPT = """
stage=$1 home=$2 size=$3
shift 3
mount -t tmpfs -o "mode=700,nosuid,nodev,size=${size}m" smedx-temp "$stage"
mkdir "$stage/home"
mount --bind "$home" "$stage/home"
i=0
while [ "$1" != -- ]; do
    dir=$1
    shift
    [ -d "$dir" ] || continue
    i=$((i + 1))
    mkdir "$stage/$i" "$stage/$i.work"
    chmod --reference="$dir" "$stage/$i"
    mount -t overlay -o "lowerdir=$dir,upperdir=$stage/$i,workdir=$stage/$i.work" smedx-temp "$dir"
done
shift
mount --move "$stage/home" "$home"
cd "$home"
exec "$@"
"""


def namespace_prefix(home: Path, limits: Sandbox) -> list[str]:
    """Start a command (as root) in mount and IPC namespaces of its own, where the shared
    temporary folders take writes into a private layer that dies with the namespace."""
    return ["unshare", "--mount", "--ipc", "--propagation", "private", "--",
            "sh", "-euc", NAMESPACE_SCRIPT, "smedx-sandbox", str(STAGE), str(home),
            str(limits.temp_mb), *SHARED_TEMP, "--"]  # fmt: skip


def _private_temp_works(folder: Path, limits: Sandbox) -> bool:
    """Whether a file written to /tmp in a kernel's namespace really stays out of the host's."""
    STAGE.mkdir(mode=0o700, parents=True, exist_ok=True)
    marker = Path("/tmp") / f".smedx-private-temp-{os.getpid()}"
    try:
        result = subprocess.run(
            [*namespace_prefix(folder, limits), "sh", "-c", f': > "{marker}"'],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as err:
        result = subprocess.CompletedProcess([], 1, "", str(err))
    if result.returncode == 0 and not marker.exists():
        return True
    with contextlib.suppress(OSError):
        marker.unlink()
    reason = (result.stderr.strip().splitlines() or ["the file reached the host's /tmp"])[-1]
    print(
        _(
            "note: private temporary folders are unavailable ({reason}); sweeping them after "
            "each submission instead"
        ).format(reason=reason),
        file=sys.stderr,
    )
    return False


def remove_leftovers(uid: int) -> list[str]:
    """Delete what the grading account ``uid`` owns in the shared temporary folders (outside the
    kit's scratch root) and its System V IPC objects, so the next submission graded under the
    same account finds nothing. Its processes are already killed: nothing can race the removal."""
    if uid in (0, os.getuid()):
        raise ValueError("refusing to remove the files of root or of this process's account")
    found = _owned_temp_files(uid)
    removed: list[str] = []
    for path in found:
        if any(path.startswith(parent + "/") for parent in removed):
            continue  # inside a folder already removed
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)  # never follows links
        else:
            with contextlib.suppress(OSError):
                os.unlink(path)
        removed.append(path)
    return removed + _remove_ipc(uid)


def _owned_temp_files(uid: int) -> list[str]:
    """``find``: folders the account cannot enter are skipped (it can have written nothing there)."""
    tops = [top for top in SHARED_TEMP if os.path.isdir(top)]
    if not tops:
        return []
    prune = ["(", "-path", str(SCRATCH_ROOT), "-o", "(", "-type", "d", "!", "-uid", str(uid),
             "!", "-perm", "-o=x", ")", ")", "-prune"]  # fmt: skip
    result = subprocess.run(
        ["find", *tops, "-xdev", *prune, "-o", "-uid", str(uid), "-print0"],
        capture_output=True, timeout=300,
    )  # fmt: skip
    return [p for p in result.stdout.decode(errors="surrogateescape").split("\0") if p]


def _remove_ipc(uid: int) -> list[str]:
    removed = []
    for kind, flag in (("shm", "-m"), ("msg", "-q"), ("sem", "-s")):
        with contextlib.suppress(OSError):
            header, *rows = Path(f"/proc/sysvipc/{kind}").read_text().splitlines()
            names = header.split()
            for row in rows:
                values = dict(zip(names, row.split(), strict=False))
                if str(uid) in (values.get("uid"), values.get("cuid")):
                    ident = values.get("shmid") or values.get("msqid") or values.get("semid")
                    subprocess.run(["ipcrm", flag, ident], capture_output=True)
                    removed.append(f"ipc {kind} {ident}")
    return removed


def die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this process when its parent dies, even by SIGKILL."""
    if sys.platform != "linux":
        return
    import ctypes

    parent = os.getppid()
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


# --- the sandboxed kernel ------------------------------------------------------------------------

ACTIVE: dict = {}  # in a worker: "run", "slot", "job" (the submission), "limits" (hit), "events"


def mark(event: str) -> None:
    """Note when a step of the current submission happens (``smedx grade --profile``)."""
    events = ACTIVE.get("events")
    if events is not None:
        events.append((time.time(), event))


def _job_tag(run: Run, job: str) -> str:
    return f"{run.folder.name}/{job}"


def kill_job(run: Run, slot: Slot, job: str) -> None:
    """Everything a submission's kernel left running, and (an account of its own) left behind."""
    kill_processes(slot.uid, f"{JOB_VAR}={_job_tag(run, job)}" if run.same_user else None)
    if not run.same_user and not run.private_temp:
        remove_leftovers(slot.uid)


def kernel_prefix(run: Run, slot: Slot, job: str, home: Path) -> list[str]:
    """What goes before the kernel's own command: private temporary folders and IPC (when the
    run has them), limits, the account, a clean environment."""
    limits = run.limits
    nproc = [] if run.same_user else [f"--nproc={limits.processes}"]
    prefix = ["prlimit", f"--as={limits.memory_mb * 2**20}", f"--cpu={limits.notebook_seconds}",
              f"--fsize={limits.file_mb * 2**20}", "--core=0", *nproc, "--"]  # fmt: skip
    if run.same_user:  # the trainer's own rights and environment, tagged for the cleanup
        return [*prefix, "env", f"{JOB_VAR}={_job_tag(run, job)}"]
    if run.private_temp:
        prefix = [*namespace_prefix(home, limits), *prefix]
    prefix += _as_account(slot.uid, slot.gid)
    env = {
        "HOME": str(home),
        "TMPDIR": str(home),
        "PATH": f"{Path(run.python).parent}:/usr/local/bin:/usr/bin:/bin",
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "JPY_PARENT_PID": str(os.getpid()),
        JOB_VAR: _job_tag(run, job),
        **{k: os.environ[k] for k in PASSED_ENV if k in os.environ},
        **run.env,
    }
    return [*prefix, "env", "-i", *(f"{k}={v}" for k, v in env.items())]


@functools.cache
def _kernel_client_class():
    from queue import Empty

    from jupyter_client.asynchronous import AsyncKernelClient

    class ReadyKernelClient(AsyncKernelClient):
        async def _async_wait_for_ready(self, timeout=None):
            """jupyter_client's wait, without its last step: waiting until IOPub has been silent
            for 0.2 s (idle time in every submission). nbclient reads only the IOPub messages
            that answer its own requests, so the kernel_info replies need no flushing."""
            deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
            while True:
                self.kernel_info()
                try:
                    msg = await ensure_async(self.shell_channel.get_msg(timeout=1))
                except Empty:
                    msg = None
                if msg is not None and msg["msg_type"] == "kernel_info_reply":
                    try:  # IOPub is connected once it carries the reply's status
                        await ensure_async(self.iopub_channel.get_msg(timeout=0.2))
                    except Empty:
                        pass
                    else:
                        self._handle_kernel_info_reply(msg)
                        return
                if not await self._async_is_alive():
                    raise RuntimeError("Kernel died before replying to kernel_info")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")

    return ReadyKernelClient


@functools.cache
def _kernel_manager_class():
    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class SandboxKernelManager(AsyncKernelManager):
        """Starts the kernel behind :func:`kernel_prefix`, from a connection file it can read."""

        prefix: list[str] = []
        python = sys.executable
        owner: tuple[int, int] | None = None

        @default("client_factory")
        def _ready_client(self):
            return _kernel_client_class()

        def format_kernel_cmd(self, extra_arguments=None):
            cmd = super().format_kernel_cmd(extra_arguments)
            if cmd and cmd[0] == sys.executable:
                cmd[0] = self.python
            return [*self.prefix, *cmd]

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            # learner code owns the kernel's stdout and stderr (a forked child's log, a forged
            # "done"): none of it may reach the trainer's terminal; the notebook keeps the output
            kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
            return await super()._async_launch_kernel(kernel_cmd, **kw)

        def write_connection_file(self, **kwargs):
            super().write_connection_file(**kwargs)
            if self.owner:
                os.chown(self.connection_file, *self.owner)

    return SandboxKernelManager


class SandboxedExecute(Execute):
    """nbgrader's Execute, with the kernel in the sandbox of the worker's run (``ACTIVE``)."""

    limits_hit: set[str]

    def preprocess(self, nb, resources=None, km=None):
        run: Run = ACTIVE["run"]
        slot: Slot = ACTIVE["slot"]
        job = ACTIVE["job"]
        self.limits_hit, self._dead, self._sizes = set(), "", {}
        ACTIVE["limits"] = self.limits_hit
        source = Path(resources["metadata"]["path"])
        home = Path(tempfile.mkdtemp(prefix=f"sub-{job[:40]}-", dir=run.folder))
        try:
            for path in source.iterdir():  # the submission's files, not the notebook or links
                if path.is_file() and not path.is_symlink() and path.suffix != ".ipynb":
                    shutil.copy(path, home / path.name)
            if not run.same_user:
                for path in [home, *home.iterdir()]:
                    os.chown(path, slot.uid, slot.gid)
            home.chmod(0o700)
            self._deadline = time.monotonic() + run.limits.notebook_seconds
            self._run, self._slot, self._home = run, slot, home
            resources["metadata"]["path"] = str(home)
            mark("scratch ready")
            return super().preprocess(nb, resources, km)
        finally:
            mark("kernel stopped")
            resources["metadata"]["path"] = str(source)
            kill_job(run, slot, job)
            shutil.rmtree(home, ignore_errors=True)
            mark("cleaned up")

    def create_kernel_manager(self):
        self.kernel_manager_class = _kernel_manager_class()
        km = super().create_kernel_manager()
        km.prefix = kernel_prefix(self._run, self._slot, ACTIVE["job"], self._home)
        km.python = self._run.python
        km.owner = None if self._run.same_user else (self._slot.uid, self._slot.gid)
        km.connection_file = str(self._home / ".kernel.json")
        return km

    # the synchronous forms are what ExecutePreprocessor.preprocess calls
    def start_new_kernel(self, **kwargs):
        mark("kernel starting")
        super().start_new_kernel(**kwargs)
        mark("kernel started")

    def start_new_kernel_client(self):
        kc = super().start_new_kernel_client()
        mark("kernel ready")
        return kc

    def _cleanup_kernel(self):
        """Kill the kernel at once: every reply is in, and nothing it does after its last cell
        counts. (nbclient's graceful shutdown polls for up to seconds: idle time.)"""
        mark("kernel stopping")
        provisioner = getattr(self.km, "provisioner", None)
        process = getattr(provisioner, "process", None)
        if process is not None and process.poll() is None:
            group = getattr(provisioner, "pgid", None)  # the kernel's session (as jupyter_client)
            with contextlib.suppress(OSError):
                if group and group != os.getpgrp():
                    os.killpg(group, signal.SIGKILL)
                else:
                    process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
        super()._cleanup_kernel()

    def _get_timeout(self, cell):
        timeout = super()._get_timeout(cell)
        left = max(1, int(self._deadline - time.monotonic()))
        return left if timeout is None else min(timeout, left)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not cell.source.strip():
            return cell, resources
        if self._dead or time.monotonic() > self._deadline:
            reason = self._dead or "timeout"
            self.limits_hit.add(reason)
            cell.outputs = [_note_error(reason, "未运行 not run")]
            return cell, resources
        mark(f"cell {index}")
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._dead = self._death_reason()
            self.limits_hit.add(self._dead)
            cell.outputs.append(_note_error(self._dead, "内核停止 the kernel stopped"))
        except CellTimeoutError:  # no reply even after the interrupt: the kernel is stuck
            self._dead = "timeout"
            self.limits_hit.add("timeout")
            kill_job(self._run, self._slot, ACTIVE["job"])
            cell.outputs.append(_note_error("timeout", "内核无响应 the kernel did not answer"))
        self._name_limits(cell)
        return cell, resources

    def _death_reason(self) -> str:
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        code = process.poll() if process else None
        if code == -signal.SIGXCPU or time.monotonic() > self._deadline:
            return "timeout"
        return "kernel"

    def _name_limits(self, cell) -> None:
        for out in cell.outputs:
            if out.get("output_type") != "error":
                continue
            if out.get("ename") == "CellTimeoutError":
                self.limits_hit.add("timeout")
                out["traceback"] = [*out.get("traceback", []), _note_text("timeout")]
            elif str(out.get("ename", "")).endswith("MemoryError"):  # numpy's is a subclass
                self.limits_hit.add("memory")
                out["traceback"] = [*out.get("traceback", []), _note_text("memory")]
            elif "Resource temporarily unavailable" in str(out.get("evalue", "")):
                self.limits_hit.add("processes")
                out["traceback"] = [*out.get("traceback", []), _note_text("processes")]

    # --- output size: every way a kernel message can grow the notebook counts against the cell
    def process_message(self, msg, cell, cell_index):
        self._cell = (cell, cell_index)  # the cell a display update's growth is charged to
        return super().process_message(msg, cell, cell_index)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        size = len(content.get("text") or "") + _data_size(content.get("data"))
        if self._fits(outs, cell_index, size):
            return super().output(outs, msg, display_id, cell_index)
        return None

    def _update_display_id(self, display_id, msg):
        """``display(..., display_id=True).update(data)`` rewrites earlier outputs in place
        (possibly in earlier cells) and never reaches :meth:`output`: charge the growth."""
        targets = self._display_id_map.get(display_id, {})
        new = _data_size(msg.get("content", {}).get("data"))
        growth = sum(
            new - _data_size(self.nb.cells[cell].outputs[i].get("data"))
            for cell, indices in targets.items()
            for i in indices
        )
        cell, index = self._cell
        if self._fits(cell.outputs, index, growth):
            super()._update_display_id(display_id, msg)

    def handle_comm_msg(self, outs, msg, cell_index):
        """Widget state is kept (it goes into the notebook's metadata): charge its growth."""
        content = msg.get("content", {})
        state = (content.get("data") or {}).get("state")
        if self.store_widget_state and isinstance(state, dict):
            old = self.widget_state.get(content.get("comm_id"), {})
            growth = sum(_size(v) - _size(old.get(k)) for k, v in state.items())
            growth += sum(memoryview(b).nbytes for b in msg.get("buffers") or [])
            if not self._fits(outs, cell_index, growth):
                return
        super().handle_comm_msg(outs, msg, cell_index)

    def _fits(self, outs, cell_index, size) -> bool:
        """Whether ``size`` more bytes stay within the cell's limit (counted either way)."""
        used = self._sizes.get(cell_index, 0)
        self._sizes[cell_index] = used + size
        limit = self._run.limits.output_bytes
        if used + size <= limit:
            return True
        if used <= limit:  # the first output past the limit: say so once, stop the flood
            self.limits_hit.add("output")
            # an error output: nbgrader's LimitOutput drops streams past 1000 lines, not errors
            outs.append(_note_error("output", "其余输出未保留 the rest was dropped"))
            asyncio.ensure_future(ensure_async(self.km.interrupt_kernel()))
        return False


def _size(value) -> int:
    return 0 if value is None else len(value) if isinstance(value, str) else len(str(value))


def _data_size(data) -> int:
    return sum(_size(v) for v in data.values()) if isinstance(data, dict) else 0


UNSAFE_VAR = "SMEDX_UNSAFE_AUTOGRADE"


class TrainerExecute(Execute):
    """The Execute step of plain ``nbgrader autograde`` and of the formgrader's Autograde button
    (the kit's nbgrader_config.py lists it). Those run learner code with the trainer's own rights,
    so it refuses unless told otherwise (``SMEDX_UNSAFE_AUTOGRADE=1`` or
    ``c.TrainerExecute.unsafe_same_user = True``). ``smedx grade`` puts SandboxedExecute in its
    place."""

    unsafe_same_user = Bool(
        False, help="run learner code with the trainer's rights (trusted submissions only)"
    ).tag(config=True)

    def preprocess(self, nb, resources=None, km=None):
        if not (self.unsafe_same_user or os.environ.get(UNSAFE_VAR) == "1"):
            refusal = KitError(
                "为安全起见，nbgrader autograde（及网页批改界面的 Autograde 按钮）不会以培训师的权限运行"
                "学员代码：请在课程文件夹运行 sudo smedx grade mNN（学员代码在无权限的批改账户下运行）。"
                f"若确认信任所有提交，可设置环境变量 {UNSAFE_VAR}=1"
                "（或 c.TrainerExecute.unsafe_same_user = True）",
                "for safety, nbgrader autograde (and the formgrader's Autograde button) does not run "
                "learner code with the trainer's rights: run sudo smedx grade mNN in the course "
                "folder (learner code then runs under an unprivileged grading account). If you "
                f"trust every submission, set {UNSAFE_VAR}=1 "
                "(or c.TrainerExecute.unsafe_same_user = True)",
            )
            self.log.error("%s", refusal)
            raise refusal
        return super().preprocess(nb, resources, km)


def _note_text(reason: str) -> str:
    detail = {
        "timeout": "运行超过时间限制，已停止 / stopped at the time limit",
        "memory": "超出内存限制 / the memory limit was reached",
        "processes": "超出进程数限制 / the process limit was reached",
        "output": "输出超过上限，其余部分未保留 / output past the limit was dropped",
        "kernel": "内核已停止，之后的单元格未运行 / the kernel stopped; later cells did not run",
    }[reason]
    return f"\n[批改限制 grading limit: {LIMIT_NAMES[reason]}] {detail}\n"


def _note_error(reason: str, what: str) -> NotebookNode:
    return NotebookNode(
        output_type="error",
        ename="GradingLimit",
        evalue=f"{LIMIT_NAMES[reason]}: {what}",
        traceback=[_note_text(reason)],
    )
