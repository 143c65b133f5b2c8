"""`smedx course pack`: everything a trainer takes into the room, in one folder and one zip.

The folder holds the agenda (HTML and PDF), a slide deck per module, the handouts and trainer
sheets, and the paper self-assessment form. It is built beside its final place and swapped in
whole, and the zip is written to a temporary name and renamed, so a trainer never finds half a
pack. Nothing needs the network: pictures and PDFs come from the local Chromium.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from smedx.coursepack import agenda as agenda_mod
from smedx.coursepack import form, handouts, slides
from smedx.coursepack.outline import module_numbers, normalise_module
from smedx.errors import KitError
from smedx.files import write_error
from smedx.i18n import _


@dataclass(frozen=True)
class Pack:
    folder: Path
    zip: Path
    files: tuple[str, ...]  # paths inside the folder, as in the zip


def pack_name(path: str, lang: str, modules: list[str] | None) -> str:
    suffix = "-" + "-".join(f"m{n}" for n in modules) if modules else ""
    return f"smedx-course-{path}-{lang}{suffix}"


def _steps(numbers: list[str]) -> int:
    return 2 + 2 * len(numbers) + 1  # agenda, form, (slides + handouts) per module, zip


def build_pack(
    path: str,
    out_dir: Path,
    lang: str = "zh",
    *,
    modules: list[str] | None = None,
    start: str = "09:00",
    progress: bool = True,
) -> Pack:
    """The pack of a course path (optionally for some modules only) in ``out_dir``."""
    from tqdm import tqdm

    agenda_mod.check_path(path)
    agenda = agenda_mod.build_agenda(path, start, lang)
    taught = {m.id[1:] for m in agenda.modules}
    numbers = [normalise_module(m) for m in modules] if modules else module_numbers()
    numbers = [n for n in numbers if n in taught]
    out_dir = Path(out_dir)
    name = pack_name(path, lang, [normalise_module(m) for m in modules] if modules else None)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_dir))
        work.chmod(0o755)  # mkdtemp's 0700 would keep the pack from the other trainers
    except OSError as err:
        raise write_error(out_dir, err) from err
    bar = tqdm(total=_steps(numbers), desc=name, unit="step", file=sys.stderr, disable=not progress)
    try:
        html = agenda_mod.render_agenda_html(agenda)
        (work / f"agenda.{lang}.html").write_text(html, encoding="utf-8")
        from smedx.printing import html_to_pdf

        html_to_pdf(html, work / f"agenda.{lang}.pdf")
        bar.update()
        form.write_form(work / f"self-assessment.{lang}.pdf", lang)
        bar.update()
        for number in numbers:
            bar.set_postfix_str(f"m{number}")
            slides.make_slides([number], work / "slides", lang, path=path)
            bar.update()
            _handouts(number, work, lang)
            bar.update()
        folder = _publish(work, out_dir / name)
        work = None
        archive = _zip(folder, out_dir / f"{name}.zip")
        bar.update()
    finally:
        bar.close()
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    files = tuple(
        sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    )
    return Pack(folder, archive, files)


def _handouts(number: str, work: Path, lang: str) -> None:
    """The module's handout for learners in handouts/, its answer sheet apart in trainer/."""
    handouts.handout(number, work / "handouts", lang, answers_dir=work / "trainer")


def _publish(work: Path, final: Path) -> Path:
    """Swap the finished folder in: an older pack of the same name is moved aside, then removed."""
    old = None
    try:
        if final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{final.name}.old.", dir=final.parent))
            os.replace(final, old / final.name)
        os.replace(work, final)
    except OSError as err:
        raise write_error(final, err) from err
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return final


def _zip(folder: Path, target: Path) -> Path:
    """The folder as a zip (entries under the folder's name), written whole."""
    handle, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        os.chmod(tmp, 0o644)  # mkstemp's 0600, as for the folder
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise write_error(target, err) from err
    return target


def _run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise KitError(f"--out 应是一个文件夹：{out}", f"--out must be a folder: {out}")
    modules = [args.module] if args.module else None
    pack = build_pack(args.path, out, args.lang, modules=modules, start=args.start)
    print(pack.folder)
    print(pack.zip)
    return 0


def register(actions: argparse._SubParsersAction) -> None:
    cmd = actions.add_parser(
        "pack",
        help=_("everything for a course day (folder + zip)"),
        description=_(
            "Agenda, slides, handouts, trainer sheets and the paper self-assessment in one folder "
            "and a zip; made offline."
        ),
    )
    cmd.add_argument("--path", required=True, help=_("1day, 2day or full"))
    cmd.add_argument("--out", required=True, help=_("output folder"))
    cmd.add_argument("--module", help=_("one module only, e.g. 02"))
    cmd.add_argument("--start", default="09:00", help=_("start time (default 09:00)"))
    cmd.set_defaults(func=_run)
