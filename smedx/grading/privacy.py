"""Keep answer files that an instructor's trial run left behind away from learners.

A widget saves every answer to ``answers_<module>.json`` beside its notebook. Learners' files must
travel (submit -> collect -> autograde all copy the assignment folder minus
``CourseDirectory.ignore``), so the pattern cannot simply go into ``ignore``: every exchange step
honours that list (``Exchange.do_copy``), and autograde would then grade every learner blank. An
instructor who clicks a widget while trying ``solutions/mNN`` or ``exercises/mNN`` writes such a
file there, and nbgrader would copy it to every learner (generate_assignment copies all non-notebook
files of the source folder; release_assignment copies the release folder). So:

- :class:`RefuseAnswerFiles` (first preprocessor of ``GenerateAssignment``) stops generation with
  a message naming the file, in the CLI and in the formgrader alike;
- :class:`ReleaseAssignment` (``ExchangeFactory.release_assignment``) leaves such files out of
  what it puts in the exchange, with a warning;
- ``Autograde.exclude_overwriting`` (in ``nbgrader_config.py``) keeps autograde from replacing a
  learner's answer file with a "master copy" from ``solutions/``.
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.preprocessors import Preprocessor
from nbgrader.exchange.default import ExchangeReleaseAssignment
from traitlets import Bool

from smedx.errors import KitError

ANSWER_FILES = "answers_*.json"


def answer_files(folder: Path | str) -> list[Path]:
    return sorted(Path(folder).rglob(ANSWER_FILES))


class RefuseAnswerFiles(Preprocessor):
    """Fail ``generate_assignment`` when the source folder holds an answer file."""

    enabled = Bool(True, help="nbconvert preprocessors are off unless enabled").tag(config=True)

    def preprocess(self, nb, resources):
        folder = Path((resources.get("metadata") or {}).get("path") or ".")
        found = answer_files(folder)
        if found:
            names = ", ".join(str(p) for p in found)
            raise KitError(
                f"源文件夹中有答案文件 {names}（多半是试做源笔记本时控件保存的）。学员会收到它，"
                "请删除后再生成作业。",
                f"the source folder holds the answer file(s) {names} (probably saved by a widget "
                "while you tried the source notebook); learners would receive them. Delete them "
                "and generate again.",
            )
        return nb, resources


class ReleaseAssignment(ExchangeReleaseAssignment):
    """nbgrader's release, minus any answer file left in the release folder."""

    def do_copy(self, src, dest, log=None):
        for path in answer_files(src):
            self.log.warning("Not releasing %s: answer files stay with their owner", path)
        ignore = list(self.coursedir.ignore)
        self.coursedir.ignore = [*ignore, ANSWER_FILES]
        try:
            return super().do_copy(src, dest, log)
        finally:
            self.coursedir.ignore = ignore
