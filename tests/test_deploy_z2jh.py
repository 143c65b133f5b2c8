"""The cluster deployment, offline: Zero to JupyterHub values against the chart's own schema,
the role logic of hub.extraConfig, the image's files and pins, and the capacity numbers.

The chart's defaults and schema are read from ../shared/data/z2jh/ (not copied into the repo):
the values are deep-merged over the defaults as Helm does, then validated with jsonschema, as the
chart's tools/validate-against-schema.py does.
"""

from __future__ import annotations

import copy
import math
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from types import SimpleNamespace

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CHART = ROOT.parent / "shared" / "data" / "z2jh"
VALUES = ROOT / "deploy" / "z2jh" / "values.yaml"
DOCS = ROOT / "docs" / "deployment.md"


def deep_merge(base: dict, override: dict) -> dict:
    """Helm's merge of a values file over the chart's values: maps merge key by key, anything
    else replaces, and null removes the key."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


@pytest.fixture(scope="module")
def chart():
    assert CHART.is_dir(), f"the chart's values and schema are expected in {CHART}"
    defaults = yaml.safe_load((CHART / "values.yaml").read_text())
    schema = yaml.safe_load((CHART / "values.schema.yaml").read_text())
    return defaults, jsonschema.Draft7Validator(schema)


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load(VALUES.read_text())


def test_values_validate_against_the_charts_schema(chart, values):
    defaults, validator = chart
    errors = sorted(validator.iter_errors(deep_merge(defaults, values)), key=str)
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize(
    "broken",
    [
        {"singleuser": {"memory": {"guarante": "360Mi"}}},  # a typo in a key
        {"singleuser": {"memory": {"limit": ["1Gi"]}}},  # a wrong type
        {"cull": {"timeout": "an hour"}},
    ],
)
def test_the_validation_catches_mistakes(chart, values, broken):
    defaults, validator = chart
    assert list(validator.iter_errors(deep_merge(defaults, deep_merge(values, broken))))


def test_culling_storage_and_image(values):
    assert values["cull"] == {**values["cull"], "enabled": True, "timeout": 3600}
    assert values["singleuser"]["storage"]["type"] == "dynamic"
    assert values["singleuser"]["image"]["name"].endswith("/smedx-learner")
    assert values["singleuser"]["defaultUrl"].endswith("modules/00_入门.ipynb")
    assert (ROOT / "modules" / "00_入门.ipynb").exists()


# --- hub.extraConfig: the role logic, run as the hub runs it -----------------------------------
class Config(dict):
    """Enough of traitlets' `c` for `c.KubeSpawner.pre_spawn_hook = ...`."""

    def __getattr__(self, name):
        return self.setdefault(name, SimpleNamespace())


def spawner_for(groups: list[str], name: str) -> SimpleNamespace:
    user = SimpleNamespace(name=name, groups=[SimpleNamespace(name=g) for g in groups])
    return SimpleNamespace(
        user=user,
        image="registry.example.org/x/smedx-learner:0.1.0",
        volumes=[{"name": "home"}],
        volume_mounts=[{"name": "home", "mountPath": "/home/jovyan"}],
        init_containers=[],
        environment={"KEEP": "1"},
    )


@pytest.fixture(scope="module")
def pre_spawn_hook(values):
    c = Config()
    code = values["hub"]["extraConfig"]["smedxRoles"]
    exec(compile(code, "values.yaml:hub.extraConfig.smedxRoles", "exec"), {"c": c})  # noqa: S102
    return c.KubeSpawner.pre_spawn_hook


async def run_hook(hook, spawner):
    await hook(spawner)
    return spawner


def test_a_learner_mounts_only_their_own_inbound_and_feedback(pre_spawn_hook):
    import asyncio

    spawner = asyncio.run(run_hook(pre_spawn_hook, spawner_for(["nbgrader-smedx"], "wang")))
    mounts = {m["mountPath"]: m for m in spawner.volume_mounts if m["name"] == "smedx-exchange"}
    root = "/srv/nbgrader/exchange/smedx"
    assert mounts[f"{root}/outbound"] == {**mounts[f"{root}/outbound"], "readOnly": True}
    assert mounts[f"{root}/inbound"]["subPath"] == "smedx/inbound/wang"
    assert mounts[f"{root}/feedback"]["subPath"] == "smedx/feedback/wang"
    assert root not in mounts  # never the whole course folder
    assert spawner.image.endswith("/smedx-learner:0.1.0")
    assert spawner.environment["KEEP"] == "1" and spawner.environment["SMEDX_ROLE"] == "learner"
    (init,) = spawner.init_containers
    assert "/exchange/smedx/inbound/wang" in init["command"]
    assert init["securityContext"]["runAsUser"] == 1000
    claim = next(v for v in spawner.volumes if v["name"] == "smedx-exchange")
    pvc = yaml.safe_load((ROOT / "deploy" / "z2jh" / "exchange-pvc.yaml").read_text())
    assert claim["persistentVolumeClaim"]["claimName"] == pvc["metadata"]["name"]
    assert pvc["spec"]["accessModes"] == ["ReadWriteMany"]


