"""Packets into layer records: what each header holds, as data.  Never prints.

One module per layer reads its header's fields from the captured bytes
(`link`: Ethernet, 802.1Q/802.1ad tags and the Linux cooked headers;
`arp`; `ipv4` with options and fragments; `ipv6` with its extension
headers; `icmp`; `icmp6` with neighbour discovery and MLD; `tcp` with
options; `udp`; `dns` through dnspython's wire parser), `checksum` computes
the Internet checksums tcpdump verifies, and `names` holds the words
tcpdump prints for protocol numbers.  `records.packet_record` walks a
packet's layers into the JSON-ready dict of `pytcpdump --json`; the text
printers in `pynettools.output.tcpdump*` read the same fields.
"""
