"""Result records of the non-socket netstat modes (see `pynettools.models`)."""

from collections import namedtuple

CounterTable = namedtuple("CounterTable", "title counters")
CounterTable.__doc__ = """One table of /proc/net/snmp, netstat or snmp6, in file order.

title: str ("Ip", "TcpExt", "Icmp6", ...); counters: tuple of Counter.
"""

Counter = namedtuple("Counter", "name value")
Counter.__doc__ = """One kernel counter: name as the kernel spells it, value an int."""

Ipv4Route = namedtuple(
    "Ipv4Route", "interface destination gateway mask flags refcnt use metric mss window irtt")
Ipv4Route.__doc__ = """One line of /proc/net/route.

Addresses are dotted quads; flags the kernel's RTF_* bits as an int.
"""

Ipv6Route = namedtuple(
    "Ipv6Route", "destination prefix_length source source_length next_hop metric refcnt use "
                 "flags interface")
Ipv6Route.__doc__ = """One line of /proc/net/ipv6_route; addresses in RFC 5952 form."""

RouteCacheHeader = namedtuple("RouteCacheHeader", "columns")
RouteCacheHeader.__doc__ = """The column names of /proc/net/rt_cache (empty since Linux 3.6)."""

Interface = namedtuple(
    "Interface", "name flags mtu counters inet inet6 hardware tx_queue_length device_map")
Interface.__doc__ = """A network interface (or address label) as netstat -i and -ie show it.

flags: SIOCGIFFLAGS bits (int); mtu: int; counters: InterfaceCounters, or
None for a label such as eth0:1; inet: InterfaceInet or None (the primary
IPv4 address); inet6: tuple of InterfaceInet6; hardware: Hardware;
tx_queue_length: int or None; device_map: InterfaceMap or None.
"""

InterfaceCounters = namedtuple(
    "InterfaceCounters",
    "rx_bytes rx_packets rx_errors rx_dropped rx_fifo_errors rx_frame_errors rx_compressed "
    "rx_multicast tx_bytes tx_packets tx_errors tx_dropped tx_fifo_errors collisions "
    "tx_carrier_errors tx_compressed")
InterfaceCounters.__doc__ = """The 16 counters of one /proc/net/dev line, in file order."""

InterfaceInet = namedtuple("InterfaceInet", "address netmask broadcast destination")
InterfaceInet.__doc__ = """The primary IPv4 address of an interface (SIOCGIFADDR and friends)."""

InterfaceInet6 = namedtuple("InterfaceInet6", "address prefix_length scope")
InterfaceInet6.__doc__ = """One line of /proc/net/if_inet6 for an interface."""

Hardware = namedtuple("Hardware", "type address")
Hardware.__doc__ = """ARPHRD_* type (int or None) and 16 address bytes as "xx:xx:..."."""

InterfaceMap = namedtuple("InterfaceMap", "mem_start mem_end base_addr irq dma port")
InterfaceMap.__doc__ = """The device's I/O resources (SIOCGIFMAP); all 0 for virtual devices."""

GroupMembership = namedtuple("GroupMembership", "family interface users group")
GroupMembership.__doc__ = """One multicast group joined on an interface.

family: "inet" or "inet6"; users: the kernel's reference count; group: the
address as text.
"""
