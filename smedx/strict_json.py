"""Strict parsing of JSON files a user uploads or hands to the kit (plans, session files).

``json.loads`` alone accepts what no kit file contains and what can hurt a server: NaN and
Infinity, repeated keys (the last one silently wins), nesting deep enough to exhaust the stack,
files of any size. :func:`loads` refuses each with a bilingual :class:`KitError`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from smedx.errors import KitError

MAX_DEPTH = 64  # kit documents nest fewer than 10 levels


def _reject_constant(name: str) -> None:
    raise KitError(
        f"文件含非法数值 {name}", f"the file holds an invalid number {name}", field="json"
    )


def _unique(pairs: list) -> dict:
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys):
        raise KitError("文件含重复的字段名", "the file repeats a field name", field="json")
    return dict(pairs)


def _depth(value: Any, limit: int) -> int:
    """Nesting depth, counted without recursion, stopping once past ``limit``."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        if level > limit:
            return level
        if isinstance(item, Mapping):
            stack.extend((v, level + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, level + 1) for v in item)
    return deepest


def loads(content: str | bytes, limit: int) -> Any:
    """Parse ``content`` (text or UTF-8 bytes, BOM allowed) of at most ``limit`` bytes."""
    if isinstance(content, str):
        size = len(content.encode("utf-8", "surrogatepass"))
    elif isinstance(content, (bytes, bytearray, memoryview)):
        size = len(content)
    else:
        raise KitError(
            f"文件内容应为文本，收到 {type(content).__name__}",
            f"a file must be text, got {type(content).__name__}",
            field="json",
        )
    if size > limit:  # checked before parsing: a huge file costs nothing
        raise KitError(
            f"文件过大（{size / 1e6:.1f} MB，上限 {limit / 1e6:.1f} MB）：这不是本工具保存的文件",
            f"the file is too large ({size / 1e6:.1f} MB, limit {limit / 1e6:.1f} MB): it was "
            "not saved by this kit",
            field="size",
        )
    if not isinstance(content, str):
        try:
            content = bytes(content).decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise KitError(
                "文件不是 UTF-8 文本：请选择本工具下载的 .json 文件",
                "the file is not UTF-8 text: choose a .json file downloaded from the kit",
                field="encoding",
            ) from err
    try:
        raw = json.loads(
            content.removeprefix("\ufeff"),
            parse_constant=_reject_constant,
            object_pairs_hook=_unique,
        )
    except json.JSONDecodeError as err:
        raise KitError(
            f"文件不是有效的 JSON（第 {err.lineno} 行第 {err.colno} 列：{err.msg}）",
            f"the file is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})",
            field="json",
        ) from err
    except RecursionError as err:
        raise KitError("文件嵌套过深", "the file is nested too deeply", field="json") from err
    if _depth(raw, MAX_DEPTH) > MAX_DEPTH:
        raise KitError("文件嵌套过深", "the file is nested too deeply", field="json")
    return raw
