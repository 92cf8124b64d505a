"""Regenerate the pytcpdump `-r` corpus in tests/data/pcap/ (as root, on Linux):

    .venv/bin/python -m tests.data.make_pcaps [--out DIR] [SCENARIO...]

Every file is real traffic, made in network namespaces this script builds
and removes (tests/lab/netns.py), captured by the real `tcpdump -w`:

    a (client) a0 ===== ra  r (router)  rb ===== b0 b (server)
      192.0.2.1/24        .254 198.51.100.254/24    198.51.100.2
      2001:db8:1::1/64    ::ff 2001:db8:2::ff/64    2001:db8:2::2

r rejects some destinations with each kind of ICMP error (nft), and its
link to b has an MTU of 1400.  Each scenario writes SCENARIO.pcap (a0,
Ethernet); `mix` also writes the cooked captures (`-i any`: LINUX_SLL2;
`-y LINUX_SLL`) and short snapshot lengths (mix-sN.pcap).  Packets and
timings differ from run to run; the tests compare the printer with tcpdump
on whatever files are there, so a regenerated corpus is as good as the
committed one.
"""

import argparse
import contextlib
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time

from tests.lab.netns import Namespace

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PCAP_DIR = HERE / "pcap"

A4, R4A, R4B, B4 = "192.0.2.1", "192.0.2.254", "198.51.100.254", "198.51.100.2"
A6, R6A, R6B, B6 = "2001:db8:1::1", "2001:db8:1::ff", "2001:db8:2::ff", "2001:db8:2::2"
# Destinations beyond r that r answers with an ICMP error (nft "reject with ...").
REJECTS = (("198.51.100.3", "icmp type host-unreachable"),
           ("198.51.100.4", "icmp type net-unreachable"),
           ("198.51.100.5", "icmp type admin-prohibited"),
           ("198.51.100.6", "icmp type prot-unreachable"),
           ("2001:db8:2::3", "icmpv6 type addr-unreachable"),
           ("2001:db8:2::4", "icmpv6 type no-route"),
           ("2001:db8:2::5", "icmpv6 type admin-prohibited"),
           ("2001:db8:2::6", "icmpv6 type port-unreachable"))
SNAPLENS = (34, 42, 54, 64, 80, 100)


class Lab:
    """The three namespaces, wired; run(ns, argv) runs a command in one of them."""

    def __init__(self, stack, directory):
        self.ns = {role: stack.enter_context(Namespace("pc-" + role)) for role in "arb"}
        self.directory = directory
        self._wire()

    def _ip(self, role, *commands):
        subprocess.run(["ip", "-n", self.ns[role].name, "-batch", "-"],
                       input="\n".join(commands) + "\n", text=True, check=True,
                       capture_output=True, timeout=30)

    def _wire(self):
        a, r, b = (self.ns[role].name for role in "arb")
        for left, right, left_name, right_name in ((a, r, "a0", "ra"), (r, b, "rb", "b0")):
            subprocess.run(["ip", "link", "add", left_name, "netns", left, "type", "veth",
                            "peer", "name", right_name, "netns", right],
                           check=True, capture_output=True, timeout=30)
        for role in "arb":
            self.sysctl(role, "net.ipv6.conf.all.accept_dad=0",
                        "net.ipv6.conf.default.accept_dad=0")
        self.sysctl("r", "net.ipv4.ip_forward=1", "net.ipv6.conf.all.forwarding=1")
        self._ip("a", "addr add %s/24 dev a0" % A4, "addr add %s/64 dev a0 nodad" % A6,
                 "link set a0 up", "route add default via %s" % R4A,
                 "route add default via %s" % R6A)
        self._ip("r", "addr add %s/24 dev ra" % R4A, "addr add %s/64 dev ra nodad" % R6A,
                 "addr add %s/24 dev rb" % R4B, "addr add %s/64 dev rb nodad" % R6B,
                 "link set ra up", "link set rb mtu 1400", "link set rb up")
        self._ip("b", "addr add %s/24 dev b0" % B4, "addr add %s/64 dev b0 nodad" % B6,
                 "link set b0 mtu 1400", "link set b0 up", "route add default via %s" % R4B,
                 "route add default via %s" % R6B)
        rules = "".join("  %s daddr %s reject with %s\n" % (
            "ip6" if ":" in address else "ip", address, how) for address, how in REJECTS)
        subprocess.run(self.ns["r"].command(["nft", "-f", "-"]), text=True, check=True,
                       capture_output=True, timeout=30, input=(
                           "table inet corpus {\n chain forward {\n"
                           "  type filter hook forward priority 0\n%s }\n}\n" % rules))

    def sysctl(self, role, *settings):
        self.ns[role].run(["sysctl", "-q", "-w", *settings], check=True)

    def run(self, role, *argv, timeout=60):
        return self.ns[role].run(list(argv), timeout=timeout, cwd=ROOT)

    def python(self, role, action, *args, timeout=60):
        return self.run(role, sys.executable, "-m", "tests.data.corpus_traffic", action, *args,
                        timeout=timeout)

    def start(self, role, *argv):
        """A server in a namespace, once it has printed its "ready" line."""
        process = self.ns[role].start(list(argv), cwd=ROOT, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, text=True)
        if process.stdout.readline().strip() != "ready":
            raise RuntimeError("%s did not start" % (argv,))
        return process

    def flush_neighbours(self):
        for role in "arb":
            self.run(role, "ip", "neigh", "flush", "all")


