"""pytcpdump's live capture beside tcpdump's: the share of an iperf3 stream each writes.

    .venv/bin/python -m benchmarks.bench_tcpdump_live      (as root)

`iperf3 -u -l 64 -b 0` sends 64-byte UDP datagrams as fast as it can for
3 s over a veth pair between two namespaces; tcpdump and pytcpdump capture
in turn on the receiving end (`-w FILE udp port 5201`, -Z root), two runs
each, and the share of the datagrams sent (iperf3's own count) that each
wrote to its file is reported with its kernel statistics.  The goal is a
share at least 0.95 of tcpdump's.  This is a measure of loss, not of time,
so it is not one of run.py's timed comparisons (`comparisons()` yields
none); run.py's `main` leaves it out unless it is run directly.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from benchmarks.run import tool

SECONDS = 3
RUNS = 2
DATAGRAM = 64
# Ethernet, IPv4 and UDP headers before iperf3's 64 bytes
FRAME = 14 + 20 + 8 + DATAGRAM


def comparisons():
    return iter(())


def _lab(cap, peer):
    cap.run(["ip", "link", "add", "a0", "type", "veth", "peer", "name", "b0", "netns",
             peer.name], check=True)
    for namespace, name, address in ((cap, "a0", "192.0.2.1/24"), (peer, "b0", "192.0.2.2/24")):
        namespace.run(["sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=1"], check=True)
        namespace.run(["ip", "addr", "add", address, "dev", name], check=True)
        namespace.run(["ip", "link", "set", name, "up"], check=True)


def _wait_listening(process):
    for _ in range(4):
        line = process.stderr.readline()
        if b"listening on" in line or not line:
            return line
    return b""


def one_run(cap, peer, argv, path):
    """(datagrams sent, frames written, the tool's statistics lines)."""
    server = cap.start(["iperf3", "-s", "-1", "-B", "192.0.2.1"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    capture = cap.start(argv + ["-i", "a0", "-Z", "root", "-w", path, "udp", "port", "5201"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if b"listening on" not in _wait_listening(capture):
            raise RuntimeError("%s did not start" % argv[0])
        client = _client(peer)
        time.sleep(1.5)  # the last block is handed over after the 1 s block timeout
        capture.send_signal(signal.SIGINT)
        _, err = capture.communicate(timeout=60)
    finally:
        for process in (capture, server):
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    sent = json.loads(client.stdout)["end"]["sum"]["packets"]
    return sent, _frames_written(path), err.decode().strip().splitlines()[-3:]


def _client(peer):
    for _ in range(20):  # the server takes a moment to listen
        done = peer.run(["iperf3", "-c", "192.0.2.1", "-u", "-l", str(DATAGRAM), "-b", "0",
                         "-t", str(SECONDS), "-J"], timeout=SECONDS + 30)
        if done.returncode == 0:
            return done
        time.sleep(0.2)
    raise RuntimeError("iperf3 -c failed: %s" % done.stdout[-300:])


def _frames_written(path):
    from pynettools.capture.savefile import open_savefile

    with open(path, "rb") as stream:
        return sum(1 for packet in open_savefile(stream) if packet.wire_length == FRAME)


def main():
    from tests.lab.netns import Namespace

    tools = {"tcpdump": ["tcpdump"], "pytcpdump": [tool("pytcpdump")]}
    shares = {name: [] for name in tools}
    directory = tempfile.mkdtemp(prefix="pnt%d-bench-" % os.getpid())
    try:
        with Namespace("bench-cap") as cap, Namespace("bench-peer") as peer:
            _lab(cap, peer)
            for run in range(RUNS):
                for name, argv in tools.items():
                    path = os.path.join(directory, "%s-%d.pcap" % (name, run))
                    sent, written, stats = one_run(cap, peer, argv, path)
                    shares[name].append(written / sent if sent else 0.0)
                    print("%-9s run %d: %d sent in %d s (%d/s), %d written: share %.3f; %s" % (
                        name, run + 1, sent, SECONDS, sent // SECONDS, written,
                        shares[name][-1], "; ".join(stats)))
                    os.unlink(path)
    finally:
        shutil.rmtree(directory, ignore_errors=True)
    ours, theirs = (sum(shares[name]) / RUNS for name in ("pytcpdump", "tcpdump"))
    print("mean share: tcpdump %.3f, pytcpdump %.3f: %.3f of tcpdump's (goal: at least 0.95)"
          % (theirs, ours, ours / theirs if theirs else 0.0))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
