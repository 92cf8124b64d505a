"""How tests run the installed commands and the system tools beside them."""

import os
import shutil
import subprocess
import sys

import pytest

BIN = os.path.dirname(sys.executable)


def command_path(name):
    """The installed console script `name`, from the venv running the tests."""
    path = os.path.join(BIN, name)
    if not os.path.exists(path):
        path = shutil.which(name)
    if path is None:
        pytest.fail("%s is not installed: run the README's test command" % name)
    return path


def run_command(argv, timeout=60, **kwargs):
    """Run argv with bytes captured; a CompletedProcess."""
    return subprocess.run(argv, capture_output=True, timeout=timeout, **kwargs)


def root_skip_reason():
    """Why root-only tests cannot run here, or None."""
    if os.geteuid() != 0:
        return "needs root (namespaces and bind mounts); CI runs as root"
    for tool in ("ip", "unshare", "mount"):
        if shutil.which(tool) is None:
            return "needs %s (Debian: iproute2, util-linux, mount)" % tool
    return None


needs_root = pytest.mark.skipif(root_skip_reason() is not None, reason=str(root_skip_reason()))
