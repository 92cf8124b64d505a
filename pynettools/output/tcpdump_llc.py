"""802.2 LLC as tcpdump prints it (llc_print, snap_print): the SAPs and the
control field of U, S and I frames, IP and STP over LLC, and SNAP with an
Ethernet type or Cisco's PVST inside.  IPX and OSI (IS-IS, CLNP, ES-IS)
payloads are not decoded: `print_llc` returns False for them and the caller
shows their bytes."""

from pynettools.decode import names as tables
from pynettools.output.tcpdump_common import Truncated
from pynettools.output.tcpdump_ethertype import print_ethertype
from pynettools.output.tcpdump_stp import print_stp

SAPS = {0x00: "Null", 0xFF: "Global", 0x02: "802.1B I", 0x03: "802.1B G", 0x06: "IP",
        0x04: "SNA", 0x0E: "ProWay NM", 0x42: "STP", 0x4E: "RS511", 0x7E: "ISO8208",
        0x8E: "ProWay", 0xAA: "SNAP", 0xE0: "IPX", 0xF0: "NetBeui", 0xFE: "OSI"}
COMMANDS = {0x03: "ui", 0xE3: "test", 0xAF: "xid", 0x63: "ua", 0x43: "disc", 0x0F: "dm",
            0x6F: "sabme", 0x87: "frmr"}
FLAGS = {0: "Command", 1: "Response", 0x10: "Poll", 0x11: "Final", 0x100: "Poll",
         0x101: "Final"}
SUPERVISORY = {0: "Receiver Ready", 1: "Receiver not Ready", 2: "Reject"}
SNAP, STP, IP, IPX, OSI, UI, XID = 0xAA, 0x42, 0x06, 0xE0, 0xFE, 0x03, 0xAF
NOT_DECODED = (IPX, OSI)  # their printers are not built here
ETHERNET_OUIS = (0x000000, 0x0000F8)
CISCO, CISCO_STP = 0x00000C, (0x010B, 0x010C)  # PVST, VLAN bridge
CISCO_PIDS = {0x2000: "CDP", 0x2003: "VTP", 0x2004: "DTP", 0x0111: "UDLD", 0x010B: "PVST",
              0x010C: "VLAN Bridge"}


def print_llc(p, data, offset, length, addresses):
    """The LLC header at `offset` (`length` bytes in the frame); `addresses`
    is "src > dst" for the lines that name the link addresses.  False when
    tcpdump goes on with the frame's bytes from the LLC header on, in hex (a
    payload it does not know, or one this printer does not decode)."""
    out = p.out
    p.protocol = "llc"
    captured = p.end - offset
    if captured < 3 or length < 3:
        out.append(" [|llc]")
        return True
    dsap_field, ssap_field, control = data[offset], data[offset + 1], data[offset + 2]
    unnumbered = control & 3 == 3
    if not unnumbered:
        if captured < 4 or length < 4:
            out.append(" [|llc]")
            return True
        control |= data[offset + 3] << 8
    if dsap_field == 0xFF and ssap_field == 0xFF:
        if p.eflag:
            out.append("IPX 802.3: ")
        return False  # IPX without an LLC header
    dsap, ssap = dsap_field & 0xFE, ssap_field & 0xFE
    size = 3 if unnumbered else 4
    if p.eflag:
        out.append("LLC, dsap %s (0x%02x) %s, ssap %s (0x%02x) %s, ctrl 0x%0*x: " % (
            SAPS.get(dsap, "Unknown"), dsap, "Group" if dsap_field & 1 else "Individual",
            SAPS.get(ssap, "Unknown"), ssap, "Response" if ssap_field & 1 else "Command",
            2 if unnumbered else 4, control))
    p.link_length = offset + size
    offset += size
    length -= size
    if dsap == ssap and control == UI:
        if dsap == SNAP:
            return _print_snap(p, data, offset, length, addresses)
        if dsap == IP:
            print_ethertype(p, 0x0800, data, offset, length)
            return True
        if dsap == STP:
            print_stp(p, data, offset, length)
            return True
        if dsap in NOT_DECODED:
            if dsap == IPX and p.eflag:
                out.append("IPX 802.2: ")
            return False
    if not p.eflag:
        _print_saps(p, addresses, dsap, ssap)
    return _print_control(p, data, offset, length, size, unnumbered, control, ssap_field & 1)