@contextlib.contextmanager
def capturing(lab, role, path, *options, interface="a0"):
    """tcpdump -w PATH on `interface` in `role` while the block runs."""
    argv = ["tcpdump", "-Z", "root", "-U", "--immediate-mode", "-i", interface, "-w", str(path), *options]
    process = lab.ns[role].start(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                 text=True)
    try:
        # -i any says "data link type LINUX_SLL2" first
        if not any("listening on" in process.stderr.readline() for _line in range(3)):
            raise RuntimeError("tcpdump did not start: %s" % (argv,))
        yield
        time.sleep(0.5)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=10)


def icmp(lab):
    lab.flush_neighbours()
    ping = ("ping", "-n", "-c", "1", "-W", "1")
    lab.run("a", "ping", "-n", "-c", "2", "-i", "0.2", R4A)
    lab.run("a", *ping, "-s", "0", B4)
    lab.run("a", *ping, "-s", "8", "-p", "ff", B4)
    lab.run("a", *ping, "-R", B4)
    lab.run("a", *ping, "-T", "tsonly", B4)
    lab.run("a", *ping, "-T", "tsandaddr", B4)
    lab.run("a", *ping, "-Q", "0x10", "-t", "1", B4)
    lab.run("a", *ping, "-M", "do", "-s", "1450", B4)
    for address, _how in REJECTS[:4]:
        lab.run("a", *ping, address)
    lab.python("a", "udp-send", B4, "7", "40000", "closed port")
    lab.python("a", "udp-send", R4A, "7", "40001", "closed port at the router")


def icmp6(lab):
    lab.flush_neighbours()
    ping = ("ping", "-6", "-n", "-c", "1", "-W", "1")
    lab.run("a", "ping", "-6", "-n", "-c", "2", "-i", "0.2", R6A)
    lab.run("a", *ping, B6)
    lab.run("a", *ping, "fe80::1%a0")
    lab.run("a", *ping, "-t", "1", B6)
    lab.run("a", *ping, "-M", "do", "-s", "1450", B6)
    for address, _how in REJECTS[4:]:
        lab.run("a", *ping, address)
    lab.python("a", "udp-send", B6, "7", "40002", "closed port")
    lab.python("a", "icmp6-send", "a0", "ff02::2", "rs")
    lab.python("r", "icmp6-send", "ra", "ff02::1", "ra")
    lab.python("a", "mld", "a0", "ff02::1:3", "ff05::1234", "ff3e::8000:1/2001:db8:1::ff")


