"""Crafted /proc/net tables for pynetstat, shared by the lab and the unit tests.

The lab compares pynetstat with netstat over them (a tmpfs over /proc in a
private mount namespace); the unit tests run pynetstat on them through the
procfs root, as nobody, against what netstat printed for the same tables
(`tests/data/netstat-golden.json`, recorded by `tests/data/record_netstat_golden.py`
and kept true by `tests/lab/test_pynetstat_golden.py`).  Random tables come
from seeded generators, so every run builds the same ones.
"""

import random

from pynettools.output.netstat_counters import KNOWN

INTERNET_HEADER = ("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
                   "   uid  timeout inode\n")
UNIX_HEADER = "Num       RefCount Protocol Flags    Type St Inode Path\n"


def line(number, local, remote, state, queues=(0, 0), timer=(0, 0), retransmits=0, uid=0,
         timeout=0, inode=1000):
    """A /proc/net/{tcp,udp,raw}[6] line as the kernel writes it."""
    return "%4d: %s %s %02X %08X:%08X %02X:%08X %08X %5d %8d %d 1 0000000000000000 20 4 30 10 -1\n" % (
        number, local, remote, state, queues[0], queues[1], timer[0], timer[1], retransmits, uid,
        timeout, inode)


ANY4, LOOP4, OTHER4 = "00000000", "0100007F", "010200C0"  # 0.0.0.0, 127.0.0.1, 192.0.2.1
ANY6 = "0" * 32
MAPPED = "0000000000000000FFFF00000100007F"  # ::ffff:127.0.0.1
LONG6 = "B80D0120020001000400030006000500"  # 2001:db8:1:2:3:4:5:6
TCP = INTERNET_HEADER + "".join([
    line(0, ANY4 + ":0016", ANY4 + ":0000", 0x0A),
    line(1, LOOP4 + ":0050", LOOP4 + ":D431", 0x01, queues=(0xFFFFFFFF, 12), timer=(1, 20),
         retransmits=3, uid=65534, inode=2001),
    line(2, LOOP4 + ":D431", LOOP4 + ":0050", 0x07, timer=(2, 720000), uid=4242, inode=2002),
    line(3, OTHER4 + ":9C41", OTHER4 + ":0016", 0x0B, timer=(5, 7), timeout=2, inode=2003),
    line(4, OTHER4 + ":9C42", OTHER4 + ":0017", 0x03, timer=(4, 150), inode=2004),
    "garbage in the middle\n",
    "\n",
    line(5, OTHER4 + ":9C43", OTHER4 + ":0018", 0x09, inode=2005),
    line(6, OTHER4 + ":9C44", OTHER4 + ":0019", 0x04, inode=2006),
])
TCP6 = INTERNET_HEADER + "".join([
    line(0, ANY6 + ":1F90", ANY6 + ":0000", 0x0A, inode=3001),
    line(1, MAPPED + ":1F90", MAPPED + ":C350", 0x01, inode=3002),
    line(2, LONG6 + ":9C41", LONG6 + ":0016", 0x08, queues=(5, 7), inode=3003),
])
UDP = INTERNET_HEADER + "".join([
    line(0, ANY4 + ":0035", ANY4 + ":0000", 0x07, inode=4001),
    line(1, LOOP4 + ":9C41", LOOP4 + ":0035", 0x01, timer=(2, 300), retransmits=9, inode=4002),
    line(2, LOOP4 + ":9C42", ANY4 + ":0000", 0x02, timer=(1, 5), inode=4003),
    "   3: nonsense\n",
])
RAW = INTERNET_HEADER + "".join([
    line(0, ANY4 + ":0001", ANY4 + ":0000", 0x07, timer=(3, 100), retransmits=2, inode=5001),
    line(1, ANY4 + ":00FF", LOOP4 + ":0000", 0x01, inode=5002),
])
UNIX = UNIX_HEADER + "".join([
    "0000000000000001: 00000002 00000000 00010000 0001 01 6001 /run/listening\n",
    "0000000000000002: 00000003 00000000 00000000 0001 03 6002 /run/with space\n",
    "0000000000000003: 00000002 00000000 00020000 0002 01 6003 @abstract\n",
    "0000000000000004: 00000002 00000001 00040000 0003 02 6004\n",
    "0000000000000005: 00000002 00000000 00060000 0004 04 6005 /run/tab\there\n",
    "0000000000000006: 00000002 00000000 00000000 0009 00 6006\n",
    "0000000000000007: 00000002 00000000 00000000 0005 07 6007 /x\n",
    "unix garbage\n",
])
FULL = {"tcp": TCP, "tcp6": TCP6, "udp": UDP, "udp6": INTERNET_HEADER, "raw": RAW,
        "raw6": INTERNET_HEADER, "udplite": INTERNET_HEADER, "udplite6": INTERNET_HEADER,
        "unix": UNIX}
