"""Packet capture for pytcpdump: packets as records, savefiles, link types.  Never prints.

`packet.Packet` is one captured packet; `savefile` reads and writes pcap and
reads pcapng (as libpcap does, with its rules and its words for what is
wrong with a file); `linktypes` names the link-layer header types.
"""