def tcp(lab):
    servers = [lab.start("b", sys.executable, "-m", "tests.data.corpus_traffic", "tcp-server",
                         address, "9") for address in (B4, B6)]
    for address in (B4, B6):
        lab.python("a", "tcp-client", address, "9", "hello\n", "x" * 3000, "bye\n")
        lab.python("a", "tcp-refused", address, "19")
    for server in servers:
        server.kill()


def udp(lab):
    servers = [lab.start("b", sys.executable, "-m", "tests.data.corpus_traffic", "udp-echo",
                         address, "9") for address in (B4, B6)]
    for address in (B4, B6):
        lab.python("a", "udp-send", address, "9", "40010", "hello", "", "x" * 1000)
        lab.python("a", "udp-send", address, "5999", "40011", "to a port with no name")
    for server in servers:
        server.kill()


DNS_QUERIES = ("example.com/A", "example.com/AAAA/e", "example.com/MX", "example.com/TXT/t",
               "example.com/NS/n", "example.com/SOA/ed", "www.example.com/A/e",
               "nothing.example.com/A", "nothing.example.com/AAAA/e", "x.refused/A",
               "x.servfail/A/c", "_sip._udp.example.com/SRV", "80.2.0.192.in-addr.arpa/PTR",
               "big.example.com/TXT", "big.example.com/TXT/t", "example.com/ANY/e")


def dns(lab):
    server = lab.start("b", sys.executable, "-m", "tests.data.corpus_dns", B4, B6)
    lab.python("a", "dns-queries", B4, *DNS_QUERIES)
    lab.python("a", "dns-queries", B6, "example.com/A", "example.com/AAAA/t")
    server.kill()


def traceroute(lab):
    udp_server = lab.start("b", sys.executable, "-m", "tests.data.corpus_traffic", "tcp-server",
                           B4, "9")
    for method in ((), ("-I",), ("-T", "-p", "9")):
        lab.run("a", "traceroute", "-n", "-q", "1", "-w", "1", "-m", "3", *method, B4)
    lab.run("a", "traceroute", "-6", "-n", "-q", "1", "-w", "1", "-m", "3", B6)
    lab.run("a", "traceroute", "-6", "-n", "-q", "1", "-w", "1", "-m", "3", "-I", B6)
    udp_server.kill()


def fragments(lab):
    lab.run("a", "ping", "-n", "-c", "1", "-s", "3000", B4)
    lab.run("a", "ping", "-6", "-n", "-c", "1", "-s", "3000", B6)
    lab.python("a", "udp-send", B4, "9", "40020", "y" * 4000)
    lab.python("a", "udp-send", B6, "9", "40021", "y" * 4000)


def vlan(lab):
    """Tagged frames (802.1Q, and 802.1ad around 802.1Q), sent on a0 through a
    packet socket: this kernel has no 8021q module for vlan devices."""
    from tests.data import crafted as packets

    for family, destination, data in packets.vlan_frames("a0", A4, R4A, A6, R6A):
        lab.python("a", "raw-send", family, destination, data.hex())


def crafted(lab):
    """Headers the kernel would not build by itself, sent raw from a to b."""
    from tests.data import crafted as packets

    for family, destination, data in packets.packets(A4, B4, A6, B6):
        lab.python("a", "raw-send", family, destination, data.hex())


