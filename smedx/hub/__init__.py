"""The one-machine JupyterHub of the SME DX Kit (数转课堂): what `jupyterhub_config.py` and
`smedx hub` need.

- :mod:`settings`  every value that differs between machines, read from ``SMEDX_HUB_*`` variables
- :mod:`roles`     trainer or learner, from the Unix groups of a real local account
- :mod:`course`    the course material in each home (copy what is missing, never overwrite)
- :mod:`spawner`   per-user memory limits (systemd, a cgroup, or documented as not enforced)
- :mod:`hooks`     the hub's post-auth and pre-spawn hooks, built from the three above
- :mod:`host`      preparing the machine: groups, folders, the trainers' course, accounts
"""