NO_TCP = {name: text for name, text in FULL.items() if name != "tcp"}
EMPTY = {}
SOCKET_CASES = [(FULL, flags) for flags in (
    "-a", "-an", "-ae", "-aeo", "-anWo", "-l", "", "-tan", "-uao", "-wao", "-xa", "-xl", "-x",
    "-ae --numeric-users", "-6a", "-4ano", "-aW", "-v")] + [
    (NO_TCP, "-t"), (NO_TCP, "-u"), (NO_TCP, ""), (NO_TCP, "-v"), (NO_TCP, "-6t"),
    (EMPTY, ""), (EMPTY, "-v"), (EMPTY, "-x"), (EMPTY, "-tx"), (EMPTY, "-U"), (EMPTY, "-w6")]


ROUTE_HEADER = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT"
RT_CACHE = ("Iface\tDestination\tGateway \tFlags\t\tRefCnt\tUse\tMetric\tSource\t\tMTU\tWindow\t"
            "IRTT\tTOS\tHHRef\tHHUptod\tSpecDst\n")
ROUTE_OPTIONS = ([], ["-6"], ["-C"], ["-C", "-6"], ["-FC"], ["-FC", "-6"], ["-A", "inet6,inet"],
                 ["-A", "inet,inet6"], ["-F"])
STATISTICS_OPTIONS = (["-s"], ["-st"], ["-su"], ["-sw"], ["-sU"], ["-stu"], ["-suw"], ["-s6"],
                      ["-s6t"], ["-s6u"], ["-s6w"], ["-s6U"], ["-s", "--inet6", "-tuw"])


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


IGMP = ("Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
        "1\tlo        :     1      V3\n"
        "\t\t\t\t010000E0     1 0:00000000\t\t0\n"
        "7\tveth-long-name0:     2      V2\n"
        "\t\t\t\t030201EF     3 0:00000000\t\t1\n"
        "\t\t\t\t010000E0     1 0:00000000\t\t0\n")
IGMP6 = ("1    lo              ff020000000000000000000000000001     1 0000000C 0\n"
         "7    veth-long-name0 ff150000000000000000000000001234     2 00000004 0\n")


DEV_HEADER = ("Inter-|   Receive                                                |  Transmit\n"
              " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets "
              "errs drop fifo colls carrier compressed\n")
BYTE_COUNTS = (0, 1023, 1024, 1025, 10240, 1048576, 1048577, 1 << 30, (1 << 40) + 1,
               (1 << 50) + 1, (1 << 60) + 1, (1 << 64) - 1, 99999999, 123456789012)


MAPPED_V4, COMPATIBLE_V4 = "00000000000000000000ffffc0000201", "000000000000000000000000c0000201"


def route_runs():
    rng = random.Random(4)
    runs = []
    for _ in range(150):
        files = {"route": _ipv4_routes(rng), "ipv6_route": _ipv6_routes(rng), "rt_cache": RT_CACHE}
        argv = ["-rn" + "e" * rng.randint(0, 3)] + rng.choice(ROUTE_OPTIONS)
        runs.append((files, argv))
    runs.append(({}, ["-rn"]))
    runs.append(({}, ["-rn6"]))
    runs.append(({"route": ROUTE_HEADER + "\n"}, ["-rnC"]))
    return runs


def statistics_runs():
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
    return runs


def group_and_interface_runs():
    runs = [(files, argv)
            for files in ({}, {"igmp": IGMP}, {"igmp6": IGMP6}, {"igmp": IGMP, "igmp6": IGMP6})
            for argv in (["-gn"], ["-gn", "-e"])]
    runs += [({}, ["-i"]), ({}, ["-ie"]), ({}, ["-ia"])]
    return runs


def interface_counter_runs():
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
    return runs


def scope_runs():
    """Every scope bit combination netstat names, and ::ffff:a.b.c.d shown as IPv4."""
    inet6 = "".join("20010db80000000000000000000000%02x 01 40 %02x 80       lo\n" % (scope, scope)
                    for scope in (0, 1, 0x10, 0x20, 0x40, 0x50, 0x70, 0x80, 0x81, 0x90, 0xF0))
    inet6 += "".join("%s 01 60 80 80       lo\n" % address
                     for address in (MAPPED_V4, COMPATIBLE_V4))
    routes = "".join("%s 60 %s 00 %s 00000001 00000001 00000000 00000003     eth0\n" % (
        address, "0" * 32, address) for address in (MAPPED_V4, COMPATIBLE_V4))
    groups = "1    lo              %s     1 0000000C 0\n" % MAPPED_V4
    dev = DEV_HEADER + "    lo: %s\n" % " ".join(["0"] * 16)
    files = {"dev": dev, "if_inet6": inet6, "ipv6_route": routes, "igmp6": groups}
    return [(files, ["-ie"]), (files, ["-rn6"]), (files, ["-gn", "-6"])]


def golden_runs():
    """(name, files, argv) of every run whose netstat output is recorded for the
    unit tests: all but -i, whose lines depend on the machine's interfaces."""
    runs = [("sockets-%02d %s" % (number, flags), files, flags.split())
            for number, (files, flags) in enumerate(SOCKET_CASES)]
    for kind, built in (("routes", route_runs()), ("statistics", statistics_runs()),
                        ("groups", group_and_interface_runs()), ("scopes", scope_runs())):
        runs += [("%s-%03d %s" % (kind, number, " ".join(argv)), files, argv)
                 for number, (files, argv) in enumerate(built) if not argv[0].startswith("-i")]
    return runs