def raw(lab):
    """Traffic routed into a tun device: tcpdump writes it as link type RAW."""
    holder = lab.start("a", sys.executable, "-m", "tests.data.corpus_traffic", "tun-hold",
                       "tun0", "203.0.113.1/24", "2001:db8:3::1/64")
    time.sleep(0.3)
    with capturing(lab, "a", lab.directory / "raw.pcap", interface="tun0"):
        lab.run("a", "ping", "-n", "-c", "1", "-W", "1", "203.0.113.2")
        lab.run("a", "ping", "-6", "-n", "-c", "1", "-W", "1", "2001:db8:3::2")
        lab.python("a", "udp-send", "203.0.113.2", "9", "40050", "into a tun")
        lab.python("a", "tcp-refused", "203.0.113.2", "9")
        lab.python("a", "dns-queries", "203.0.113.2", "example.com/A")
    holder.kill()


def mix(lab):
    """A little of everything, for the cooked and truncated captures."""
    lab.flush_neighbours()
    server = lab.start("b", sys.executable, "-m", "tests.data.corpus_dns", B4, B6)
    tcp_server = lab.start("b", sys.executable, "-m", "tests.data.corpus_traffic",
                           "tcp-server", B4, "9")
    lab.run("a", "ping", "-n", "-c", "1", B4)
    lab.run("a", "ping", "-n", "-c", "1", "127.0.0.1")
    lab.run("a", "ping", "-6", "-n", "-c", "1", B6)
    lab.run("a", "ping", "-n", "-c", "1", "-R", "-t", "1", B4)
    lab.python("a", "tcp-client", B4, "9", "hello\n")
    lab.python("a", "udp-send", B4, "7", "40040", "closed")
    lab.python("a", "dns-queries", B4, "example.com/A", "www.example.com/A/e",
               "nothing.example.com/AAAA", "example.com/MX/t")
    lab.python("a", "dns-queries", "127.0.0.1", "example.com/A")
    lab.run("a", "ping", "-n", "-c", "1", "-s", "2000", B4)
    tcp_server.kill()
    server.kill()


SCENARIOS = {"icmp": icmp, "icmp6": icmp6, "tcp": tcp, "udp": udp, "dns": dns,
             "traceroute": traceroute, "fragments": fragments, "vlan": vlan, "crafted": crafted,
             "raw": raw, "mix": mix}
# scenarios that capture on their own devices rather than on a0
OWN_CAPTURES = ("raw",)


def mix_captures(lab, directory):
    """The extra captures of the mix scenario: (role, path, options, interface)."""
    yield "a", directory / "mix-any.pcap", (), "any"
    yield "a", directory / "mix-any-sll1.pcap", ("-y", "LINUX_SLL"), "any"
    yield "r", directory / "mix-router-any.pcap", (), "any"
    yield "a", directory / "mix-nano.pcap", ("--time-stamp-precision=nano",), "a0"
    yield "a", directory / "mix-any-s64.pcap", ("-s", "64"), "any"
    for snaplen in SNAPLENS:
        yield "a", directory / ("mix-s%d.pcap" % snaplen), ("-s", str(snaplen)), "a0"


def generate(names, directory):
    directory.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as stack:
        lab = Lab(stack, directory)
        lab.run("a", "ping", "-n", "-c", "1", "-W", "1", B4)  # settle the routes
        time.sleep(0.5)
        for name in names:
            with contextlib.ExitStack() as captures:
                if name not in OWN_CAPTURES:
                    captures.enter_context(capturing(lab, "a", directory / (name + ".pcap")))
                if name == "mix":
                    for role, path, options, interface in mix_captures(lab, directory):
                        captures.enter_context(capturing(lab, role, path, *options,
                                                         interface=interface))
                SCENARIOS[name](lab)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=PCAP_DIR)
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                        help="any of: " + " ".join(SCENARIOS))
    args = parser.parse_args(argv)
    unknown = set(args.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error("unknown scenario: " + " ".join(sorted(unknown)))
    if os.geteuid() != 0 or shutil.which("tcpdump") is None:
        sys.exit("make_pcaps: needs root and tcpdump")
    generate(args.scenarios or list(SCENARIOS), args.out)


if __name__ == "__main__":
    main()