def test_a_trainer_gets_the_trainer_image_and_the_whole_course_exchange(pre_spawn_hook):
    import asyncio

    spawner = asyncio.run(run_hook(pre_spawn_hook, spawner_for(["formgrade-smedx"], "li")))
    mounts = [m for m in spawner.volume_mounts if m["name"] == "smedx-exchange"]
    assert mounts == [
        {"name": "smedx-exchange", "mountPath": "/srv/nbgrader/exchange/smedx", "subPath": "smedx"}
    ]
    assert spawner.image.endswith("/smedx-trainer:0.1.0")
    config_path = spawner.environment["JUPYTER_CONFIG_PATH"].split(":")
    assert config_path == [
        "/opt/smedx/deploy/z2jh/jupyter/trainer",
        "/opt/smedx/deploy/hub/jupyter/trainer",
    ]
    for folder in config_path:  # the image copies deploy/ to /opt/smedx/deploy/
        assert (ROOT / folder.removeprefix("/opt/smedx/")).is_dir()


def test_a_name_that_cannot_be_a_folder_is_refused(pre_spawn_hook):
    import asyncio

    with pytest.raises(ValueError):
        asyncio.run(run_hook(pre_spawn_hook, spawner_for(["nbgrader-smedx"], "a+b")))


def test_the_trainers_nbgrader_config_on_the_cluster(tmp_path):
    """deploy/z2jh/jupyter/trainer wins over deploy/hub/jupyter/trainer, which loads the course's
    nbgrader_config.py (here: this repository's)."""
    code = (
        "import json\n"
        "from nbgrader.apps.baseapp import NbGrader\n"
        "app = NbGrader()\n"
        "app.load_config_file()\n"
        "c = app.config\n"
        "print(json.dumps({'collect': c.ExchangeFactory.collect,\n"
        "  'feedback': c.ExchangeFactory.release_feedback,\n"
        "  'release': c.ExchangeFactory.release_assignment,\n"
        "  'groupshared': c.CourseDirectory.groupshared, 'root': c.CourseDirectory.root,\n"
        "  'exchange': c.Exchange.root}))\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "JUPYTER_CONFIG_DIR": str(tmp_path / ".jupyter"),
        "JUPYTER_CONFIG_PATH": f"{ROOT}/deploy/z2jh/jupyter/trainer:{ROOT}/deploy/hub/jupyter/trainer",
        "SMEDX_HUB_COURSE_DIR": str(ROOT),
        "SMEDX_COURSE_LINK": str(tmp_path / "课程管理"),
        "SMEDX_EXCHANGE": "/srv/nbgrader/exchange",
    }
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    import json

    config = json.loads(out.stdout.strip().splitlines()[-1])
    assert config == {
        "collect": "smedx_exchange_k8s.PerLearnerCollect",
        "feedback": "smedx_exchange_k8s.PerLearnerReleaseFeedback",
        "release": "smedx.grading.privacy.ReleaseAssignment",  # the course's own setting
        "groupshared": False,
        "root": str(tmp_path / "课程管理"),
        "exchange": "/srv/nbgrader/exchange",
    }


# --- the image ---------------------------------------------------------------------------------
def test_the_dockerfile_copies_what_exists_and_pins_what_was_tested():
    dockerfile = (ROOT / "deploy" / "image" / "Dockerfile").read_text()
    for line in dockerfile.splitlines():
        if line.startswith("COPY "):
            for source in line.split()[1:-1]:
                assert (ROOT / source).exists(), f"COPY {source}: not in the repository"
    pins = dict(re.findall(r"ARG (\w+)_VERSION=(\S+)", dockerfile))
    assert pins["JUPYTERHUB"] == metadata.version("jupyterhub")
    assert pins["NBGITPULLER"] == metadata.version("nbgitpuller")
    learner_stage = dockerfile.split("AS trainer")[0]
    assert "solutions/" not in learner_stage.replace("no solutions/", "")
    assert "COPY solutions/" in dockerfile.split("AS trainer")[1]


# --- capacity: docs, values and the measurement agree --------------------------------------------
def capacity(ram_gib: int, per_learner_mb: int) -> int:
    return (ram_gib * 1024 - 1024 - 128) // per_learner_mb


def test_the_capacity_table_follows_from_the_measurement(values):
    text = DOCS.read_text()
    measured = int(re.search(r"一名学员最多 (\d+) MB", text)[1])
    assert measured == int(re.search(r"at most (\d+) MB per learner", text)[1])
    assert measured < 350  # the target for a whole learner
    budget = math.ceil(measured * 1.2)
    assert f"= {budget} MB" in text
    rows = re.findall(r"^\| (\d+) GiB \| (\d+) \|$", text, flags=re.M)
    assert len(rows) == 12  # the table, in Chinese and in English
    for ram, users in rows:
        assert int(users) == capacity(int(ram), budget), f"{ram} GiB"
    assert capacity(24, budget) >= 60  # one 24 GB server holds at least 60 learners
    guarantee = values["singleuser"]["memory"]["guarantee"]
    assert guarantee.endswith("Mi") and budget <= int(guarantee[:-2]) < budget + 10
    assert values["singleuser"]["memory"]["limit"] == "1Gi"
    assert f"{budget} MB" in text and guarantee in text
