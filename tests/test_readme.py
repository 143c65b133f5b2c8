"""The README's `smedx` examples run exactly as written."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from smedx.models.assessment import questionnaire

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## The `smedx` command", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return [
        re.sub(r"\s+#.*$", "", line).strip()
        for line in block.splitlines()
        if line.startswith("smedx ")
    ]


def test_readme_smedx_examples_run(tmp_path):
    commands = readme_commands()
    assert len(commands) >= 8
    answers = {item.id: "c" for item in questionnaire().items}
    (tmp_path / "answers.json").write_text(json.dumps(answers))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{command}\n{done.stderr[-2000:]}"
