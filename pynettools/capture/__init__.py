"""Packet capture for pytcpdump: packets as records, savefiles, link types,
live capture.  Never prints.

`packet.Packet` is one captured packet; `savefile` reads and writes pcap and
reads pcapng (as libpcap does, with its rules and its words for what is
wrong with a file); `linktypes` names the link-layer header types;
`rotation` is -w's writer with -C/-G/-W.  Live: `live.LiveCapture` reads an
AF_PACKET socket through the TPACKET_V3 ring of `ring`, with the cooked
headers of `cooked` for -i any; `devices` lists the devices as
pcap_findalldevs does; `capabilities` keeps CAP_DAC_OVERRIDE across -Z.
"""
