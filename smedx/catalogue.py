"""Keeping the message catalogue whole (maintainers; `python3 kit.py catalogue`).

Messages are extracted with Babel from every ``_()``, ``N_()`` and ``pgettext()`` in smedx/ (the
method map is ``babel.cfg``). Each area of the code translates its messages in its own file,
``smedx/locale/zh_CN/LC_MESSAGES/<area>.po``; the loader in :mod:`smedx.i18n` merges them.

    python -m smedx.catalogue                  # extract to smedx/locale/smedx.pot, list problems
    python -m smedx.catalogue --update AREA [PATH ...]   # add the untranslated messages (of PATHs)
                                               # to AREA's .po with an empty msgstr, to fill in
    python -m smedx.catalogue --compile        # each .po to a .mo beside it (kit.py setup)

Only ``--update`` writes a .po, and only the one named: the others may be open in an editor.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from smedx.files import write_atomic
from smedx.i18n import CATALOGUE_DIR, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent
MAPPING = PACKAGE.parent / "babel.cfg"  # a checkout's; an installed package uses the default
KEYWORDS = {"_": None, "N_": None, "pgettext": ((1, "c"), 2)}
TEMPLATE = LOCALE_DIR / "smedx.pot"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

Key = tuple[str | None, str]  # (context, English msgid)


def extract_python(fileobj, keywords, comment_tags, options):
    """Babel extraction method on Python's own parser: a ``_()`` inside an f-string's braces is
    found too (Babel's tokenizer skips f-string expressions before Python 3.12, so such a message
    could be missing from every area without the catalogue test noticing)."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name = node.func.id
        if name not in keywords:
            continue
        strings = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if len(strings) != len(node.args) or not all(isinstance(v, str) for v in strings):
            continue  # a variable or an expression: nothing to extract
        wanted = 2 if name == "pgettext" else 1
        if len(strings) == wanted:
            yield node.lineno, name, strings[0] if wanted == 1 else tuple(strings), []


def extract(package: Path = PACKAGE) -> Catalog:
    """Every marked message of the Python files under ``package``, with where it is used."""
    method_map, options_map = [("**.py", "smedx.catalogue:extract_python")], {}
    if MAPPING.exists():
        with MAPPING.open() as f:
            method_map, options_map = parse_mapping_cfg(f, str(MAPPING))
    template = Catalog(project="smedx", charset="utf-8")
    for path, lineno, message, comments, context in extract_from_dir(
        package, method_map, options_map, keywords=KEYWORDS
    ):
        where = f"{package.name}/{path}"
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def areas(folder: Path | None = None) -> dict[str, Catalog]:
    """Each area's catalogue by area name; a .po Babel cannot read raises ValueError."""
    found = {}
    for po in sorted((folder or CATALOGUE_DIR).glob("*.po")):
        with po.open("rb") as f:
            found[po.stem] = read_po(f, locale="zh_CN", abort_invalid=True)
    return found


def _key(message) -> Key:
    return (message.context, message.id)


def compiled(catalog: Catalog) -> bytes:
    """The .mo bytes, read back by the stdlib's gettext (as the loader will)."""
    out = io.BytesIO()
    write_mo(out, catalog)
    gettext.GNUTranslations(io.BytesIO(out.getvalue()))
    return out.getvalue()


def problems(template: Catalog, folder: Path | None = None) -> list[str]:
    """What keeps the catalogue from being whole, one line each (empty: all is well)."""
    found: list[str] = []
    try:
        catalogues = areas(folder)
    except Exception as err:  # a broken .po: nothing else can be judged
        return [f"a .po file does not parse: {err}"]
    translated: dict[Key, tuple[str, str]] = {}  # key -> (area, Chinese)
    for area, catalog in catalogues.items():
        try:
            compiled(catalog)
        except Exception as err:
            found.append(f"{area}.po does not compile: {err}")
        for message in list(catalog)[1:]:
            if not isinstance(message.id, str):
                found.append(f"{area}.po: plural forms are not used by the kit: {message.id!r}")
                continue
            where = f"{area}.po: {message.id!r}"
            if message.fuzzy:
                found.append(f"{where} is marked fuzzy")
            elif not message.string:
                found.append(f"{where} has no translation")
            elif PLACEHOLDER.findall(message.id) and sorted(
                PLACEHOLDER.findall(message.id)
            ) != sorted(PLACEHOLDER.findall(message.string)):
                found.append(f"{where}: the translation's {{placeholders}} differ")
            else:
                earlier = translated.setdefault(_key(message), (area, message.string))
                if earlier[1] != message.string:
                    found.append(
                        f"{message.id!r} is translated twice: {earlier[0]}.po {earlier[1]!r}, "
                        f"{area}.po {message.string!r}"
                    )
    for message in list(template)[1:]:
        if _key(message) not in translated:
            places = ", ".join(f"{path}:{line}" for path, line in message.locations)
            context = f" (context {message.context!r})" if message.context else ""
            found.append(f"no area translates {message.id!r}{context} ({places})")
    return found


def update(
    area: str, template: Catalog, paths: Iterable[str] = (), folder: Path | None = None
) -> int:
    """Add to ``area``'s .po (created if new) each message of ``template`` (used in one of
    ``paths``, if given) that no area has yet, untranslated; the number added."""
    folder = folder or CATALOGUE_DIR
    catalogues = areas(folder)
    known = {_key(m) for catalog in catalogues.values() for m in list(catalog)[1:]}
    catalog = catalogues.get(area) or Catalog(
        locale="zh_CN", project="smedx", charset="utf-8", fuzzy=False
    )
    prefixes = tuple(paths)
    added = 0
    for message in list(template)[1:]:
        used = [path for path, _line in message.locations]
        if _key(message) in known or (prefixes and not any(p.startswith(prefixes) for p in used)):
            continue
        catalog.add(message.id, "", message.locations, context=message.context)
        added += 1
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False)
    write_atomic(folder / f"{area}.po", out.getvalue())
    return added


def compile_all(folder: Path | None = None) -> list[Path]:
    """Each area's .po to a .mo beside it (the loader prefers it); the .mo files written."""
    folder = folder or CATALOGUE_DIR
    written = []
    for area, catalog in areas(folder).items():
        written.append(write_atomic(folder / f"{area}.mo", compiled(catalog)))
    return written


def write_template(template: Catalog) -> None:
    out = io.BytesIO()
    write_po(out, template, width=100, sort_by_file=True)
    write_atomic(TEMPLATE, out.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kit.py catalogue", description=__doc__.split("\n")[0])
    parser.add_argument("--update", metavar="AREA", help="add untranslated messages to AREA.po")
    parser.add_argument("paths", nargs="*", help="with --update: only messages used in these")
    parser.add_argument("--compile", action="store_true", help="compile every .po to .mo")
    args = parser.parse_args(argv)
    if args.compile:
        for path in compile_all():
            print(f"compiled {path}")
        return 0
    template = extract()
    write_template(template)
    print(f"extracted {len(template) - 1} messages to {TEMPLATE}")
    if args.update:
        added = update(args.update, template, args.paths)
        print(f"{args.update}.po: {added} new messages to translate")
    found = problems(template)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
