"""Per-user memory limits for the one-machine hub.

JupyterHub's default LocalProcessSpawner starts each server as the user's own process but cannot
enforce ``Spawner.mem_limit``: it only passes ``MEM_LIMIT`` to the server. Three ways are offered,
chosen by ``SMEDX_HUB_SPAWNER`` (``auto`` picks the first that works on this machine):

``systemd``  jupyterhub-systemdspawner: one systemd unit per user with ``MemoryMax``. The choice on
             a normal Debian/Ubuntu server (the one The Littlest JupyterHub uses).
``cgroup``   :class:`CgroupMemorySpawner` below: LocalProcessSpawner that puts each server, and
             therefore every kernel it starts, into a memory cgroup of its own with the limit
             (cgroup v1 memory controller, or v2 where the hub's cgroup delegates ``memory``).
             For machines without systemd as init (containers, some VMs). Tested here.
``local``    LocalProcessSpawner: no enforcement. One runaway kernel can then take the memory of
             the whole class; use only on a laptop.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from pathlib import Path

from jupyterhub.spawner import LocalProcessSpawner
from traitlets import Unicode

from .settings import Settings

CGROUP_FS = Path("/sys/fs/cgroup")
SUBTREE = "smedx-hub"


# --- where this process's memory cgroup is -----------------------------------------------------
def _mounts() -> list[tuple[str, Path, str, str]]:
    """(root, mount point, fs type, super options) of every cgroup mount of this process."""
    found = []
    for line in Path("/proc/self/mountinfo").read_text().splitlines():
        before, _, after = line.partition(" - ")
        fields, tail = before.split(), after.split()
        if len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
            found.append((fields[3], Path(fields[4]), tail[0], tail[2]))
    return found


def _own_cgroups() -> dict[str, str]:
    """controller list (e.g. 'memory', '' for v2) -> cgroup path of this process."""
    own = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        own[controllers] = path
    return own


def memory_cgroup_base() -> tuple[Path, int] | None:
    """The folder under which per-user memory cgroups can be made, and the cgroup version."""
    try:
        mounts, own = _mounts(), _own_cgroups()
    except OSError:
        return None
    for root, point, fstype, options in mounts:
        if fstype == "cgroup" and "memory" in options.split(","):
            for controllers, path in own.items():
                if "memory" in controllers.split(","):
                    return point / os.path.relpath(path, root), 1
    for root, point, fstype, _ in mounts:
        if fstype == "cgroup2" and "" in own:
            base = point / os.path.relpath(own[""], root)
            if "memory" in (point / "cgroup.controllers").read_text().split():
                return base, 2
    return None


def _limit_files(version: int) -> tuple[str, str]:
    return (
        ("memory.limit_in_bytes", "memory.memsw.limit_in_bytes")
        if version == 1
        else (
            "memory.max",
            "memory.swap.max",
        )
    )


def make_user_cgroup(base: Path, version: int, name: str, limit_bytes: int) -> Path:
    """Create (or reuse) the cgroup of one user with the memory limit; return its folder."""
    parent = base / SUBTREE
    parent.mkdir(exist_ok=True)
    if version == 2:
        # Let the children of our subtree have a memory controller (needs delegation).
        (parent / "cgroup.subtree_control").write_text("+memory")
    folder = parent / f"user-{name}"
    folder.mkdir(exist_ok=True)
    limit_file, swap_file = _limit_files(version)
    (folder / limit_file).write_text(str(limit_bytes))
    swap = folder / swap_file
    if swap.exists():  # no swapping past the limit: a runaway kernel is stopped, not slowed
        with contextlib.suppress(OSError):
            swap.write_text(str(limit_bytes) if version == 1 else "0")
    return folder


def cgroup_usable() -> bool:
    """True if this process may make a memory-limited child cgroup (it tries, then cleans up)."""
    found = memory_cgroup_base()
    if found is None:
        return False
    base, version = found
    try:
        probe = make_user_cgroup(base, version, "probe", 512 * 1024 * 1024)
        probe.rmdir()
    except OSError:
        return False
    return True


def end_cgroup(folder: Path, timeout: float = 5.0) -> bool:
    """Kill whatever a stopped server left in its cgroup (orphaned kernels), wait for them to go,
    then remove the cgroup; True if it is gone (else it is reused at the next start)."""
    procs = folder / "cgroup.procs"
    deadline = time.monotonic() + timeout
    while True:
        try:
            pids = [int(p) for p in procs.read_text().split()]
        except OSError:
            return not folder.exists()
        if not pids:
            break
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        folder.rmdir()
    return not folder.exists()


class CgroupMemorySpawner(LocalProcessSpawner):
    """LocalProcessSpawner whose servers (and their kernels) live in a memory-limited cgroup."""

    cgroup_folder = Unicode("", help="The user's cgroup folder while a server runs.")

    async def start(self):
        found = memory_cgroup_base()
        if found is None:
            raise RuntimeError("no writable memory cgroup on this machine (SMEDX_HUB_SPAWNER)")
        if not self.mem_limit:
            raise RuntimeError("CgroupMemorySpawner needs Spawner.mem_limit")
        base, version = found
        folder = make_user_cgroup(base, version, self.user.name, int(self.mem_limit))
        self.cgroup_folder = str(folder)
        self.log.info("memory limit %s bytes for %s in %s", self.mem_limit, self.user.name, folder)
        return await super().start()

    def make_preexec_fn(self, name):
        drop_privileges = super().make_preexec_fn(name)
        procs = os.path.join(self.cgroup_folder, "cgroup.procs")

        def preexec():
            # Runs in the child, still as root, just before it becomes the user: join the cgroup
            # first, so the server and every kernel it forks share the limit.
            with open(procs, "w") as f:
                f.write(str(os.getpid()))
            drop_privileges()

        return preexec

    async def stop(self, now=False):
        await super().stop(now=now)
        if self.cgroup_folder:
            await asyncio.to_thread(end_cgroup, Path(self.cgroup_folder))


def systemd_running() -> bool:
    return Path("/run/systemd/system").is_dir()


def choose(settings: Settings) -> tuple[str, str]:
    """(spawner kind, import string of the class) for this machine and SMEDX_HUB_SPAWNER."""
    kind = settings.spawner
    if kind == "auto":
        if systemd_running():
            kind = "systemd"
        elif cgroup_usable():
            kind = "cgroup"
        else:
            kind = "local"
    classes = {
        "systemd": "systemdspawner.SystemdSpawner",
        "cgroup": f"{__name__}.CgroupMemorySpawner",
        "local": "jupyterhub.spawner.LocalProcessSpawner",
    }
    return kind, classes[kind]
