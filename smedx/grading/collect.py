"""nbgrader's collect, copying a learner's inbound submission without following links.

``nbgrader collect`` runs as the trainer (root under ``sudo smedx grade``) and nbgrader copies each
inbound folder with ``shutil.copytree``, which follows symbolic links. A learner can write into the
exchange directly, so a link in a submission to ``trainer/items/m01.py``, the ``trainer/`` folder,
another learner's answers file or ``/dev/zero`` would be copied as real files into ``submitted/``
(then into the kernel, the feedback page, or until the disk is full). :class:`SafeCollect` copies
instead:

- by file descriptor, never following a link (``O_NOFOLLOW``, checked again with ``fstat``), so a
  name swapped for a link between listing and opening is not followed either;
- regular files and folders only; links, devices, FIFOs, sockets and hard-linked files (another
  name for a file the learner may not own) are skipped with a zh/en warning naming them;
- within nbgrader's limits (``CourseDirectory.max_file_size`` per file, ``max_dir_size`` for the
  submission, both in kB of 1000 bytes as nbgrader counts them), counted while copying, plus a
  bound on entries and depth; a submission over a limit is not collected (an error names it) and
  the other learners are still collected;
- into a temporary folder beside the destination, renamed into place when complete.

Names are not restricted beyond nbgrader's own ``CourseDirectory.ignore``/``include``: a learner's
regular files hold only what that learner could write anyway, the trusted scorer reads only
``mNN.ipynb`` and ``answers_mNN.json``, and autograde copies the other released files over the
submission. Modes are copied without setuid/setgid/sticky bits (copytree would make a root-owned
setuid file from a learner's 4755 file).
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import logging
import os
import shutil
import stat
import tempfile

from nbgrader.exchange.default.collect import ExchangeCollect

MAX_ENTRIES = 1000  # a submission is a notebook, an answers file and a timestamp
MAX_DEPTH = 16
CHUNK = 1 << 16
_looking = False

_KINDS = {
    stat.S_IFLNK: ("符号链接", "symbolic link"),
    stat.S_IFREG: ("文件（此处应为文件夹）", "file (a folder was expected)"),
    stat.S_IFCHR: ("字符设备", "character device"),
    stat.S_IFBLK: ("块设备", "block device"),
    stat.S_IFIFO: ("命名管道（FIFO）", "FIFO"),
    stat.S_IFSOCK: ("套接字", "socket"),
}


def collect_class() -> str:
    """The collect class for the course's nbgrader_config.py: :class:`SafeCollect`, or a subclass
    of it that a deployment's config on JUPYTER_CONFIG_PATH chose (on the cluster, the trainer
    image picks ``smedx_exchange_k8s.PerLearnerCollect`` for per-learner inbound folders). nbgrader
    reads the course's config last, so without this it would undo that choice."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config.loader import ConfigFileNotFound, PyFileConfigLoader
    from traitlets.utils.importstring import import_item

    global _looking
    if _looking:  # this course's config is itself on the path: it is being read already
        return f"{__name__}.SafeCollect"
    _looking = True
    try:
        for folder in jupyter_config_path():
            try:
                chosen = PyFileConfigLoader("nbgrader_config.py", path=folder).load_config()
                name = chosen.ExchangeFactory.get("collect")
                if isinstance(name, str) and issubclass(import_item(name), SafeCollect):
                    return name
            except ConfigFileNotFound:
                continue
            except Exception as error:  # nbgrader itself reports a broken config file
                logging.getLogger(__name__).debug("%s/nbgrader_config.py: %s", folder, error)
    finally:
        _looking = False
    return f"{__name__}.SafeCollect"


class SubmissionTooLarge(Exception):
    """The submission exceeds a limit; it is not collected."""


