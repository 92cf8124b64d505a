"""Run commands with a crafted file over /etc/services, never touching the real one.

The file is bind-mounted over /etc/services inside a private mount namespace
(`unshare --mount`), which vanishes with its last process: nothing is left
to clean up, whatever happens to the test.
"""

import json
import subprocess
import sys

_IN_NAMESPACE = r"""
import json, subprocess, sys
request = json.load(sys.stdin)
subprocess.run(["mount", "--bind", request["file"], "/etc/services"], check=True)
results = []
for argv in request["commands"]:
    done = subprocess.run(argv, capture_output=True, timeout=120)
    results.append([done.stdout.decode("latin-1"), done.stderr.decode("latin-1"),
                    done.returncode])
json.dump(results, sys.stdout)
"""


def run_over_services(services_path, commands, timeout=600):
    """Run each argv in `commands` with `services_path` as /etc/services.

    Returns one (stdout, stderr, returncode) per command, output as bytes.
    """
    return _in_private_mounts(_IN_NAMESPACE, {"file": str(services_path), "commands": commands},
                              timeout)


def _in_private_mounts(script, request, timeout):
    """Run Python `script` in a private mount namespace, `request` as JSON on its stdin.

    The script answers [stdout, stderr, status] per command, text as latin-1;
    returned as (bytes, bytes, int) tuples.
    """
    done = subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "--", sys.executable, "-c", script],
        input=json.dumps(request).encode(), capture_output=True, timeout=timeout, check=True,
    )
    return [(out.encode("latin-1"), err.encode("latin-1"), code)
            for out, err, code in json.loads(done.stdout)]


_OVER_PROC_NET = r"""
import json, os, subprocess, sys
request = json.load(sys.stdin)
subprocess.run(["mount", "-t", "tmpfs", "pynettools-proc", "/proc"], check=True)
results = []
for files, argv in request["runs"]:
    os.makedirs("/proc/net", exist_ok=True)
    for name in os.listdir("/proc/net"):
        os.unlink("/proc/net/" + name)
    for name, text in files.items():
        with open("/proc/net/" + name, "w", encoding="latin-1") as crafted:
            crafted.write(text)
    done = subprocess.run(argv, capture_output=True, timeout=120)
    results.append([done.stdout.decode("latin-1"), done.stderr.decode("latin-1"),
                    done.returncode])
json.dump(results, sys.stdout)
"""


def run_over_proc_net(runs, timeout=600):
    """Run commands that see crafted files as the whole of /proc/net.

    `runs` is a list of ({file name: text}, argv); a tmpfs is mounted over
    /proc inside a private mount namespace, so the real /proc is untouched.
    Returns one (stdout, stderr, returncode) per run, output as bytes.
    """
    return _in_private_mounts(_OVER_PROC_NET, {"runs": runs}, timeout)
