"""pytraceroute --paris over two equal-cost paths: one trace, one path.

traceroute has no --paris, so the oracle is the lab itself
(`routers.build_ecmp_lab`): its second hop is side-a or side-b, chosen per
packet by a hash of the flow (IPv6: addresses, flow label, next header;
IPv4: the five-tuple, or the hash the packet carries from its socket).
traceroute's own probes are spread over both; every hop line of every
`pytraceroute --paris` run must show one responder.
"""

import re

import pytest

from tests.commands import command_path, needs_root
from tests.lab.routers import ECMP_DEST4, ECMP_DEST6, ECMP_SIDES4, ECMP_SIDES6, build_ecmp_lab
from tests.lab.tracecompare import NOBODY

pytestmark = needs_root

RUNS = 4
TIME = re.compile(r"\d+\.\d{3}")
FAMILIES = {4: (ECMP_DEST4, ECMP_SIDES4), 6: (ECMP_DEST6, ECMP_SIDES6)}


@pytest.fixture(scope="module")
def lab():
    with build_ecmp_lab() as built:
        yield built


def responders(lab, argv, prefix=()):
    """For each run of argv: the responders of each hop line (sets of addresses)."""
    runs = []
    for _ in range(RUNS):
        done = lab.run([*prefix, *argv], timeout=60)
        assert done.returncode == 0 and done.stderr == b"", done
        lines = done.stdout.decode().splitlines()[1:]
        runs.append([{word for word in line.split()[1:]
                      if word not in ("ms", "*") and not TIME.fullmatch(word)} for line in lines])
    return runs


@pytest.mark.parametrize("version", [4, 6])
def test_the_lab_spreads_traceroutes_probes(lab, version):
    dest, sides = FAMILIES[version]
    seen = set().union(*(hops[1] for hops in responders(lab, ["traceroute", "-n", dest])))
    assert seen == set(sides.values())


@pytest.mark.parametrize("method", ["", "-U", "-UL", "-I", "-I -O dgram", "-T", "-q 5 -N 16"])
@pytest.mark.parametrize("version", [4, 6])
def test_paris_keeps_one_path(lab, method, version):
    dest, sides = FAMILIES[version]
    for hops in responders(lab, [command_path("pytraceroute"), "-n", "--paris", *method.split(),
                                 dest]):
        assert [len(hop) for hop in hops] == [1, 1, 1, 1], hops
        assert hops[1] <= set(sides.values()) and hops[-1] == {dest}


@pytest.mark.parametrize("method", ["", "-I"])
@pytest.mark.parametrize("version", [4, 6])
def test_paris_keeps_one_path_as_nobody(lab, method, version):
    dest, _sides = FAMILIES[version]
    for hops in responders(lab, [command_path("pytraceroute"), "-n", "--paris", *method.split(),
                                 dest], prefix=NOBODY):
        assert [len(hop) for hop in hops] == [1, 1, 1, 1], hops
