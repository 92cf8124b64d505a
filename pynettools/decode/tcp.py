"""TCP headers (RFC 9293) and options."""

import struct

HEADER = struct.Struct("!HHIIBBHHH")  # ports, sequence, acknowledgement, offset, flags,
#                                       window, checksum, urgent pointer
FLAG_NAMES = ("FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR")
EOL, NOP, MSS, WSCALE, SACK_PERMITTED, SACK, TIMESTAMP, MD5 = 0, 1, 2, 3, 4, 5, 8, 19
# the options whose value is one number of a fixed size (MD5: a 16-byte digest)
VALUE_SIZES = {MSS: 2, WSCALE: 1, 6: 4, 7: 4, TIMESTAMP: 8, 11: 4, 12: 4, 13: 4, MD5: 16}


def options(data, start, end):
    """[(kind, value bytes)] of the options in data[start:end], up to EOL or to an
    option whose length is impossible (its kind is then listed with None)."""
    found = []
    while start < end:
        kind = data[start]
        if kind in (EOL, NOP):
            found.append((kind, b""))
            if kind == EOL:
                break
            start += 1
            continue
        length = data[start + 1] if start + 1 < end else 0
        if length < 2 or start + length > end:
            found.append((kind, None))
            break
        found.append((kind, data[start + 2:start + length]))
        start += length
    return found
