"""pynetstat --json and -c: the same sockets as netstat's text, pass after pass."""

import json
import os
import select
import signal
import subprocess
import time

import pytest

from tests.commands import command_path, needs_root
from tests.jsoncheck import assert_valid, valid_document
from tests.lab.netstat_lab import SocketZoo, as_pynetstat

pytestmark = needs_root
CONTINUOUS_SECONDS = 4.5  # three passes, one a second, and a slow start: the first two are whole


@pytest.fixture(scope="module")
def zoo():
    with SocketZoo("json") as running:
        yield running


def netstat_rows(zoo, flags):
    """(proto, recv-q, send-q, local, remote, state, uid, inode) of `netstat -anWe FLAGS`."""
    text = zoo.run(["netstat", "-anWe", *flags], check=True).stdout.decode()
    rows = set()
    for line in text.splitlines()[2:]:
        fields = line.split()
        state = fields[5] if len(fields) == 8 else ""
        rows.add((fields[0], int(fields[1]), int(fields[2]), fields[3], fields[4], state,
                  int(fields[-2]), int(fields[-1])))
    return rows


def endpoint(address, port):
    if address.startswith("::ffff:") and "." in address:
        address = address[len("::ffff:"):]  # netstat shows v4-mapped addresses as IPv4
    return "%s:%s" % (address, port or "*")


@pytest.mark.parametrize("flags", [["-t"], ["-u"], ["-w"], ["-tuwU"], ["-tuwl"], ["-6"]])
def test_internet_records_are_netstats_rows(zoo, flags):
    document = valid_document("pynetstat", zoo.run(
        [command_path("pynetstat"), "-a", "--json", *flags], check=True).stdout)
    rows = {(s["protocol"], s["recv_queue"], s["send_queue"],
             endpoint(s["local_address"], s["local_port"]),
             endpoint(s["remote_address"], s["remote_port"]), s["state"], s["uid"], s["inode"])
            for s in document["internet"]}
    assert rows and rows == netstat_rows(zoo, ["-a", *flags])
    assert "unix" not in document


def test_unix_records_and_owners(zoo):
    document = valid_document("pynetstat", zoo.run(
        [command_path("pynetstat"), "-xap", "--json"], check=True).stdout)
    paths = {sock["path"] for sock in document["unix"]}
    assert os.path.join(zoo.directory, "with space") in paths  # whole, unlike the text
    assert "@pynettools-abstract" in paths
    assert {(sock["owner"]["pid"], sock["owner"]["program"].startswith("python"))
            for sock in document["unix"]} == {(zoo.pid, True)}
    listening = [sock for sock in document["unix"] if sock["state"] == "LISTENING"]
    assert {sock["type"] for sock in listening} == {"STREAM", "SEQPACKET"}
    assert all(sock["flags"] == ["ACC"] for sock in listening)


def test_timers_and_missing_owner(zoo):
    document = valid_document("pynetstat", zoo.run(
        [command_path("pynetstat"), "-tanpo", "--json"], check=True).stdout)
    time_wait = [sock for sock in document["internet"] if sock["state"] == "TIME_WAIT"]
    assert time_wait and all(sock["timer"]["name"] == "timewait" and sock["owner"] is None
                             and 0 < sock["timer"]["seconds"] <= 60 for sock in time_wait)


def passes(run_for, argv):
    """The output of argv run for CONTINUOUS_SECONDS then interrupted: (passes, status)."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(run_for)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    text = as_pynetstat(out).decode()
    return [chunk for chunk in text.split("Active ") if chunk], err, process.returncode


@pytest.mark.parametrize("flags", [["-tnc"], ["-xc"], ["--continuous", "-aunW"]])
def test_continuous_repeats_every_second_like_netstat(zoo, flags):
    theirs, their_err, their_status = passes(
        CONTINUOUS_SECONDS, zoo.namespace.command(["netstat", *flags]))
    ours, our_err, our_status = passes(
        CONTINUOUS_SECONDS, zoo.namespace.command([command_path("pynetstat"), *flags]))
    assert len(theirs) >= 3 and len(ours) >= 3
    assert ours[:2] == theirs[:2]
    assert (our_err, our_status) == (their_err, their_status) == (b"", -signal.SIGINT)


COMPARE_PORTABLE = r"""
import json
from pynettools.sockets import portable, procnet
result = {}
for protocol, family in (("tcp", "inet"), ("tcp6", "inet6"), ("udp", "inet"), ("udp6", "inet6")):
    lines = procnet.read_table("/proc/net/" + protocol)
    result[protocol] = [sorted([s.local_address, s.local_port, s.remote_address, s.remote_port,
                                s.state] for s in found) for found in (
        procnet.internet_sockets(lines, protocol, family)[0],
        portable.internet_sockets(protocol, family, True, False, False))]
print(json.dumps(result))
"""


def test_psutil_only_path_lists_the_same_sockets(zoo):
    import sys

    done = zoo.run([sys.executable, "-c", COMPARE_PORTABLE], check=True)
    for protocol, (from_proc, from_psutil) in json.loads(done.stdout).items():
        assert from_proc and from_psutil == from_proc, protocol


NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_continuous_repeats_the_warning_of_each_pass_like_netstat(zoo):
    theirs, their_err, _ = passes(
        CONTINUOUS_SECONDS, zoo.namespace.command([*NOBODY, "netstat", "-tpc"]))
    ours, our_err, _ = passes(
        CONTINUOUS_SECONDS, zoo.namespace.command([*NOBODY, command_path("pynetstat"), "-tpc"]))
    warning = b'(No info could be read for "-p": geteuid()=65534 but you should be root.)\n'
    # a warning per pass; Ctrl-C may land between a pass's warning and its title
    assert len(theirs) >= 3 and their_err.count(warning) in (len(theirs), len(theirs) + 1)
    assert len(ours) >= 3 and our_err.count(warning) in (len(ours), len(ours) + 1)
    assert ours[:2] == theirs[:2]


def first_lines(argv, count):
    """The first `count` lines argv prints (waiting 20 s at most), and whether it was
    still running then; it is interrupted after."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = []
    try:
        deadline = time.monotonic() + 20
        while len(lines) < count and time.monotonic() < deadline:
            if select.select([process.stdout], [], [], 5)[0]:
                lines.append(process.stdout.readline())
        still_running = process.poll() is None
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
    return b"".join(lines), still_running


@pytest.mark.parametrize("flags", [["-tanc"], ["-ic"], ["-rnc"], ["-gc"]])
def test_continuous_json_is_one_line_a_pass(zoo, flags):
    """Each pass is one JSON line with its time, flushed as soon as the pass is done."""
    lines, still_running = first_lines(
        zoo.namespace.command([command_path("pynetstat"), "--json", *flags]), 3)
    passes = assert_valid("pynetstat", lines)
    assert still_running and len(passes) == 3
    times = [one_pass["time"] for one_pass in passes]
    assert all(0.9 < later - earlier < 3 for earlier, later in zip(times, times[1:]))
    assert all(len(one_pass) == 3 for one_pass in passes)  # schema, time and the listing