class SafeCollect(ExchangeCollect):
    """nbgrader's collect whose copy follows no link and copies only regular files and folders."""

    def do_copy(self, src, dest, log=None):
        parent, name = os.path.split(dest)
        temporary = tempfile.mkdtemp(prefix=f".{name}-collecting-", dir=parent)
        self._bytes = self._entries = 0
        try:
            try:
                fd = os.open(src, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
            except OSError as error:
                self._skip_unopenable(src, error)
                self._discard(temporary)
                return
            try:
                self._copy_folder(fd, src, temporary, 0)
                mode = stat.S_IMODE(os.fstat(fd).st_mode) & 0o777 | 0o700
            finally:
                os.close(fd)
            os.chmod(temporary, mode | (0o2770 if self.coursedir.groupshared else 0))
            os.rename(temporary, dest)
        except SubmissionTooLarge as error:
            self._discard(temporary)
            self.log.error(
                "提交过大，未收取 %s：%s\nSubmission too large, not collected: %s (%s)",
                src, error, src, error,
            )  # fmt: skip
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise

    @staticmethod
    def _discard(temporary: str) -> None:
        """Remove the partial copy, and the learner's folder nbgrader made for it if now empty."""
        shutil.rmtree(temporary, ignore_errors=True)
        with contextlib.suppress(OSError):  # not empty: it holds the learner's other work
            os.rmdir(os.path.dirname(temporary))

    # --- the walk -----------------------------------------------------------------------------

    def _copy_folder(self, dir_fd: int, shown: str, dest: str, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise SubmissionTooLarge(f"more than {MAX_DEPTH} nested folders at {shown}")
        for name in sorted(os.listdir(dir_fd)):
            path = os.path.join(shown, name)
            if any(fnmatch.fnmatch(name, glob) for glob in self.coursedir.ignore):
                self.log.debug("Ignoring excluded file '%s' (CourseDirectory.ignore)", path)
                continue
            self._entries += 1
            if self._entries > MAX_ENTRIES:
                raise SubmissionTooLarge(f"more than {MAX_ENTRIES} files and folders")
            st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
            if stat.S_ISDIR(st.st_mode):
                self._copy_subfolder(dir_fd, name, path, os.path.join(dest, name), depth)
            elif stat.S_ISREG(st.st_mode):
                self._copy_file(dir_fd, name, path, os.path.join(dest, name), st)
            else:
                self._skip_kind(path, st.st_mode)

    def _copy_subfolder(self, dir_fd: int, name: str, path: str, dest: str, depth: int) -> None:
        try:
            fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
        except OSError as error:
            self._skip_unopenable(path, error)
            return
        try:
            os.mkdir(dest, 0o700)
            self._copy_folder(fd, path, dest, depth + 1)
            mode = stat.S_IMODE(os.fstat(fd).st_mode) & 0o777 | 0o700
            os.chmod(dest, mode | (0o2770 if self.coursedir.groupshared else 0))
        finally:
            os.close(fd)

    def _copy_file(self, dir_fd: int, name: str, path: str, dest: str, st: os.stat_result) -> None:
        include = self.coursedir.include
        if include and not any(fnmatch.fnmatch(name, glob) for glob in include):
            self.log.debug("Ignoring non included file '%s' (CourseDirectory.include)", path)
            return
        if st.st_nlink > 1:
            self.log.warning(
                "已跳过提交中的硬链接文件 %s（它是另一个文件的别名，不予收取）\n"
                "Skipped hard-linked file %s in the submission (another name for a file; "
                "not collected)",
                path, path,
            )  # fmt: skip
            return
        max_file = 1000 * self.coursedir.max_file_size
        if st.st_size > max_file:
            self._skip_too_large(path)
            return
        try:
            # O_NONBLOCK: a name swapped for a FIFO since the lstat must not hang the collect.
            fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=dir_fd)
        except OSError as error:
            self._skip_unopenable(path, error)
            return
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (
                st.st_dev,
                st.st_ino,
            ):
                self._skip_kind(path, opened.st_mode)
                return
            if not self._copy_bytes(fd, dest, max_file):
                os.unlink(dest)
                self._skip_too_large(path)
                return
            os.chmod(dest, stat.S_IMODE(opened.st_mode) & 0o777 | 0o600)
            if self.coursedir.groupshared:
                os.chmod(dest, stat.S_IMODE(opened.st_mode) & 0o777 | 0o660)
        finally:
            os.close(fd)

    def _copy_bytes(self, fd: int, dest: str, max_file: int) -> bool:
        """Copy, counting; False when the file outgrew max_file while being read."""
        limit = 1000 * self.coursedir.max_dir_size
        copied = 0
        out = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            while chunk := os.read(fd, CHUNK):
                copied += len(chunk)
                if copied > max_file:
                    return False
                self._bytes += len(chunk)
                if self._bytes > limit:
                    raise SubmissionTooLarge(
                        f"more than {limit} bytes (CourseDirectory.max_dir_size)"
                    )
                os.write(out, chunk)
        finally:
            os.close(out)
        return True

    # --- what is skipped, said in both languages ----------------------------------------------

    def _skip_kind(self, path: str, mode: int) -> None:
        zh, en = _KINDS.get(stat.S_IFMT(mode), ("特殊文件", "special file"))
        self.log.warning(
            "已跳过提交中的%s %s（只收取普通文件和文件夹）\n"
            "Skipped %s %s in the submission (only regular files and folders are collected)",
            zh, path, en, path,
        )  # fmt: skip

    def _skip_unopenable(self, path: str, error: OSError) -> None:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):  # a link or a file where a folder was
            with contextlib.suppress(OSError):
                self._skip_kind(path, os.lstat(path).st_mode)
                return
        self.log.warning(
            "无法读取提交中的 %s，已跳过：%s\nCould not read %s in the submission, skipped: %s",
            path, error.strerror, path, error.strerror,
        )  # fmt: skip

    def _skip_too_large(self, path: str) -> None:
        self.log.warning(
            "已跳过提交中过大的文件 %s（见 CourseDirectory.max_file_size）\n"
            "Ignoring file too large '%s' (see config option CourseDirectory.max_file_size)",
            path, path,
        )  # fmt: skip
