"""The README's fleet example, run as written: Ansible's ad-hoc mode over its local
connection (localhost only, nothing remote), collecting pytraceroute's --json lines."""

import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from tests.jsoncheck import assert_valid

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANSIBLE_BIN = ROOT / ".venv-ansible" / "bin"  # where .ci/setup installs ansible-core


def example():
    text = (ROOT / "README.md").read_text()
    block = text.split("<!-- fleet-example -->\n```sh\n", 1)[1]
    return block.split("\n```", 1)[0]


def ansible_path():
    found = ANSIBLE_BIN / "ansible"
    return str(found.parent) if found.exists() else (
        os.path.dirname(shutil.which("ansible")) if shutil.which("ansible") else None)


@pytest.mark.skipif(ansible_path() is None,
                    reason="needs ansible-core (.ci/setup installs it in .venv-ansible)")
def test_the_fleet_example_collects_a_json_line_per_host_and_trace(tmp_path):
    (tmp_path / ".venv").symlink_to(pathlib.Path(sys.executable).parent.parent)
    environment = dict(os.environ, PATH=ansible_path() + os.pathsep + os.environ["PATH"],
                       ANSIBLE_LOCAL_TEMP=str(tmp_path / "ansible-tmp"),
                       HOME=str(tmp_path))
    done = subprocess.run(["bash", "-c", "set -o pipefail\n" + example()], cwd=tmp_path,
                          env=environment, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    lines = [json.loads(line) for line in (tmp_path / "traces.jsonl").read_text().splitlines()]
    assert sorted((line["host"], line["trace"]["target"]) for line in lines) == [
        ("localhost", "127.0.0.1"), ("localhost", "::1")]
    assert_valid("pytraceroute", "".join(json.dumps(line["trace"]) + "\n" for line in lines))
    assert all(line["trace"]["type"] == "trace" for line in lines)
