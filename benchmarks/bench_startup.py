"""Start-up: the quick commands beside the venv's bare interpreter.

Commands in scripts are run thousands of times, where the interpreter's own
start-up is most of their time: each ratio here is to `python -c pass` of
the venv running the benchmark (the originals are shown for scale).  The
interpreter's start-up includes what the venv's .pth files run: an
editable install's import hook alone costs more than some commands' whole
work, so a venv with `pip install -e` prints a warning here (see the
README's "Start-up" section).
"""

import os
import subprocess
import sys

from benchmarks.run import Comparison, tool

BARE = "python -c pass (bare interpreter)"
# 60 DNS packets: the printer's start-up with dnspython's wire parser
DNS_PCAP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tests",
                        "data", "pcap", "dns.pcap")
# Accepts and closes at once, until killed: pytelnet's whole session is then
# its start-up, the connection and its messages.
CLOSING_SERVER = r"""
import socket
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0)); server.listen(64)
print(server.getsockname()[1], flush=True)
while True:
    server.accept()[0].close()
"""


def comparisons():
    _warn_if_editable()
    bare = [sys.executable, "-c", "pass"]
    cases = [
        ("pyservices http", [tool("pyservices"), "http"], ["getent", "services", "http"],
         "target: at most 1.5x the bare interpreter"),
        ("pyservices --json 22/tcp", [tool("pyservices"), "--json", "22/tcp"], None,
         "target: at most 1.5x the bare interpreter"),
        ("pynetstat -rn", [tool("pynetstat"), "-rn"], ["netstat", "-rn"],
         "target: at most 1.5x the bare interpreter"),
        ("pytraceroute -n 127.0.0.1", [tool("pytraceroute"), "-n", "127.0.0.1"],
         ["traceroute", "-n", "127.0.0.1"], "target: at most 2.0x the bare interpreter"),
        ("pytcpdump -r dns.pcap -nn", [tool("pytcpdump"), "-r", DNS_PCAP, "-nn"],
         ["tcpdump", "-r", DNS_PCAP, "-nn"], ""),
    ]
    for title, ours, theirs, note in cases:
        commands = {BARE: bare, title: ours}
        if theirs:
            commands[" ".join(theirs)] = theirs
        yield Comparison("start-up: " + title, commands, baseline=BARE, rounds=40, note=note)
    yield from _telnet(bare)
    if os.geteuid() == 0:
        yield _icmp(bare)


def _telnet(bare):
    server = subprocess.Popen([sys.executable, "-c", CLOSING_SERVER], stdout=subprocess.PIPE)
    port = server.stdout.readline().decode().strip()

    def cleanup():
        server.kill()
        server.wait()

    # stdin is /dev/null: both read its end and wait for the server's close
    yield Comparison(
        "start-up: pytelnet to a server that closes at once",
        {BARE: bare, "pytelnet 127.0.0.1 PORT": [tool("pytelnet"), "127.0.0.1", port],
         "telnet 127.0.0.1 PORT": ["telnet", "127.0.0.1", port]},
        baseline=BARE, rounds=40, cleanup=cleanup,
        note="target: at most 2.0x the bare interpreter")


def _icmp(bare):
    return Comparison(
        "start-up: pytraceroute -I -n 127.0.0.1 (ICMP through icmplib, as root)",
        {BARE: bare, "pytraceroute -I -n 127.0.0.1": [tool("pytraceroute"), "-I", "-n",
                                                     "127.0.0.1"],
         "traceroute -I -n 127.0.0.1": ["traceroute", "-I", "-n", "127.0.0.1"],
         "python -c 'import icmplib'": [sys.executable, "-c", "import icmplib"]},
        baseline=BARE, rounds=20,
        note="no target: -I uses icmplib, which imports asyncio; its import is shown alone")


def _warn_if_editable():
    import glob

    site = os.path.join(sys.prefix, "lib", "python*", "site-packages", "__editable__*.pth")
    if glob.glob(site):
        print("bench_startup: this venv holds an editable install (pip install -e): every "
              "start of its interpreter, the bare one included, runs its import hook; "
              "measure start-up in a venv with `pip install .`")
