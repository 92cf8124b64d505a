"""`pip install .` into a fresh virtualenv, as the README's first command does it.

The man pages and completions must land under the environment's share/,
where man-db (from PATH) and the README's completion lines find them.  pip
builds from a copy of the checkout (it would leave build/ in it otherwise)
and may fetch the build backend from the package registry.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest

from tests.commands import needs_root

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
SKIPPED = shutil.ignore_patterns(".venv", ".git", "build", "dist", "*.egg-info", "__pycache__",
                                 ".pytest_cache", ".hypothesis")

pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A folder holding `.venv`, a fresh virtualenv with pynettools installed by pip."""
    folder = tmp_path_factory.mktemp("home")
    source = folder / "source"
    shutil.copytree(ROOT, source, ignore=SKIPPED)
    subprocess.run([sys.executable, "-m", "venv", str(folder / ".venv")], check=True,
                   timeout=120)
    done = subprocess.run([str(folder / ".venv" / "bin" / "pip"), "install", str(source)],
                          capture_output=True, text=True, timeout=800)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Deprecat" not in done.stdout + done.stderr
    shutil.rmtree(source)
    return folder


def environment(home):
    """The environment of a new user who put the virtualenv's bin on PATH, as the README says."""
    keep = {name: value for name, value in os.environ.items()
            if name in ("LANG", "LC_ALL", "TERM", "HOME", "USER")}
    return dict(keep, PATH="%s:/usr/local/bin:/usr/bin:/bin" % (home / ".venv" / "bin"))


def test_installed_files_are_where_the_tools_look(home):
    share = home / ".venv" / "share"
    for path in ("man/man1/pytraceroute.1", "bash-completion/completions/pytraceroute",
                 "zsh/site-functions/_pytraceroute", "fish/vendor_completions.d/pytraceroute.fish"):
        assert (share / path).is_file(), path
    schema = subprocess.run(["pytraceroute", "--json-schema"], capture_output=True, text=True,
                            env=environment(home), timeout=30)
    assert schema.returncode == 0 and '"pytraceroute/' in schema.stdout


def test_man_finds_the_page_from_path(home):
    if shutil.which("man") is None:
        pytest.skip("needs man-db (CI installs it)")
    done = subprocess.run(["man", "-w", "pytraceroute"], capture_output=True, text=True,
                          env=environment(home), timeout=30)
    assert (done.returncode, done.stdout.strip()) == (
        0, str(home / ".venv" / "share" / "man" / "man1" / "pytraceroute.1"))


def readme_line(pattern):
    """The one line of the README's shell blocks that matches `pattern`."""
    lines = [line.strip() for line in README.splitlines() if re.search(pattern, line)]
    assert len(lines) == 1, lines
    return lines[0]


COMPLETE = r"""
source %s
%s
%s
COMP_WORDS=(pytraceroute --j); COMP_CWORD=1; COMP_LINE="pytraceroute --j"; COMP_POINT=16
complete -p pytraceroute >/dev/null 2>&1 || _completion_loader pytraceroute
function=$(complete -p pytraceroute | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
"$function" pytraceroute --j pytraceroute
printf '%%s\n' "${COMPREPLY[@]}"
"""


@pytest.mark.parametrize("pattern", [r"XDG_DATA_DIRS=", r"source <\(pynettools-completion bash\)"])
def test_bash_completes_with_the_readme_line(home, pattern):
    if not os.path.exists(BASH_COMPLETION):
        pytest.skip("needs bash-completion (CI installs it)")
    script = COMPLETE % (BASH_COMPLETION, readme_line(r'export PATH="\$PWD/\.venv/bin'),
                         readme_line(pattern))
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], cwd=str(home),
                          capture_output=True, text=True, env=environment(home), timeout=60)
    assert done.returncode == 0, done.stderr
    assert sorted(done.stdout.split()) == ["--json", "--json-schema"]


def readme_block(containing):
    """The README's one shell block that contains `containing`."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    found = [block for block in blocks if containing in block]
    assert len(found) == 1, found
    return found[0]


SYSTEM_WIDE = r"""
set -e
mount -t tmpfs pynettools-test /usr/local
mount -t tmpfs pynettools-test /opt
mkdir -p /usr/local/bin /usr/local/share/man  # what a fresh Debian has there
%s
set +e  # bash_completion's own code, and its loader's status 124 ("now retry")
export PATH=/usr/local/bin:/usr/bin:/bin
man -w pytraceroute
source %s
_completion_loader pytraceroute
complete -p pytraceroute
pyservices ssh
"""


@needs_root
def test_system_wide_block_works_as_written(tmp_path):
    """The README's block for every user, run as root in a private mount namespace whose
    /usr/local and /opt are empty, as on a fresh Debian: nothing real is touched."""
    if shutil.which("man") is None or not os.path.exists(BASH_COMPLETION):
        pytest.skip("needs man-db and bash-completion (CI installs them)")
    source = tmp_path / "checkout"
    shutil.copytree(ROOT, source, ignore=SKIPPED)
    script = SYSTEM_WIDE % (readme_block("/opt/pynettools"), BASH_COMPLETION)
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", "bash", "-c", script],
                          cwd=str(source), capture_output=True, text=True, timeout=800,
                          env=dict(os.environ, PATH="/usr/local/bin:/usr/bin:/bin"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-3:] == [
        "/usr/local/share/man/man1/pytraceroute.1",
        "complete -F _pynettools_pytraceroute pytraceroute",
        "ssh                   22/tcp"], done.stdout
