"""What pytcpdump's printer decodes and where its lines differ from tcpdump's:
prose for the man page (`MANUAL_NOTES`, in the format of the manual modules'
SECTIONS, see `pynettools.cli.services.manual`)."""

MANUAL_NOTES = """\
Packet lines are tcpdump 4.99.3's, byte for byte, at every verbosity (-v, -vv, -vvv) and
with -e, -n, -q, -S, -t to -ttttt, -#, -K, -x, -xx, -X, -XX, -A and -AA, for these
link types and protocols (the tests compare them with tcpdump -r on captured traffic
under each of those options): Ethernet with 802.1Q and 802.1ad tags, the Linux cooked
headers v1 and v2 (LINUX_SLL, LINUX_SLL2, whose interface index is named as the
machine reading the file names it, "?" when it has no such interface), raw IP (RAW,
IPV4, IPV6), BSD loopback (NULL and LOOP, with the address family in either byte
order); 802.3 frames' 802.2 LLC headers (the SAPs and the U, S and I control fields), IP
over LLC and SNAP with an Ethernet type inside; spanning tree BPDUs (802.1d
configuration and topology change, 802.1w, 802.1s MSTP with its MSTIs; Cisco's PVST
over SNAP); MPLS label stacks with the IPv4 or IPv6 below them; PPPoE discovery (codes and
tags) and session frames, with the PPP protocol field and IPv4 or IPv6 inside; ARP and
RARP; IPv4 with its options (RR, LSRR, SSRR, timestamps, router alert) and fragments
(later fragments show as ip-proto-N, or the protocol's name without -n); IPv6 with
hop-by-hop, destination options, routing (types 0, 2 and 4) and fragment headers; IP
in IP; ICMP, with the quoted packet of an error at -v and MPLS extensions (RFC 4884);
ICMPv6 errors, echo, neighbour and router discovery with their options, redirects, MLD
and MLDv2; IGMP v1, v2 and v3 queries and reports, leaves and the checksum at -v; VRRP
v2 and v3 advertisements (addresses and simple passwords at -v); ESP's SPI and
sequence number (nothing is decrypted); AH, and what follows it; TCP with its flags,
relative sequence numbers (-S for absolute), options and checksums (locally sent
segments show "incorrect" because the kernel leaves the checksum to the network card);
the text protocols over TCP, HTTP (80, 8080), RTSP (554, 8554), FTP (21), SMTP (25) and
WHOIS (43): the request or response line, every text line at -v; SSH's version line
(22); UDP; NTP (123: time and control messages, every field at -v); syslog (514: facility
and severity, the message at -v); DNS over UDP
and TCP, and mDNS, read with dnspython's wire parser and printed in tcpdump's words
(names, records at -v, sections at -vv, TTLs at -vvv, EDNS options). A field cut off by
the snapshot length ends the line with tcpdump's mark, " [|ip]", " [|tcp]" and so on.
Host names come from the system resolver and port names from /etc/services (the first
entry for a port wins, as in tcpdump's table), Ethernet names from /etc/ethers and
tcpdump's table of vendor prefixes ("(oui Unknown)" for the rest); any -n prints
numbers only.

Decoded in part: LLDP shows its length and system name, as tcpdump does without -v;
at -v, where tcpdump describes every TLV, its frames show as an ethertype not decoded
(below); 802.1aq (SPB) BPDUs show what 802.1s ones show, not SPB's own
fields that tcpdump adds at -v; SCTP shows its addresses and ports ("sctp"), not its chunks; PIM its
version, message type and length, not the PIMv2 message's fields that tcpdump adds
at -v; BOOTP/DHCP (ports 67-68) its summary, "BOOTP/DHCP, Request from MAC, length
N", not the fields and options that tcpdump adds at -v; PPPoE sessions carrying PPP
control protocols (LCP, IPCP, PAP, CHAP, ...) show the protocol's name and the bytes
in hex.

Not decoded, where tcpdump has a printer: the packet's line is what tcpdump prints for
the last layer that is decoded, and that layer's payload is not described. So a UDP
datagram to or from one of these ports is "UDP, length N" where tcpdump describes its
contents: 69 (TFTP), 88 and 750 (Kerberos), 161-162
(SNMP), 319-320 (PTP), 496 (Cisco Auto-RP), 500, 4500, 7500 and 8500
(ISAKMP, IPsec NAT traversal), 520 (RIP), 521 (RIPng), 525 (timed),
546-547 (DHCPv6), 646 (LDP), 654 (AODV), 698 (OLSR), 701 (LMP), 921 (lwres), 1589
(VQP), 1645-1646, 1700, 1812-1813 and 3799 (RADIUS), 1701 (L2TP), 1985 (HSRP),
2049 (NFS), 2103-2104 (Zephyr), 3456 (vat), 3503 (MPLS LSP ping), 3784-3785, 4784
and 6784 (BFD), 4342 (LISP), 4567 (whiteboard), 4789 (VXLAN), 4790 (VXLAN-GPE), 5060
(SIP), 5359 (AHCP), 6081 (Geneve), 6343 (sFlow), 6635 (MPLS in UDP), 6696-6697
(Babel), 7000-7009 (AFS Rx), 8231 (HNCP), 8472 (OTV), 12222-12223 (LWAPP), 17754
(ZEP), 30490 (SOME/IP); and the AppleTalk ports. A TCP segment on one of these ports
ends at its length, where tcpdump goes on to describe the payload: 23 (Telnet, at -v), 179 (BGP), 323 (RPKI-RTR), 639 (MSDP), 646 (LDP), 1723
(PPTP), 2049 (NFS), 6379 (Redis RESP), 6633 and 6653 (OpenFlow), 10288 (BEEP). The TCP
options tcpdump spells out beyond mss, wscale, sackOK, sack, TS, nop,
eol, md5 and the echo and cc families (user timeout, MPTCP, TCP-AO, fast open,
experimental) show as their name and hex bytes. IP protocols other than TCP, UDP, ICMP,
ICMPv6, IGMP, VRRP, ESP, AH, PIM, SCTP, IPv4 and IPv6 (GRE, IGRP, OSPF, DCCP, RSVP,
EIGRP, mobility headers, ...) show as "ip-proto-N LENGTH" (the protocol's name without
-n), without the addresses for DCCP. ICMPv6 router renumbering, node information and
RPL messages show their type and hex. Ethernet frames carrying anything but IPv4,
IPv6, ARP, RARP, MPLS and PPPoE (LLDP, EAPOL, AppleTalk, DECnet, Ethernet loopback,
...) show the Ethernet header and the payload in hex, as tcpdump shows ethertypes it
does not know; so do the LLC payloads tcpdump has printers for (IPX, IS-IS, CLNP and
ES-IS, SNAP's Cisco and AppleTalk protocols but PVST), the 802.2 and IPX payloads of cooked
captures and BSD loopback's ISO, AppleTalk and IPX families. Link types other than Ethernet, LINUX_SLL, LINUX_SLL2, NULL, LOOP and raw IP
print "UNSUPPORTED" and the packet in hex, as tcpdump prints link types it has no
printer for (it has printers for 802.11, PPP, FDDI, NFLOG and many more); a link type
libpcap does not know at all fails as tcpdump fails: "unknown data link type N (min
104, max 289)".

--json prints each packet as one JSON object (see JSON OUTPUT): the same bytes as the
lines, every layer's fields as numbers and addresses (no names are looked up, and
sequence numbers are the segment's own).
"""
