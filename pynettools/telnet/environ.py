"""NEW-ENVIRON (RFC 1572): the variables pytelnet offers, as the peer asks for them."""

from pynettools.telnet import constants as T


def environment_answer(environment, requested):
    """NEW-ENVIRON IS payload for a SEND that lists `requested` (RFC 1572).

    An empty request asks for every exported variable; otherwise only the
    named VARs that are defined are sent.  Type codes inside names and values
    are escaped with ESC.
    """
    names = _requested_names(requested)
    answer = bytearray()
    for name, value in environment:
        if names is None or name.encode() in names:
            answer += bytes((T.ENV_VAR,)) + _env_escape(name.encode())
            answer += bytes((T.ENV_VALUE,)) + _env_escape(value.encode())
    return bytes(answer)


def _requested_names(requested):
    if not requested:
        return None
    names, current = set(), None
    escaped = False
    for byte in requested:
        if escaped:
            current.append(byte)
            escaped = False
        elif byte in (T.ENV_VAR, T.ENV_USERVAR):
            if current is not None:
                names.add(bytes(current))
            current = bytearray() if byte == T.ENV_VAR else None
        elif byte == T.ENV_ESC:
            escaped = current is not None
        elif current is not None:
            current.append(byte)
    if current is not None:
        names.add(bytes(current))
    return names


def _env_escape(text):
    escaped = bytearray()
    for byte in text:
        if byte in (T.ENV_VAR, T.ENV_VALUE, T.ENV_ESC, T.ENV_USERVAR):
            escaped.append(T.ENV_ESC)
        escaped.append(byte)
    return bytes(escaped)
