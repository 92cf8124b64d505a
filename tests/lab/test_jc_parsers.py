"""jc (a third-party parser of command output) reads pynetstat and pytraceroute
exactly as it reads netstat and traceroute.

Scripts that parse the originals' output with jc must get the same records
from the clones: same sockets, routes, interfaces, hops and probes.  Only
the round-trip times, which no two runs share, are left out of the
traceroute records.
"""

import pytest

from tests.commands import command_path, needs_root
from tests.lab.netstat_lab import ATTEMPTS, SocketZoo, as_pynetstat
from tests.lab.routers import DEST4, DEST6, TARGETS4, TARGETS6, build_lab

jc = pytest.importorskip("jc", reason="jc is a test dependency: pip install '.[test]'")

pytestmark = needs_root

SOCKET_FLAGS = ["", "-a", "-tan", "-tanp", "-taneW", "-lnu", "-ulnp", "-xa", "-xap", "-wa",
                "-an", "-l", "-lntp -6"]
ROUTER_FLAGS = ["-rn", "-r", "-rne", "-i", "-ia"]  # in a router of the traceroute lab
TRACEROUTE_CASES = ["-n %s" % DEST4, DEST6, "-q 1 dest.lab", "-I -n %s" % DEST6,
                    "-T dest.lab", "-w 1 -q 1 -m 7 -n %s" % TARGETS4["blackhole"],
                    "-q 1 %s" % TARGETS4["host-unreachable"],
                    "-n %s" % TARGETS6["admin-prohibited"], "-q 5 -f 3 %s" % DEST4,
                    "--mtu %s" % DEST4]


@pytest.fixture(scope="module")
def zoo():
    with SocketZoo("jc") as running:
        yield running


@pytest.fixture(scope="module")
def lab():
    with build_lab() as built:
        yield built


def parsed_netstat(run, program, flags):
    done = run([program, *flags.split()])
    assert done.returncode == 0, done
    return jc.parse("netstat", as_pynetstat(done.stdout).decode(), quiet=True)


def assert_jc_reads_both_alike(run, flags):
    for _ in range(ATTEMPTS):  # the tables may move between the two runs
        theirs = parsed_netstat(run, "netstat", flags)
        ours = parsed_netstat(run, command_path("pynetstat"), flags)
        if ours == theirs:
            break
    assert theirs, "jc found nothing: the comparison would prove nothing"
    assert ours == theirs


@pytest.mark.parametrize("flags", SOCKET_FLAGS)
def test_jc_reads_pynetstat_sockets_as_netstat(zoo, flags):
    assert_jc_reads_both_alike(zoo.run, flags)


@pytest.mark.parametrize("flags", ROUTER_FLAGS)
def test_jc_reads_pynetstat_routes_and_interfaces_as_netstat(lab, flags):
    assert_jc_reads_both_alike(lab.namespaces["r2"].run, flags)


def parsed_trace(lab, program, argv):
    """jc's records of a run, round-trip times left out."""
    done = lab.run([program, *argv])
    assert done.returncode == 0, done
    record = jc.parse("traceroute", done.stdout.decode(), quiet=True)
    for hop in record["hops"]:
        for probe in hop["probes"]:
            probe.pop("rtt")
    return record


@pytest.mark.parametrize("case", TRACEROUTE_CASES)
def test_jc_reads_pytraceroute_as_traceroute(lab, case):
    # HERE and NEAR off unless set: a busy machine's spurious `*` (see test_pytraceroute_lab)
    argv = case.split() if "-w" in case else ["-w", "5,0,0", *case.split()]
    for _ in range(ATTEMPTS):
        theirs, ours = (parsed_trace(lab, program, argv)
                        for program in ("traceroute", command_path("pytraceroute")))
        if ours == theirs:
            break
    assert theirs["hops"]
    assert ours == theirs
