"""pynetstat -r, -s, -g and -i against netstat over crafted /proc/net files.

Tables the kernel of the test machine would never show (every route flag,
unreachable and cached IPv6 routes, each counter netstat has a text for,
counters it has never heard of, missing files) are written into a tmpfs
mounted over /proc in a private mount namespace; netstat and pynetstat read
the same files, and their output and exit status must be equal.  Numeric
output only (-n): names are compared in the namespace tests.
"""

import random

import pytest

from pynettools.output.netstat_counters import KNOWN
from tests.commands import command_path, needs_root
from tests.lab.mountns import run_over_proc_net

ROUTE_HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT"
RT_CACHE = ("Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\t"
            "IRTT\tTOS\tHHRef\tHHUptod\tSpecDst\n")
ROUTE_OPTIONS = ([], ["-6"], ["-C"], ["-C", "-6"], ["-FC"], ["-FC", "-6"], ["-A", "inet6,inet"],
                 ["-A", "inet,inet6"], ["-F"])
STATISTICS_OPTIONS = (["-s"], ["-st"], ["-su"], ["-sw"], ["-sU"], ["-stu"], ["-suw"], ["-s6"],
                      ["-s6t"], ["-s6u"], ["-s6w"], ["-s6U"], ["-s", "--inet6", "-tuw"])


def _compare(runs):
    """Each (files, argv) run by netstat and by pynetstat: the mismatches."""
    pynetstat = command_path("pynetstat")
    commands = [(files, argv) for files, argv in runs]
    theirs = run_over_proc_net([(files, ["netstat", *argv]) for files, argv in commands])
    ours = run_over_proc_net([(files, [pynetstat, *argv]) for files, argv in commands])
    ours = [tuple(part.replace(b"pynetstat:", b"netstat:") if isinstance(part, bytes) else part
                  for part in our) for our in ours]
    return [(argv, files, their, our) for (files, argv), their, our in zip(runs, theirs, ours)
            if their != our]


def _flags(rng):
    flags = 0
    for _ in range(rng.randint(0, 5)):
        flags |= 1 << rng.randrange(32)
    return flags | (1 if rng.random() < 0.8 else 0)


def _ipv4_routes(rng):
    lines = [ROUTE_HEADER]
    for _ in range(rng.randint(0, 6)):
        lines.append("%s\t%08X\t%08X\t%04X\t%d\t%d\t%d\t%08X\t%d\t%d\t%d" % (
            rng.choice(["eth0", "veth-long-name0", "lo"]), rng.choice([0, rng.getrandbits(32)]),
            rng.choice([0, rng.getrandbits(32)]), _flags(rng), rng.randint(0, 3),
            rng.randint(0, 99999999), rng.choice([0, 5, 100000, 4294967295]),
            rng.choice([0, 0xFFFFFFFF, 0x00FFFFFF]), rng.randint(0, 9000), rng.randint(0, 99),
            rng.randint(0, 999)))
    return "\n".join(lines) + "\n"


def _ipv6_routes(rng):
    return "".join("%032x %02x %032x %02x %032x %08x %08x %08x %08x %8s\n" % (
        rng.choice([0, 1, rng.getrandbits(128)]), rng.randint(0, 128), 0, 0,
        rng.choice([0, rng.getrandbits(128)]), rng.choice([0, 256, 0xFFFFFFFF]),
        rng.randint(0, 20), rng.randint(0, 5000), _flags(rng),
        rng.choice(["eth0", "lo", "fifteen-chars-x"])) for _ in range(rng.randint(0, 6)))


@needs_root
def test_routes_as_netstat_prints_them():
    rng = random.Random(4)
    runs = []
    for _ in range(150):
        files = {"route": _ipv4_routes(rng), "ipv6_route": _ipv6_routes(rng), "rt_cache": RT_CACHE}
        argv = ["-rn" + "e" * rng.randint(0, 3)] + rng.choice(ROUTE_OPTIONS)
        runs.append((files, argv))
    runs.append(({}, ["-rn"]))
    runs.append(({}, ["-rn6"]))
    runs.append(({"route": ROUTE_HEADER + "\n"}, ["-rnC"]))
    assert _compare(runs) == []


def _counter_tables(rng, titles):
    """`Title: names` / `Title: values` pairs: known and unknown counters, zero or not."""
    lines = []
    for title in titles:
        names = [name for name in KNOWN.get(title, {}) if rng.random() < 0.7]
        names += ["Made%sUp%d" % (title, n) for n in range(rng.randint(0, 3))]
        rng.shuffle(names)
        values = [rng.choice([0, 0, 1, rng.getrandbits(40)]) for _ in names]
        lines.append("%s: %s" % (title, " ".join(names)))
        lines.append("%s: %s" % (title, " ".join(map(str, values))))
    return "".join(line + "\n" for line in lines)


