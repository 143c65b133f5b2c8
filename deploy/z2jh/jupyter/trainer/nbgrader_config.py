"""nbgrader for a trainer's server on the cluster (Zero to JupyterHub), loaded before
deploy/hub/jupyter/trainer/nbgrader_config.py and winning over it (earlier on JUPYTER_CONFIG_PATH).

Every learner mounts only their own inbound and feedback folders (deploy/z2jh/values.yaml), so
collecting and releasing feedback go through the per-learner steps of smedx_exchange_k8s (copied
into the image's site-packages). A trainer's course folder is their own (~/课程管理, filled by
deploy/image/start), not shared with other trainers: nothing to keep group-writable.
"""

c = get_config()  # noqa: F821  (nbgrader provides get_config when it loads this file)

c.ExchangeFactory.collect = "smedx_exchange_k8s.PerLearnerCollect"
c.ExchangeFactory.release_feedback = "smedx_exchange_k8s.PerLearnerReleaseFeedback"
c.CourseDirectory.groupshared = False
