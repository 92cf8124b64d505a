"""UDP headers (RFC 768)."""


def layer(data, offset, end, length, pseudo_sum, ipv6):
    """The UDP layer: ports, length, checksum (0 in IPv4 means none)."""
    from pynettools.decode.checksum import checksum

    if end - offset < 8:
        return {"protocol": "udp", "truncated": True}
    field_length = data[offset + 4] << 8 | data[offset + 5]
    field = data[offset + 6] << 8 | data[offset + 7]
    found = {"protocol": "udp", "source_port": data[offset] << 8 | data[offset + 1],
             "destination_port": data[offset + 2] << 8 | data[offset + 3],
             "length": field_length, "checksum": field,
             "payload_length": max(min(field_length, length) - 8, 0)}
    covered = min(field_length, length)
    if (field or ipv6) and covered >= 8 and offset + covered <= end:
        found["checksum_valid"] = checksum(data[offset:offset + covered], pseudo_sum) == 0
    return found