def _snmp6(rng):
    names = [name for title in ("Ip6", "Icmp6", "Udp6") for name in KNOWN[title]]
    names += ["Ip6InOctets", "Icmp6InType135", "UdpLite6InDatagrams", "Udp6MemErrors"]
    chosen = sorted((name for name in names if rng.random() < 0.7),
                    key=lambda name: (name.split("6")[0] != "Ip", rng.random()))
    return "".join("%-32s\t%d\n" % (name, rng.choice([0, 1, rng.getrandbits(33)]))
                   for name in chosen)


@needs_root
def test_statistics_as_netstat_prints_them():
    rng = random.Random(6)
    runs = []
    for _ in range(120):
        files = {"snmp": _counter_tables(rng, ("Ip", "Icmp", "IcmpMsg", "Tcp", "Udp", "UdpLite")),
                 "netstat": _counter_tables(rng, ("TcpExt", "IpExt", "MPTcpExt")),
                 "snmp6": _snmp6(rng)}
        runs.append((files, rng.choice(STATISTICS_OPTIONS)))
    runs.append(({}, ["-s"]))
    runs.append(({}, ["-s6"]))
    runs.append(({"snmp": "Tcp: ActiveOpens\nTcp: 3\n"}, ["-s"]))
    extremes = {"snmp": "Ip: Forwarding InReceives\nIp: 18446744073709551615 9223372036854775808\n"
                        "Tcp: MaxConn ActiveOpens CurrEstab\nTcp: -1 -5 18446744073709551616\n",
                "netstat": "IpExt: InOctets OutOctets\nIpExt: 18446744073709551615 -3\n",
                "snmp6": "Ip6InReceives 18446744073709551615\nIp6InOctets -2\n"}
    runs += [(extremes, ["-s"]), (extremes, ["-s6"])]
    assert _compare(runs) == []


IGMP = ("Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
        "1\tlo        :     1      V3\n"
        "\t\t\t\t010000E0     1 0:00000000\t\t0\n"
        "7\tveth-long-name0:     2      V2\n"
        "\t\t\t\t030201EF     3 0:00000000\t\t1\n"
        "\t\t\t\t010000E0     1 0:00000000\t\t0\n")
IGMP6 = ("1    lo              ff020000000000000000000000000001     1 0000000C 0\n"
         "7    veth-long-name0 ff150000000000000000000000001234     2 00000004 0\n")


@needs_root
def test_groups_and_interfaces_with_files_missing():
    runs = [(files, argv)
            for files in ({}, {"igmp": IGMP}, {"igmp6": IGMP6}, {"igmp": IGMP, "igmp6": IGMP6})
            for argv in (["-gn"], ["-gn", "-e"])]
    runs += [({}, ["-i"]), ({}, ["-ie"]), ({}, ["-ia"])]
    assert _compare(runs) == []


DEV_HEADER = ("Inter-|   Receive                                                |  Transmit\n"
              " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
              "errs drop fifo colls carrier compressed\n")
BYTE_COUNTS = (0, 1023, 1024, 1025, 10240, 1048576, 1048577, 1 << 30, (1 << 40) + 1,
               (1 << 50) + 1, (1 << 60) + 1, (1 << 64) - 1, 99999999, 123456789012)


@needs_root
def test_interface_counters_and_vanished_interfaces():
    """Counters of every size on lo (binary units, column overflow), and a
    /proc/net/dev line for an interface that does not exist (netstat stops)."""
    rng = random.Random(8)
    runs = []
    for number in range(40):
        counters = [rng.choice(BYTE_COUNTS) if column in (0, 8) else
                    rng.choice([0, 7, 4294967295, rng.getrandbits(40)]) for column in range(16)]
        dev = DEV_HEADER + "    lo: %s\n" % " ".join(map(str, counters))
        if number % 4 == 0:
            dev += "ghost%d: %s\n" % (number, " ".join(["1"] * 16))
        runs.append(({"dev": dev}, rng.choice([["-i"], ["-ie"], ["-ia"], ["-iae"]])))
    assert _compare(runs) == []


MAPPED, COMPATIBLE = "00000000000000000000ffffc0000201", "000000000000000000000000c0000201"


@needs_root
def test_ipv6_scopes_and_ipv4_mapped_addresses():
    """Every scope bit combination netstat names, and ::ffff:a.b.c.d shown as IPv4."""
    inet6 = "".join("20010db80000000000000000000000%02x 01 40 %02x 80       lo\n" % (scope, scope)
                    for scope in (0, 1, 0x10, 0x20, 0x40, 0x50, 0x70, 0x80, 0x81, 0x90, 0xF0))
    inet6 += "".join("%s 01 60 80 80       lo\n" % address for address in (MAPPED, COMPATIBLE))
    routes = "".join("%s 60 %s 00 %s 00000001 00000001 00000000 00000003     eth0\n" % (
        address, "0" * 32, address) for address in (MAPPED, COMPATIBLE))
    groups = "1    lo              %s     1 0000000C 0\n" % MAPPED
    dev = DEV_HEADER + "    lo: %s\n" % " ".join(["0"] * 16)
    files = {"dev": dev, "if_inet6": inet6, "ipv6_route": routes, "igmp6": groups}
    assert _compare([(files, ["-ie"]), (files, ["-rn6"]), (files, ["-gn", "-6"])]) == []
