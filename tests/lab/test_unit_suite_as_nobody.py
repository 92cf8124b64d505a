"""`pytest tests/unit` passes as user nobody and covers 80% of pynettools/cli/.

The unit suite must need no privilege.  To run it as nobody wherever the
checkout and the venv live (a root-only home, say), the test builds a copy
nobody can read: the package, tests, man pages and completions; a venv made
with Debian's /usr/bin/python3 holding the same packages as the one running
this test; the console scripts pointing at it.  Coverage measures the copy.
"""

import json
import os
import pathlib
import shutil
import subprocess
import sysconfig
import tempfile

import pytest

from tests.commands import needs_root

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
SYSTEM_PYTHON = "/usr/bin/python3"
REQUIRED_COVERAGE = 80.0
COPIED = ("pynettools", "tests", "man", "completions", "pyproject.toml", "README.md")


def _copy_checkout(target):
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns(
                "__pycache__", ".hypothesis"))
        else:
            shutil.copy2(source, target / name)


def _venv_for_nobody(venv, checkout):
    """A venv of the system Python with this venv's packages, `checkout` on its path."""
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    ours = pathlib.Path(sysconfig.get_paths()["purelib"])
    theirs = pathlib.Path(subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()"
         "['purelib'])"], capture_output=True, text=True, check=True).stdout.strip())
    for entry in ours.iterdir():
        if entry.name.startswith(("pynettools", "__editable__", "_pynettools")) or \
                entry.suffix == ".pth":
            continue
        copy = shutil.copytree if entry.is_dir() else shutil.copy2
        copy(entry, theirs / entry.name)
    (theirs / "pynettools-checkout.pth").write_text(str(checkout) + "\n")
    for script in (checkout / "pynettools" / "scripts").iterdir():
        body = script.read_text().split("\n", 1)[1]
        installed = venv / "bin" / script.name
        installed.write_text("#!%s\n%s" % (venv / "bin" / "python", body))
        installed.chmod(0o755)


@pytest.fixture
def open_tmp_path():
    """A temporary folder nobody can reach (pytest's own is under a 0700 folder)."""
    path = pathlib.Path(tempfile.mkdtemp(prefix="pynettools-nobody-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@needs_root
@pytest.mark.skipif(not os.path.exists(SYSTEM_PYTHON), reason="needs Debian's python3")
@pytest.mark.timeout(1260)  # the whole unit suite runs inside, bounded by its own 1200 s
def test_unit_suite_passes_as_nobody_with_coverage(open_tmp_path):
    tmp_path = open_tmp_path
    checkout, venv, home = tmp_path / "checkout", tmp_path / "venv", tmp_path / "home"
    checkout.mkdir()
    home.mkdir()
    _copy_checkout(checkout)
    _venv_for_nobody(venv, checkout)
    for path in (checkout, home):  # pytest and hypothesis write beside the tests
        subprocess.run(["chown", "-R", "65534:65534", str(path)], check=True)
    environment = dict(os.environ, HOME=str(home), COVERAGE_FILE=str(home / ".coverage"),
                       PYTHONDONTWRITEBYTECODE="1")
    environment.pop("PYTHONPATH", None)
    python = str(venv / "bin" / "python")
    done = subprocess.run(
        NOBODY + [python, "-m", "coverage", "run", "--source=%s" % (checkout / "pynettools" /
                                                                     "cli"),
                  "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit"],
        cwd=checkout, env=environment, capture_output=True, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:].decode(errors="replace")
    subprocess.run(NOBODY + [python, "-m", "coverage", "json", "-o", str(home / "cov.json")],
                   cwd=checkout, env=environment, check=True, capture_output=True, timeout=120)
    covered = json.loads((home / "cov.json").read_text())["totals"]["percent_covered"]
    assert covered >= REQUIRED_COVERAGE, "unit tests cover %.1f%% of pynettools/cli/" % covered
