"""The non-socket netstat formatters and readers, on records and files made here."""

import functools

from pynettools.netinfo import groups, routes, statistics
from pynettools.netinfo.interfaces import compare_names, read_counters, read_inet6
from pynettools.netinfo.names import read_networks
from pynettools.netinfo.records import Counter, CounterTable
from pynettools.output import netstat_interfaces, netstat_route
from pynettools.output.netstat_statistics import statistics_lines


def test_ipv4_route_flags_in_netstat_order_reject_replaces():
    assert netstat_route.ipv4_flags(0x0007) == "UGH"
    assert netstat_route.ipv4_flags(0x0203) == "!"
    assert netstat_route.ipv4_flags(0x0601) == "!n"
    assert netstat_route.ipv4_flags(0x80000041) == "Ulu"


def test_ipv6_route_flags():
    assert netstat_route.ipv6_flags(0x00200200) == "!n"
    assert netstat_route.ipv6_flags(0x01020001) == "UCa"


def test_bytes_scaled_as_ifconfig():
    assert netstat_interfaces._scaled(0) == "0.0 B"
    assert netstat_interfaces._scaled(1024) == "1024.0 B"
    assert netstat_interfaces._scaled(3193) == "3.1 KiB"
    assert netstat_interfaces._scaled(66787868) == "63.6 MiB"


def test_interface_names_sort_numbers_as_numbers():
    names = ["va", "v10", "lo", "v2", "eth0:1", "eth0", "eth10", "eth9"]
    assert sorted(names, key=functools.cmp_to_key(compare_names)) == [
        "eth0", "eth0:1", "eth9", "eth10", "lo", "v2", "v10", "va"]


def test_statistics_state_machine():
    tables = [CounterTable("Icmp", (Counter("InMsgs", 3), Counter("InDestUnreachs", 0),
                                    Counter("OutRateLimitHost", 2))),
              CounterTable("IcmpMsg", (Counter("InType3", 1),)),
              CounterTable("Udp", (Counter("InDatagrams", 4),))]
    assert list(statistics_lines(tables, {"raw"})) == [
        "Icmp:", "    3 ICMP messages received", "    ICMP input histogram:",
        "        OutRateLimitHost: 2", "IcmpMsg:", "        InType3: 1"]


def test_readers(procfs_root):
    net = procfs_root / "net"
    (net / "snmp").write_text("Tcp: MaxConn ActiveOpens\nTcp: -1 7\n")
    assert statistics.read_paired_tables("snmp") == [
        CounterTable("Tcp", (Counter("MaxConn", 2 ** 64 - 1), Counter("ActiveOpens", 7)))]
    (net / "snmp6").write_text("Ip6InReceives 4\nUdpLite6NoPorts 0\nIp6OutRequests 1\n")
    assert [table.title for table in statistics.read_snmp6()] == [
        "Ip6", "UdpLite6", "Ip6"]
    (net / "route").write_text(
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
        "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
        "eth0\t000200C0\t00000000\t0000\t0\t0\t0\t00FFFFFF\t0\t0\t0\n")
    [route] = routes.read_ipv4_routes()
    assert (route.destination, route.gateway, route.flags) == ("0.0.0.0", "192.0.2.1", 3)
    (net / "igmp").write_text(
        "Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter\n"
        "1\tlo        :     1      V3\n\t\t\t\t010000E0     2 0:00000000\t\t0\n")
    assert groups.read_ipv4_groups()[0][1:] == ("lo", 2, "224.0.0.1")
    (net / "dev").write_text("h1\nh2\n  lo: " + " ".join(map(str, range(16))) + "\n")
    assert read_counters()["lo"].tx_packets == 9
    (net / "if_inet6").write_text("00000000000000000000000000000001 01 80 10 80 lo\n")
    assert read_inet6()["lo"][0].address == "::1"
    (procfs_root / "networks").write_text("# comment\nlink-local 169.254.0.0\nodd 10\n")
    assert read_networks(procfs_root / "networks") == {0xA9FE0000: "link-local", 10: "odd"}


def test_psutil_interfaces_agree_with_the_kernel_on_loopback():
    """The psutil path (systems without /proc) against the ioctl path, on lo."""
    from pynettools.netinfo import interfaces, interfaces_psutil

    kernel = {item.name: item for item in interfaces.read_interfaces(True)[0]}["lo"]
    portable = {item.name: item for item in interfaces_psutil.read_interfaces(True)[0]}["lo"]
    assert (portable.flags, portable.mtu, portable.inet.address, portable.inet.netmask) == (
        kernel.flags, kernel.mtu, kernel.inet.address, kernel.inet.netmask)
    assert [(item.address, item.prefix_length, item.scope) for item in portable.inet6] == [
        (item.address, item.prefix_length, item.scope) for item in kernel.inet6]
    assert netstat_interfaces._hardware_line(portable._replace(tx_queue_length=1000)) == \
        netstat_interfaces._hardware_line(kernel)


def test_lines_the_kernel_never_writes_are_skipped(procfs_root):
    """Hostile tables: no traceback, the malformed lines left out."""
    net = procfs_root / "net"
    (net / "route").write_text(
        "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
        "eth0 zz yy xx 1 2 3 4 5 6 7\n")
    (net / "ipv6_route").write_text("zz 40 zz 00 zz 1 1 1 1 eth0\n")
    (net / "igmp").write_text("header\n1 lo : 1 V3\n\tzz 1 0 0\n")
    (net / "igmp6").write_text("1 lo zz 1 0 0\n")
    (net / "dev").write_text("h1\nh2\nlo: x 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n")
    (net / "if_inet6").write_text("zz 1 40 00 80 lo\n")
    assert routes.read_ipv4_routes() == []
    assert routes.read_ipv6_routes() == []
    assert groups.read_ipv4_groups() == []
    assert groups.read_ipv6_groups() == []
    assert read_counters() == {}
    assert read_inet6() == {}