def _print_saps(p, addresses, dsap, ssap):
    """The SAPs' names, after the link addresses when the link layer has them."""
    destination = SAPS.get(dsap, "Unknown DSAP 0x%02x" % dsap)
    if addresses is None:
        p.out.append("%s " % destination if ssap == dsap else "%s > %s " % (
            SAPS.get(ssap, "Unknown SSAP 0x%02x" % ssap), destination))
    elif ssap == dsap:
        p.out.append("%s %s " % (addresses, destination))
    else:
        source_address, destination_address = addresses.split(" > ")
        p.out.append("%s %s > %s %s " % (source_address,
                                         SAPS.get(ssap, "Unknown SSAP 0x%02x" % ssap),
                                         destination_address, destination))


def _print_control(p, data, offset, length, size, unnumbered, control, response):
    """The frame's kind and numbers; True when nothing more is shown (S
    frames, XIDs with their format identifier)."""
    out = p.out
    if unnumbered:
        command = control & 0xEF
        out.append("Unnumbered, %s, Flags [%s], length %u" % (
            COMMANDS.get(command, "%02x" % command),
            FLAGS.get(response | (control & 0x10), "?"), length + size))
        if control & 0xEF == XID and length and offset < p.end and data[offset] == 0x81:
            if p.end - offset < 3 or length < 3:
                out.append(" [|llc]")
            else:
                out.append(": %02x %02x" % (data[offset + 1], data[offset + 2]))
            return True
        return bool(control & 0xEF == XID and not length)
    if control & 1:
        out.append("Supervisory, %s, rcv seq %u, Flags [%s], length %u" % (
            SUPERVISORY.get(control >> 2 & 3, "?"), control >> 9 & 0x7F,
            FLAGS.get(response | (control & 0x100), "?"), length + size))
        return True
    out.append("Information, send seq %u, rcv seq %u, Flags [%s], length %u" % (
        control >> 1 & 0x7F, control >> 9 & 0x7F, FLAGS.get(response | (control & 0x100), "?"),
        length + size))
    return False


def _print_snap(p, data, offset, length, addresses):
    """snap_print: an OUI and a protocol; Ethernet's OUIs carry an ethertype."""
    out = p.out
    p.protocol = "snap"
    if offset + 5 > p.end or length < 5:
        raise Truncated()
    oui = int.from_bytes(data[offset:offset + 3], "big")
    ethertype = data[offset + 3] << 8 | data[offset + 4]
    if p.eflag:
        out.append("oui %s (0x%06x), %s %s (0x%04x), length %u: " % (
            tables.OUI.get(oui, "Unknown"), oui, "ethertype" if oui == 0 else "pid",
            _pid_name(oui, ethertype), ethertype, length - 5))
    p.link_length = offset + 5
    if oui in ETHERNET_OUIS and print_ethertype(p, ethertype, data, offset + 5, length - 5):
        return True
    if oui == CISCO and ethertype in CISCO_STP:
        print_stp(p, data, offset + 5, length - 5)
        return True
    if not p.eflag:
        if addresses is not None:
            out.append("%s " % addresses)
        if oui == 0:
            out.append("SNAP, ethertype %s (0x%04x), length %u: " % (
                tables.ETHERTYPES.get(ethertype, "Unknown"), ethertype, length - 5))
        else:
            out.append("SNAP, oui %s (0x%06x), pid %s (0x%04x), length %u: " % (
                tables.OUI.get(oui, "Unknown"), oui, _pid_name(oui, ethertype), ethertype,
                length - 5))
    return False


def _pid_name(oui, pid):
    """Ethernet's and AppleTalk's OUIs name their protocol as an ethertype,
    Cisco's from its own table."""
    if oui in ETHERNET_OUIS or oui == 0x080007:
        return tables.ETHERTYPES.get(pid, "Unknown")
    if oui == CISCO:
        return CISCO_PIDS.get(pid, "Unknown")
    return "Unknown"
