"""What pytraceroute adds to traceroute, in the lab: --json, the Python API, -A, --paris."""

import json
import select
import subprocess
import sys

import pytest

from pynettools.asn import query_name
from tests.commands import command_path, needs_root
from tests.jsoncheck import assert_valid
from tests.lab import asdns
from tests.lab.routers import DEST4, DEST6, ROUTER4, ROUTER6, TARGETS4, build_lab
from tests.lab.tracecompare import masked

pytestmark = needs_root

DNS_SERVER = "127.0.0.53"  # the client's own loopback: the only DNS traffic stays there
AS_NUMBERS = {ROUTER4["r3"]: 64500, ROUTER4["r4"]: 64501, DEST4: 64502, DEST6: 64503}


@pytest.fixture(scope="module")
def lab():
    with build_lab() as built:
        records = ["%s=%d | 192.0.2.0/24 | ZZ | lab | 2024-01-01" % (query_name(address), number)
                   for address, number in AS_NUMBERS.items()]
        server = built.client.start([sys.executable, asdns.__file__, DNS_SERVER, *records],
                                    stdout=subprocess.PIPE)
        assert server.stdout.readline() == b"ready\n"
        yield built


def pytraceroute(lab, *args):
    """Run in the client; HERE/NEAR off (see test_pytraceroute_lab) unless -w is given."""
    waits = [] if "-w" in args else ["-w", "5,0,0"]
    done = lab.run([command_path("pytraceroute"), *waits, *args])
    assert done.stderr == b""
    return done


def traced(lab, *args):
    """(hop lines, end line) of `pytraceroute --json args`, each valid."""
    lines = assert_valid("pytraceroute", pytraceroute(lab, "--json", *args).stdout)
    assert [line["type"] for line in lines] == ["hop"] * (len(lines) - 1) + ["end"]
    return lines[:-1], lines[-1]


def test_json_holds_what_the_text_shows(lab):
    text = pytraceroute(lab, "-n", "-q", "2", DEST4).stdout.decode().splitlines()
    hops, end = traced(lab, "-n", "-q", "2", DEST4)
    assert (end["target"], end["address"], end["family"], end["reached"]) == (DEST4, DEST4, 4, True)
    assert (end["method"], end["max_hops"], end["packet_length"]) == ("udp", 30, 60)
    assert [hop["ttl"] for hop in hops] == [1, 2, 3, 4, 5]
    for line, hop in zip(text[1:], hops):
        assert line.split()[1] == hop["probes"][0]["address"]
        assert all(probe["rtt"] > 0 and round(probe["rtt"], 3) == probe["rtt"]
                   for probe in hop["probes"])
    last = hops[-1]["probes"][0]
    assert (last["icmp_type"], last["icmp_code"], last["final"]) == (3, 3, True)
    assert hops[0]["probes"][0]["icmp_type"] == 11


@pytest.mark.parametrize("method, target, answer", [
    ("-I", DEST4, (0, 0)), ("-I", DEST6, (129, 0)), ("-T", DEST4, (None, None)),
    ("-U", DEST6, (1, 4))])
def test_json_icmp_type_is_what_the_target_answered(lab, method, target, answer):
    hops, end = traced(lab, method, "-n", "-q", "1", target)
    last = hops[-1]["probes"][0]
    assert (last["address"], end["reached"]) == (target, True)
    assert (last["icmp_type"], last["icmp_code"]) == answer


def test_json_marks_and_unanswered_probes(lab):
    hops, end = traced(lab, "-w", "1", "-q", "1", "-m", "6", TARGETS4["blackhole"])
    assert [hop["probes"][0]["address"] for hop in hops[4:]] == [None, None]
    assert end["reached"] is False
    hops, end = traced(lab, "-q", "1", TARGETS4["host-unreachable"])
    assert hops[-1]["probes"][0]["annotation"] == "!H"
    assert hops[-1]["probes"][0]["name"] == "r3.lab"
    assert end["reached"] is False


def test_json_hop_lines_arrive_while_the_trace_runs(lab):
    """The blackholed tail keeps the trace going for seconds after the first hop."""
    argv = lab.client.command([command_path("pytraceroute"), "--json", "-n", "-N", "1",
                               "-q", "1", "-w", "2", "-m", "8", TARGETS4["blackhole"]])
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # the first hop answers in microseconds; the 8th probe is given up 14 s later
        ready = select.select([process.stdout], [], [], 10)[0]
        first = process.stdout.readline() if ready else b""
        still_running = process.poll() is None
    finally:
        process.kill()
        process.communicate(timeout=30)
    assert still_running
    hop = assert_valid("pytraceroute", first)[0]
    assert (hop["type"], hop["ttl"], hop["probes"][0]["address"]) == ("hop", 1, ROUTER4["r1"])


API = """
import json, sys
import pynettools
from pynettools.output.jsonout import dumps
trace = pynettools.traceroute(sys.argv[1], method=sys.argv[2], queries=1, numeric=True,
                              wait=(5, 0, 0))
sys.stdout.write(dumps(trace))
"""


@pytest.mark.parametrize("method", ["udp", "icmp", "tcp", "udp-fixed"])
@pytest.mark.parametrize("target", [DEST4, DEST6])
def test_python_api_returns_the_trace(lab, method, target):
    done = lab.run([sys.executable, "-c", API, target, method], check=True)
    trace = json.loads(done.stdout)
    routers = ROUTER6 if ":" in target else ROUTER4
    assert [hop["probes"][0]["address"] for hop in trace["hops"]] == \
        [routers[name] for name in ("r1", "r2", "r3", "r4")] + [target]
    assert trace["method"] == method


def test_as_lookups_through_the_lab_dns_server(lab):
    lines = pytraceroute(lab, "-A", "--as-server=" + DNS_SERVER, "-q", "1", DEST4).stdout
    assert masked(lines).decode().splitlines()[1:] == [
        " 1  r1.lab (192.0.2.2) [*]  T ms", " 2  r2.lab (192.0.2.6) [*]  T ms",
        " 3  r3.lab (192.0.2.10) [AS64500]  T ms", " 4  r4.lab (192.0.2.14) [AS64501]  T ms",
        " 5  dest.lab (203.0.113.2) [AS64502]  T ms"]
    six = pytraceroute(lab, "-A", "--as-server=" + DNS_SERVER, "-n", "-q", "1", "-f", "5", DEST6)
    assert masked(six.stdout).decode().splitlines()[1] == " 5  2001:db8:100::2 [AS64503]  T ms"
    hops, _end = traced(lab, "-A", "--as-server=" + DNS_SERVER, "-q", "1", "-f", "3", DEST4)
    assert [hop["probes"][0]["asn"] for hop in hops] == ["AS64500", "AS64501", "AS64502"]


@pytest.mark.parametrize("method", [[], ["-U"], ["-I"], ["-T"]])
def test_paris_traces_the_same_path(lab, method):
    plain = pytraceroute(lab, "-n", *method, DEST4).stdout
    paris = pytraceroute(lab, "--paris", "-n", *method, DEST4).stdout
    assert masked(paris) == masked(plain)

