"""pytraceroute against traceroute over routers that have only link-local IPv6 addresses.

Scoped targets (`fe80::2%east`, `fe80::2%2`) for every method, and traces
whose hops answer from link-local addresses, printed with their `%scope`
(see `routers.build_link_local_lab`).  Times are masked; all else must match.
"""

import pytest

from tests.commands import needs_root
from tests.lab.routers import LINK_LOCAL_DEST6, LINK_LOCAL_RIGHT, build_link_local_lab
from tests.lab.tracecompare import NOBODY, both

pytestmark = needs_root

NEIGHBOUR = LINK_LOCAL_RIGHT + "%east"  # ll1, seen from the client
NAMES = {"N": NEIGHBOUR, "D": LINK_LOCAL_DEST6}


@pytest.fixture(scope="module")
def lab():
    with build_link_local_lab() as built:
        yield built


def words(case):
    return [NAMES.get(word, word) for word in case.split()]


# -P is left out: traceroute itself never ends a raw trace to a neighbour
# (nothing answers an unknown protocol with a time-exceeded there).
METHODS = ["", "-I", "-T", "-U", "-UL", "-M tcpconn", "-I -O dgram", "-F", "--mtu"]
CASES = [method + target for method in METHODS
         for target in (" -n N", " N", " -n D", " D")] + [
    "-n %s%%2" % LINK_LOCAL_RIGHT, "-I -n %s%%2" % LINK_LOCAL_RIGHT, "-q 1 -n -i east N",
    "-6 -n N", "-n -p 40000 -q 1 N", "-n --back D", "-n -f 2 D",
]


@pytest.mark.parametrize("case", CASES)
def test_link_local_matches_traceroute(lab, case):
    # HERE and NEAR off: sub-millisecond answers on a busy machine (see test_pytraceroute_lab)
    original, mine = both(["-w", "5,0,0", *words(case)], lab.client)
    assert mine == original


@pytest.mark.parametrize("case", ["-n N", "N", "-n D", "-I -n N", "-I D", "-U -n N"])
def test_link_local_as_nobody_matches_traceroute(lab, case):
    original, mine = both(["-w", "5,0,0", *words(case)], lab.client, prefix=NOBODY)
    assert mine == original


def test_json_carries_the_scopes(lab):
    from tests.commands import command_path
    from tests.jsoncheck import assert_valid

    done = lab.run([command_path("pytraceroute"), "--json", "-q", "1", "-w", "5,0,0", NEIGHBOUR])
    assert done.returncode == 0
    objects = assert_valid("pytraceroute", done.stdout)
    assert [probe["address"] for item in objects if item["type"] == "hop"
            for probe in item["probes"]] == [NEIGHBOUR]
    assert objects[-1]["address"] == NEIGHBOUR
