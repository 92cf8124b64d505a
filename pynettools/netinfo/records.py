"""Result records of the non-socket netstat modes (see `pynettools.models`)."""

from pynettools.models import lazy_records

RECORDS = {
    "CounterTable": (
        "title counters",
        """One table of /proc/net/snmp, netstat or snmp6, in file order.

title: str ("Ip", "TcpExt", "Icmp6", ...); counters: tuple of Counter.
"""),
    "Counter": (
        "name value",
        """One kernel counter: name as the kernel spells it, value an int."""),
    "Ipv4Route": (
        "interface destination gateway mask flags refcnt use metric mss window "
        "irtt",
        """One line of /proc/net/route.

Addresses are dotted quads; flags the kernel's RTF_* bits as an int.
"""),
    "Ipv6Route": (
        "destination prefix_length source source_length next_hop metric refcnt "
        "use flags interface",
        """One line of /proc/net/ipv6_route; addresses in RFC 5952 form."""),
    "RouteCacheHeader": (
        "columns",
        """The column names of /proc/net/rt_cache (empty since Linux 3.6)."""),
    "Interface": (
        "name flags mtu counters inet inet6 hardware tx_queue_length device_map",
        """A network interface (or address label) as netstat -i and -ie show it.

flags: SIOCGIFFLAGS bits (int); mtu: int; counters: InterfaceCounters, or
None for a label such as eth0:1; inet: InterfaceInet or None (the primary
IPv4 address); inet6: tuple of InterfaceInet6; hardware: Hardware;
tx_queue_length: int or None; device_map: InterfaceMap or None.
"""),
    "InterfaceCounters": (
        "rx_bytes rx_packets rx_errors rx_dropped rx_fifo_errors "
        "rx_frame_errors rx_compressed rx_multicast tx_bytes tx_packets "
        "tx_errors tx_dropped tx_fifo_errors collisions tx_carrier_errors "
        "tx_compressed",
        """The 16 counters of one /proc/net/dev line, in file order."""),
    "InterfaceInet": (
        "address netmask broadcast destination",
        """The primary IPv4 address of an interface (SIOCGIFADDR and friends)."""),
    "InterfaceInet6": (
        "address prefix_length scope",
        """One line of /proc/net/if_inet6 for an interface."""),
    "Hardware": (
        "type address",
        """ARPHRD_* type (int or None) and 16 address bytes as "xx:xx:..."."""),
    "InterfaceMap": (
        "mem_start mem_end base_addr irq dma port",
        """The device's I/O resources (SIOCGIFMAP); all 0 for virtual devices."""),
    "GroupMembership": (
        "family interface users group",
        """One multicast group joined on an interface.

family: "inet" or "inet6"; users: the kernel's reference count; group: the
address as text.
"""),
}
__getattr__ = lazy_records(RECORDS, globals())
