"""JupyterHub for one course server (20-100 learners): the SME DX Kit (数转课堂).

Start it as root from the kit's environment (docs/deployment.md, step by step):

    sudo .venv/bin/smedx hub init            # groups, folders, the trainers' course copy
    sudo .venv/bin/smedx hub adduser wang    # a learner (add --trainer for a trainer)
    sudo .venv/bin/smedx hub start           # = jupyterhub -f deploy/hub/jupyterhub_config.py

What it sets up:
- real local accounts, checked by PAM; the Unix groups smedx-learners / smedx-trainers decide who
  may log in and who is a trainer (hub groups nbgrader-smedx / formgrade-smedx, nbgrader's names);
- each server runs as its user, from this environment (JupyterLab in Chinese, Voila at
  /user/<name>/voila/render/..., nbgrader's assignment list); trainers also get the formgrader
  and the shared course directory, learners do not (deploy/hub/jupyter/<role>/);
- the course material is copied into each home at every start where missing (never overwritten);
- a memory limit per user (smedx/hub/spawner.py), idle servers stopped by jupyterhub-idle-culler;
- configurable-http-proxy from deploy/hub/node_modules (`npm ci` there, see package.json).

Values that differ between machines come from SMEDX_HUB_* variables (smedx/hub/settings.py).
"""

import sys

from smedx.hub import hooks, spawner
from smedx.hub.settings import Settings

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)
settings = Settings.from_env()

# --- network and state ------------------------------------------------------------------------
# The public address. Keep 127.0.0.1 behind a TLS reverse proxy (Caddy, nginx) on the same
# machine; JupyterHub's internal API and the proxy's API stay on 127.0.0.1 (their defaults).
c.JupyterHub.bind_url = settings.bind_url
c.JupyterHub.cookie_secret_file = str(settings.state_dir / "jupyterhub_cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{settings.state_dir / 'jupyterhub.sqlite'}"
c.ConfigurableHTTPProxy.command = [str(settings.proxy_command)]
c.ConfigurableHTTPProxy.pid_file = str(settings.state_dir / "jupyterhub-proxy.pid")
# How often the hub asks the proxy which routes saw traffic (feeds the idle culler).
c.JupyterHub.last_activity_interval = settings.activity_interval

# --- who may log in, and as what --------------------------------------------------------------
c.JupyterHub.authenticator_class = "pam"
c.PAMAuthenticator.allowed_groups = {settings.learners_group, settings.trainers_group}
c.PAMAuthenticator.admin_users = set(settings.admins)
c.PAMAuthenticator.manage_groups = True  # hub groups follow the Unix groups at each login
c.PAMAuthenticator.post_auth_hook = hooks.post_auth_hook_for(settings)

# --- the single-user servers ------------------------------------------------------------------
kind, spawner_class = spawner.choose(settings)
c.JupyterHub.spawner_class = spawner_class
c.Spawner.cmd = [str(settings.python), "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"
c.Spawner.mem_limit = settings.mem_limit_spec
c.Spawner.pre_spawn_hook = hooks.pre_spawn_hook_for(settings)
# A cold start imports JupyterLab, nbgrader and Voila: give a busy 2-core server time.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
if kind == "systemd":
    # One unit per user with MemoryMax (mem_limit); private /tmp; no sudo from notebooks.
    c.SystemdSpawner.unit_name_template = "jupyter-{USERNAME}-singleuser"
    c.SystemdSpawner.isolate_tmp = True
    c.SystemdSpawner.disable_user_sudo = True
elif kind == "local":
    print(
        "[smedx hub] 警告：本机无法限制每位用户的内存（无 systemd、无可写的 memory cgroup）。 / "
        "WARNING: per-user memory limits are NOT enforced on this machine (no systemd, no "
        "writable memory cgroup); see docs/deployment.md.",
        file=sys.stderr,
    )

# --- idle culling -----------------------------------------------------------------------------
# jupyterhub-idle-culler stops servers idle for cull_timeout seconds (their kernels with them),
# so memory goes back to the learners who are working. Files stay in the home.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={settings.cull_timeout}",
            f"--cull-every={settings.cull_every}",
        ],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
