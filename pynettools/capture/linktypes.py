"""Link-layer header types: LINKTYPE_ numbers as savefiles store them, with
libpcap's names and descriptions (as tcpdump prints them in "link-type NAME
(DESCRIPTION)") and the largest snapshot length libpcap accepts for each."""

ETHERNET = 1        # EN10MB
RAW = 101           # raw IP, version from the first nibble
LINUX_SLL = 113     # Linux cooked v1
LINUX_SLL2 = 276    # Linux cooked v2
IPV4 = 228
IPV6 = 229

DEFAULT_MAX_SNAPLEN = 262144
# LINKTYPE_ number: (name, description), as libpcap 1.10 words them.
NAMES = {
    0: ("NULL", "BSD loopback"),
    1: ("EN10MB", "Ethernet"),
    9: ("PPP", "PPP"),
    101: ("RAW", "Raw IP"),
    105: ("IEEE802_11", "802.11"),
    108: ("LOOP", "OpenBSD loopback"),
    113: ("LINUX_SLL", "Linux cooked v1"),
    127: ("IEEE802_11_RADIO", "802.11 plus radiotap header"),
    228: ("IPV4", "Raw IPv4"),
    229: ("IPV6", "Raw IPv6"),
    239: ("NFLOG", "Linux netfilter log messages"),
    253: ("NETLINK", "Linux netlink"),
    276: ("LINUX_SLL2", "Linux cooked v2"),
}
# In memory libpcap uses DLT_ numbers; on Linux they equal the LINKTYPE_ ones
# except for raw IP (DLT_RAW is 12, LINKTYPE_RAW is 101).
FROM_DLT = {12: RAW}


def from_dlt(number):
    """The LINKTYPE_ number of a DLT_ number (they differ for raw IP only)."""
    return FROM_DLT.get(number, number)


def describe(linktype):
    """tcpdump's "NAME (DESCRIPTION)", or the bare number for a type libpcap cannot name."""
    if linktype in NAMES:
        return "%s (%s)" % NAMES[linktype]
    return str(linktype)


def max_snaplen(linktype):
    """The largest snapshot length libpcap allows for a link type."""
    return DEFAULT_MAX_SNAPLEN
