"""Type-length-value options as IPv4 and TCP headers carry them."""

END, NO_OPERATION = 0, 1


def walk(data, start, end):
    """[(kind, the option's bytes)] in data[start:end]: kinds 0 (end of the list,
    which stops it) and 1 (no-operation) are one byte long, the others give
    their length in their second byte; an impossible length stops the list
    with (kind, None)."""
    found = []
    while start < end:
        kind = data[start]
        if kind in (END, NO_OPERATION):
            found.append((kind, data[start:start + 1]))
            if kind == END:
                break
            start += 1
            continue
        length = data[start + 1] if start + 1 < end else 0
        if length < 2 or start + length > end:
            found.append((kind, None))
            break
        found.append((kind, data[start:start + length]))
        start += length
    return found
