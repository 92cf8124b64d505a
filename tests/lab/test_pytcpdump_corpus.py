"""The -r corpus made afresh (tests/data/make_pcaps.py: traffic in namespaces,
captured by tcpdump -w) and printed by pynettools and tcpdump alike; host names
from a hosts file inside a namespace, where both tools read the same one.

Root: the generator builds namespaces.  The committed corpus is compared under
every option by tests/lab/test_pytcpdump_print.py, which needs no root.
"""

import os
import subprocess
import sys
import pytest

from tests.commands import needs_root
from tests.data import make_pcaps
from tests.lab.netns import Namespace
from tests.tcpdump_corpus import (CORPUS, numbered, printed, tcpdump_missing,
                                  tcpdump_printed)

pytestmark = [needs_root, pytest.mark.lab, pytest.mark.usefixtures("utc"),
              pytest.mark.skipif(tcpdump_missing() is not None, reason=str(tcpdump_missing()))]
OPTIONS = ((), ("-v",), ("-vvv",), ("-e",), ("-q",), ("-X",), ("-ttt",), ("-A",))
HOSTS = "".join("%s %s\n" % pair for pair in (
    (make_pcaps.A4, "client.lab"), (make_pcaps.R4A, "router.lab"),
    (make_pcaps.B4, "server.lab.example"), (make_pcaps.B6, "server6.lab")))
# -N: the names cut at their first dot
SHORT_NAMES = ("-N",), ("-N", "-v"), ("-NN", "-e")


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    directory = tmp_path_factory.mktemp("pcap")
    make_pcaps.generate(["icmp", "tcp", "dns", "crafted", "raw", "mix"], directory)
    return directory


@pytest.mark.timeout(600)
def test_a_fresh_corpus_prints_as_tcpdump_prints_it(fresh):
    files = sorted(fresh.glob("*.pcap"))
    assert {path.name for path in files} >= {"icmp.pcap", "mix-any.pcap", "raw.pcap"}
    for path in files:
        for argv in OPTIONS:
            argv = numbered(argv)
            assert printed(path, argv) == tcpdump_printed(path, argv), (path.name, argv)


def test_names_from_the_hosts_file_as_tcpdump_reads_it():
    with Namespace("pc-names") as namespace:
        directory = os.path.join("/etc/netns", namespace.name)
        os.makedirs(directory, exist_ok=True)
        with open(os.path.join(directory, "hosts"), "w") as hosts:
            hosts.write(HOSTS)
        for name in ("icmp.pcap", "dns.pcap", "mix-any.pcap"):
            path = CORPUS / name
            for argv in ((), ("-v",), ("-e",)) + SHORT_NAMES:
                expected = tcpdump_printed(path, argv, prefix=namespace.command([]))
                assert ("client.lab" in expected) is (argv not in SHORT_NAMES)
                assert "client" in expected
                assert _printed_in(namespace, path, argv) == expected, (name, argv)


def _printed_in(namespace, path, argv):
    """The printer run inside the namespace, where its resolver reads the hosts file."""
    program = "import sys; from tests.tcpdump_corpus import printed; " \
              "sys.stdout.write(printed(sys.argv[1], sys.argv[2:]))"
    result = subprocess.run(namespace.command([sys.executable, "-c", program, str(path),
                                               *argv]),
                            capture_output=True, timeout=120, cwd=str(CORPUS.parent.parent.parent),
                            env=dict(os.environ, TZ="UTC"))
    assert result.returncode == 0, result.stderr
    return result.stdout.decode("ascii", "backslashreplace")
