"""TCP headers (RFC 9293) and options."""

import struct

from pynettools.decode.options import walk

HEADER = struct.Struct("!HHIIBBHHH")  # ports, sequence, acknowledgement, offset, flags,
#                                       window, checksum, urgent pointer
FLAG_NAMES = ("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR")
EOL, NOP, MSS, WSCALE, SACK_PERMITTED, SACK, TIMESTAMP, MD5 = 0, 1, 2, 3, 4, 5, 8, 19
# the options whose value is one number of a fixed size (MD5: a 16-byte digest)
VALUE_SIZES = {MSS: 2, WSCALE: 1, 6: 4, 7: 4, TIMESTAMP: 8, 11: 4, 12: 4, 13: 4, MD5: 16}


def options(data, start, end):
    """[(kind, value bytes)] of the options in data[start:end], up to EOL or to an
    option whose length is impossible (its kind is then listed with None)."""
    return [(kind, option if option is None else option[2:]) for kind, option in
            walk(data, start, end)]


OPTION_NAMES = {EOL: "eol", NOP: "nop", MSS: "mss", WSCALE: "wscale",
                SACK_PERMITTED: "sack-permitted", SACK: "sack", TIMESTAMP: "timestamp",
                MD5: "md5", 28: "user-timeout", 29: "tcp-ao", 30: "mptcp", 34: "fast-open"}


def layer(data, offset, end, length, pseudo_sum):
    """The TCP layer: ports, numbers, flags, window, checksum, options."""
    from pynettools.decode.checksum import checksum

    if end - offset < 20:
        return {"protocol": "tcp", "truncated": True}
    sport, dport, seq, ack, word, flags, window, field, urgent = HEADER.unpack_from(data, offset)
    header_length = (word >> 4) * 4
    found = {"protocol": "tcp", "source_port": sport, "destination_port": dport, "seq": seq,
             "ack": ack, "header_length": header_length,
             "flags": [name for bit, name in enumerate(FLAG_NAMES) if flags & 1 << bit],
             "window": window, "checksum": field, "urgent_pointer": urgent,
             "payload_length": max(length - header_length, 0)}
    if offset + length <= end:
        found["checksum_valid"] = checksum(data[offset:offset + length], pseudo_sum) == 0
    if header_length > 20:
        found["options"] = [_option(kind, value) for kind, value in
                            options(data, offset + 20, min(offset + header_length, end))]
    return found


def _option(kind, value):
    option = {"kind": kind, "name": OPTION_NAMES.get(kind, str(kind))}
    if value is None:
        option["malformed"] = True
    elif kind == TIMESTAMP and len(value) == 8:
        option["value"], option["echo"] = (int.from_bytes(value[:4], "big"),
                                           int.from_bytes(value[4:], "big"))
    elif kind == SACK:
        option["blocks"] = [[int.from_bytes(value[at:at + 4], "big"),
                             int.from_bytes(value[at + 4:at + 8], "big")]
                            for at in range(0, len(value) - 7, 8)]
    elif kind in VALUE_SIZES and len(value) == VALUE_SIZES[kind] and kind != MD5:
        option["value"] = int.from_bytes(value, "big")
    elif value:
        option["data"] = value.hex()
    return option
