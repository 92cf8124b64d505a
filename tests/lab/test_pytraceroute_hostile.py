"""MPLS extensions and forged ICMP, from a stand-in for r1 (see `icmpforge`).

r1's own time-exceeded messages are dropped; the stand-in answers every
probe that expires at r1 with an RFC 4950 MPLS label, after sending
forgeries for it (other destination quoted, quote cut short, echo reply from
a forged source) and before repeating its answer.  traceroute and
pytraceroute must agree, and the forged source must never be a hop.
"""

import subprocess
import sys

import pytest

from tests.commands import command_path, needs_root
from tests.jsoncheck import assert_valid
from tests.lab import icmpforge
from tests.lab.routers import CLIENT4, DEST4, _nft, build_lab
from tests.lab.tracecompare import both

pytestmark = needs_root

COUNTER = ["nft", "list", "counter", "inet", "lab", "forged"]


@pytest.fixture(scope="module")
def lab():
    with build_lab() as built:
        r1 = built.namespaces["r1"]
        _nft(r1, {"output": ["meta mark != %d icmp type time-exceeded drop" % icmpforge.MARK]})
        subprocess.run(built.client.command(["nft", "-f", "-"]), check=True, text=True,
                       input="table inet lab { counter forged { }\n chain input {\n"
                             "  type filter hook input priority 0\n"
                             "  ip saddr %s counter name forged\n }\n}\n"
                             % icmpforge.FORGED_SOURCE)
        stand_in = r1.start([sys.executable, icmpforge.__file__, "west", CLIENT4, "forge"],
                            stdout=subprocess.PIPE)
        assert stand_in.stdout.readline() == b"ready\n"
        yield built


CASES = ["-e -q 1 D4", "-e -n D4", "-e -I -n D4", "-e -T -q 1 D4", "-e -U -n -q 2 D4",
         "-n D4", "-I D4", "-e -I -f 2 -n D4", "-e -n -N 1 D4"]


@pytest.mark.parametrize("case", CASES)
def test_extensions_and_forgeries_as_traceroute_sees_them(lab, case):
    args = ["-w", "5,0,0", *(DEST4 if word == "D4" else word for word in case.split())]
    original, mine = both(args, lab.client)
    assert mine == original
    assert icmpforge.FORGED_SOURCE not in mine[1]
    labelled = "<MPLS:L=%d,E=0,S=1,T=1>" % icmpforge.LABEL in mine[1]
    assert labelled == ("-e" in case and "-f" not in case)  # -f 2 skips r1


def test_forged_messages_reached_the_client_and_changed_nothing(lab):
    before = lab.client.run(COUNTER, check=True).stdout
    done = lab.run([command_path("pytraceroute"), "--json", "-w", "5,0,0", "-e", "-I", "-n", DEST4],
                   check=True)
    after = lab.client.run(COUNTER, check=True).stdout
    assert after != before  # the forgeries did arrive
    hops = assert_valid("pytraceroute", done.stdout)[:-1]
    assert {probe["address"] for hop in hops for probe in hop["probes"]} == {
        "192.0.2.2", "192.0.2.6", "192.0.2.10", "192.0.2.14", DEST4}
    assert [label["label"] for label in hops[0]["probes"][0]["mpls"]] == [icmpforge.LABEL]
