"""nbgrader for a trainer's server on the course hub (deploy/hub/jupyter/trainer).

Trainers share one course directory (SMEDX_HUB_COURSE_DIR, default /srv/smedx/course: a copy of
the kit with nbgrader_config.py, solutions/, exercises/, the gradebook), group-owned by the
trainers' Unix group. The hub links it into each trainer's home as 课程管理 (SMEDX_COURSE_LINK),
because the formgrader needs the course inside the server's root folder. This file loads the
course's own nbgrader_config.py, then points nbgrader at the link.
"""

import os

c = get_config()  # noqa: F821  (nbgrader provides get_config when it loads this file)

course_dir = os.environ.get("SMEDX_HUB_COURSE_DIR", "/srv/smedx/course")
load_subconfig(os.path.join(course_dir, "nbgrader_config.py"))  # noqa: F821

# The course folder as the server sees it (inside the home), not the resolved /srv path.
c.CourseDirectory.root = os.environ.get("SMEDX_COURSE_LINK", course_dir)
# Several trainers share the course and the exchange folders: keep them group-writable.
c.CourseDirectory.groupshared = True
c.Exchange.root = os.environ.get("SMEDX_EXCHANGE", "/srv/nbgrader/exchange")
