"""mtr and tracepath find the same hops as pytraceroute in the labs.

Two other tracers, run the same way in the same namespaces: the hops each
reports (addresses, or names without -n), and tracepath's path MTU beside
pytraceroute --mtu's.  mtr prints link-local hops without their scope, so
those are compared without it.
"""

import re

import pytest

from tests.commands import command_path, needs_root
from tests.lab.routers import (DEST4, DEST6, LINK_LOCAL_DEST6, TARGETS4, TARGETS6,
                               build_lab, build_link_local_lab)

pytestmark = needs_root

MTR_HOP = re.compile(r"^\s*(\d+)\.\|-- (\S+)", re.M)
TRACEPATH_HOP = re.compile(r"^\s*(\d+):\s+(\S+)", re.M)
TRACEPATH_MTU = re.compile(r"Resume: pmtu (\d+) hops (\d+)")
FIRST_MTU = re.compile(r" F=(\d+)")


@pytest.fixture(scope="module")
def lab():
    with build_lab() as built:
        yield built


@pytest.fixture(scope="module")
def link_local():
    with build_link_local_lab() as built:
        yield built


def run_text(namespace, argv):
    done = namespace.run(argv, timeout=120)
    assert done.returncode == 0 and done.stderr == b"", done
    return done.stdout.decode()


def pytraceroute_hops(namespace, argv):
    """[(hop, first responder or "*")] of a pytraceroute run."""
    lines = run_text(namespace, [command_path("pytraceroute"), "-q", "1", "-w", "5,0,0",
                                 *argv]).splitlines()[1:]
    return [(int(line.split()[0]), line.split()[1]) for line in lines]


def mtr_hops(namespace, argv):
    return [(int(hop), "*" if address == "???" else address)
            for hop, address in MTR_HOP.findall(run_text(namespace, ["mtr", "-r", "-c", "1",
                                                                     *argv]))]


def tracepath_hops(namespace, argv):
    """[(hop, responder)]: the last line of each hop (an earlier one may report the MTU)."""
    text = run_text(namespace, ["tracepath", *argv])
    hops = dict((int(hop), address) for hop, address in TRACEPATH_HOP.findall(text))
    return sorted(hops.items()), int(TRACEPATH_MTU.search(text).group(1))


MTR_CASES = [("-n", DEST4), ("-n -6", DEST6), ("-n", TARGETS4["host-unreachable"]),
             ("-n -6", TARGETS6["admin-prohibited"]), ("-u", DEST4), ("-T -P 80 -n", DEST4)]


@pytest.mark.parametrize("flags, target", MTR_CASES)
def test_mtr_finds_the_same_hops(lab, flags, target):
    names = "-n" not in flags.split()
    ours = pytraceroute_hops(lab.client, ([] if names else ["-n"]) + [target])
    assert ours[-1][1] != "*"
    assert mtr_hops(lab.client, [*flags.split(), target]) == ours


@pytest.mark.parametrize("flags, target", [("-n", DEST4), ("-n", DEST6), ("", DEST4),
                                           ("", DEST6)])
def test_tracepath_finds_the_same_hops_and_mtu(lab, flags, target):
    theirs, path_mtu = tracepath_hops(lab.client, [*flags.split(), target])
    names = "-n" not in flags.split()
    ours = pytraceroute_hops(lab.client, ([] if names else ["-n"]) + [target])
    assert theirs == ours
    found = FIRST_MTU.findall(run_text(lab.client, [command_path("pytraceroute"), "--mtu",
                                                    "-n", "-w", "5,0,0", target]))
    assert path_mtu == int(found[-1]) == 1400


def test_link_local_hops_as_tracepath_and_mtr(link_local):
    ours = pytraceroute_hops(link_local.client, ["-n", LINK_LOCAL_DEST6])
    assert ours[0][1] == "fe80::2%east"
    theirs, _mtu = tracepath_hops(link_local.client, ["-n", LINK_LOCAL_DEST6])
    assert theirs == ours
    unscoped = [(hop, address.split("%")[0]) for hop, address in ours]
    assert mtr_hops(link_local.client, ["-n", LINK_LOCAL_DEST6]) == unscoped
