"""The learners' Python kernel: ipykernel without its debugger (``python -m smedx.kernel -f …``).

Learners' servers find it as the ``python3`` kernel (deploy/lab/learner-data on JUPYTER_PATH,
set by kit.py start and the hub's spawner); its kernelspec says ``debugger: false``, so JupyterLab
shows no debugger. ipykernel imports debugpy at every kernel start for that debugger, about 7 MB of
each kernel (bench/memory.py); marking it missing here makes ipykernel skip it as if it were not
installed. Trainers' kernels are ipykernel's own.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    # As ipykernel_launcher: the notebook's folder off sys.path while ipykernel loads (a learner's
    # file named like a module must not replace it); IPython puts it back.
    if sys.path[0] == "" or Path(sys.path[0]) == Path.cwd():
        del sys.path[0]
    sys.modules["debugpy"] = None  # type: ignore[assignment]  # "not importable" to ipykernel
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()
