"""nbgrader's exchange on a Kubernetes cluster, where every user is uid 1000 (Zero to JupyterHub).

On one machine the exchange relies on Unix permissions (inbound is write-only for learners,
feedback files have unguessable names). On z2jh every server runs as the same uid, so one shared
volume would let any learner list and read everyone's submissions and feedback. Instead the
volume (ReadWriteMany, e.g. NFS) is mounted per role with Kubernetes subPaths
(deploy/z2jh/values.yaml, ``hub.extraConfig.smedxExchange``):

| on the volume                | a learner sees it at (exchange root /srv/nbgrader/exchange) |
|------------------------------|----------------------------------------------------------|
| smedx/outbound               | smedx/outbound, read-only                                |
| smedx/inbound/<learner>      | smedx/inbound (only their own submissions)                |
| smedx/feedback/<learner>     | smedx/feedback (only their own feedback)                  |

Trainers mount the whole ``smedx`` folder. Learners use nbgrader's own exchange unchanged; the two
trainer-side steps that touch per-learner folders are replaced here (``ExchangeFactory``):

- :class:`PerLearnerCollect` collects ``inbound/<learner>/<learner>+<assignment>+...``, and skips
  a file whose name claims another learner than the folder it was mounted from.
- :class:`PerLearnerReleaseFeedback` writes each learner's feedback into ``feedback/<learner>/``.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import tempfile

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default import ExchangeReleaseFeedback
from nbgrader.exchange.default.collect import groupby
from nbgrader.utils import notebook_hash

from smedx.grading.collect import SafeCollect


class PerLearnerCollect(SafeCollect):
    """Collect from ``inbound/<learner>/`` (one folder per learner, mounted by subPath), copying
    as :class:`SafeCollect` does (no link followed, only regular files and folders)."""

    def _path_to_record(self, path):
        record = super()._path_to_record(path)
        folder = os.path.basename(os.path.dirname(path))
        record["folder"] = folder
        record["filename"] = os.path.join(folder, record["filename"])
        return record

    def init_src(self):
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        student_id = self.coursedir.student_id or "*"
        pattern = os.path.join(
            self.inbound_path, "*", f"{student_id}+{self.coursedir.assignment_id}+*"
        )
        records = []
        for path in glob.glob(pattern):
            record = self._path_to_record(path)
            if record["username"] != record["folder"]:
                self.log.warning(
                    "Skipping %s: it names learner %r but was submitted from %r's folder",
                    path,
                    record["username"],
                    record["folder"],
                )
                continue
            records.append(record)
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        latest_first = {
            name: self._sort_by_timestamp(recs)
            for name, recs in groupby(records, lambda item: item["username"]).items()
        }
        if self.duedate is None or not self.before_duedate:
            self.src_records = [recs[0] for recs in latest_first.values()]
        else:
            self.src_records = []
            for recs in latest_first.values():
                on_time = [r for r in recs if r["timestamp"] <= self.duedate]
                self.src_records.append(on_time[0] if on_time else recs[0])


class PerLearnerReleaseFeedback(ExchangeReleaseFeedback):
    """Release feedback into ``feedback/<learner>/`` (each learner mounts only their own)."""

    def copy_files(self):
        excluded = set(filter(None, (self.coursedir.student_id_exclude or "").split(",")))
        pattern = re.escape(os.path.sep).join(
            [
                self.coursedir.format_path(
                    self.coursedir.feedback_directory,
                    "(?P<student_id>.*)",
                    self.coursedir.assignment_id,
                    escape=True,
                ),
                "(?P<notebook_id>.*).html",
            ]
        )
        for html_file in sorted(glob.glob(os.path.join(self.src_path, "*.html"))):
            match = re.match(pattern, html_file)
            if match is None:
                self.log.error("Could not match %r with %r", html_file, pattern)
                continue
            student_id, notebook_id = match["student_id"], match["notebook_id"]
            if student_id in excluded:
                continue
            folder = os.path.dirname(html_file)
            with open(os.path.join(folder, "submission_secret.txt")) as f:
                secret = f.read()
            checksum = notebook_hash(secret=secret, notebook_id=notebook_id)
            learner_dir = os.path.join(self.dest_path, student_id)
            os.makedirs(learner_dir, exist_ok=True)
            # The learner can write in learner_dir: a fresh name (O_EXCL, never a link they
            # planted, as a guessable "<checksum>-tmp.html" could be), then an atomic rename.
            fd, temporary = tempfile.mkstemp(suffix=".html", prefix=".release-", dir=learner_dir)
            with os.fdopen(fd, "wb") as out, open(html_file, "rb") as page:
                shutil.copyfileobj(page, out)
            os.chmod(temporary, 0o644)
            os.replace(temporary, os.path.join(learner_dir, f"{checksum}.html"))
            self.log.info("Feedback for %s on %s released", student_id, notebook_id)
