"""Reading and writing the files a user hands to the kit or asks it to write.

* :func:`read_limited` reads at most ``limit`` bytes from a path, from standard input ("-") or
  from an open stream. The limit is enforced by reading, not by ``st_size``: ``/dev/zero``, a
  pipe or standard input have no size, and would otherwise be read until memory runs out.
* :func:`write_atomic` writes a whole file or nothing: the content goes to a temporary file in the
  same folder, which is renamed over the target only once it is complete and flushed. On any
  failure (a full disk, Ctrl-C) the temporary file is removed and an existing file is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import sys
from pathlib import Path
from typing import BinaryIO, TextIO

from smedx.errors import KitError

STDIN = "-"


def describe(source: object) -> tuple[str, str]:
    """How a source is named in messages (zh, en): its path, or standard input."""
    if source == STDIN or source is sys.stdin:
        return "标准输入", "standard input"
    text = str(source) if isinstance(source, (str, Path)) else getattr(source, "name", "input")
    return str(text), str(text)


def subject(zh: str, en: str, zh_rest: str, en_rest: str) -> tuple[str, str]:
    """A message about ``zh``/``en`` (a name): a path is set off by a space in Chinese too."""
    gap = " " if zh[-1:].isascii() else ""
    return f"{zh}{gap}{zh_rest}", f"{en} {en_rest}"


def too_large(size: int | None, limit: int, what: tuple[str, str] = ("文件", "the file")):
    """The message for an input over ``limit`` bytes (``size`` None: read up to the limit)."""
    mb = f"{limit / 1e6:.1f} MB"
    got_zh = f"超过 {mb}" if size is None else f"{size / 1e6:.1f} MB，上限 {mb}"
    got_en = f"more than {mb}" if size is None else f"{size / 1e6:.1f} MB, limit {mb}"
    zh, en = subject(
        *what,
        f"过大（{got_zh}）：这不是本工具保存或需要的文件",
        f"is too large ({got_en}): it is not a file this kit saves or needs",
    )
    return KitError(zh, en, field="size")


def _read_stream(stream: BinaryIO | TextIO, limit: int) -> bytes:
    if hasattr(stream, "buffer"):  # a text stream over bytes (sys.stdin): read the bytes
        stream = stream.buffer
    data = stream.read(limit + 1)  # one byte more than allowed says "too large"
    if isinstance(data, str):  # a text stream without bytes beneath it (tests, notebooks)
        data = data.encode("utf-8", "surrogatepass")
    return data


def read_limited(
    source: str | Path | BinaryIO | TextIO, limit: int, what: tuple[str, str] | None = None
) -> bytes:
    """The bytes of ``source`` (a path, "-" for standard input, or an open stream), or a KitError
    when there are more than ``limit`` of them or the source cannot be read. ``what`` names the
    source in messages (zh, en) when its path is already said elsewhere; default: the path."""
    zh, en = describe(source)
    what = what or (zh, en)
    try:
        if source == STDIN:
            data = _read_stream(sys.stdin, limit)
        elif isinstance(source, (str, Path)):
            with open(source, "rb") as handle:
                data = handle.read(limit + 1)
        else:
            data = _read_stream(source, limit)
    except FileNotFoundError as err:
        raise KitError(f"找不到文件：{zh}", f"file not found: {en}", field="file") from err
    except IsADirectoryError as err:
        raise KitError(f"{zh} 是文件夹，不是文件", f"{en} is a folder, not a file") from err
    except OSError as err:
        reason = err.strerror or str(err)
        zh, en = subject(*what, f"无法读取（{reason}）", f"cannot be read ({reason})")
        raise KitError(zh, en, field="file") from err
    if len(data) > limit:
        raise too_large(None, limit, what)
    return data


# --------------------------------------------------------------------------------------------
# Writing.


def _create_temp(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``, created as any new file is (0666 minus the umask,
    applied by the system: reading the umask would mean changing it, which races other
    threads)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue


def write_error(path: Path | str, err: OSError) -> KitError:
    """A failed write as a bilingual message; a full disk is said in plain words."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return KitError(
            f"无法写入 {path}：磁盘空间不足（原有文件保持不变）",
            f"cannot write {path}: the disk is full (any existing file is unchanged)",
            field="output",
        )
    if isinstance(err, FileExistsError):
        return KitError(
            f"无法写入 {path}：文件已存在，不会覆盖",
            f"cannot write {path}: the file exists and is not overwritten",
            field="output",
        )
    return KitError(
        f"无法写入 {path}：{err.strerror or err}",
        f"cannot write {path}: {err.strerror or err}",
        field="output",
    )


def _publish(tmp: Path, path: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(tmp, path)
        return
    try:  # a hard link fails if the name is taken: no window in which a file is overwritten
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(tmp, path)
    else:
        with contextlib.suppress(OSError):  # the file is written; a stray link is harmless
            os.unlink(tmp)


def write_atomic(
    path: str | Path, content: str | bytes, *, overwrite: bool = True, encoding: str = "utf-8"
) -> Path:
    """Write ``content`` to ``path`` whole or not at all; a KitError says why not.

    With ``overwrite=False`` an existing file is never replaced (the write fails instead)."""
    path = Path(path)
    data = content.encode(encoding) if isinstance(content, str) else bytes(content)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = _create_temp(path)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # the bytes are on disk before the name points at them
            with contextlib.suppress(FileNotFoundError):  # a replaced file keeps its mode
                os.fchmod(out.fileno(), path.stat().st_mode & 0o7777)
        _publish(tmp, path, overwrite)
        tmp = None
    except OSError as err:
        raise write_error(path, err) from err
    finally:  # also on KeyboardInterrupt: never leave a temporary file behind
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return path
