"""nbgrader for a learner's server on the course hub (deploy/hub/jupyter/learner).

The hub puts this folder on JUPYTER_CONFIG_PATH of every learner's server and sets the variables
read here (smedx/hub/hooks.py). The learner's assignment list fetches released
assignments of the course `smedx` from the shared exchange into 数转课堂/作业 in the home, and
submits them back. The formgrader is switched off for learners in this folder's other files; the
course directory itself (solutions, gradebook) is readable by trainers only.
"""

import os

c = get_config()  # noqa: F821  (nbgrader provides get_config when it loads this file)

c.CourseDirectory.course_id = "smedx"
c.Exchange.root = os.environ.get("SMEDX_EXCHANGE", "/srv/nbgrader/exchange")

assignment_dir = os.environ.get("SMEDX_ASSIGNMENT_DIR")
if assignment_dir:
    # The assignment list changes into this folder, so it must exist.
    os.makedirs(assignment_dir, exist_ok=True)
    c.Exchange.assignment_dir = assignment_dir
