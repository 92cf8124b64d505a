"""NEW-ENVIRON (RFC 1572): telnet's table of variables and its answers to SEND.

The table is telnet's: every variable of the environment, the last defined
first, none exported but DISPLAY and PRINTER (and USER for -l); DISPLAY
written `:N` or `unix:N` becomes `localhost:N`; USER is taken from LOGNAME
when unset.  `environ define/undefine/export/unexport` change it.  Observed
of telnet: a SEND naming variables gets each name back (VAR for the
well-known ones, USERVAR for the others), with its value only if exported;
an empty SEND gets every exported variable, the others before the well-known.
"""

from pynettools.telnet import constants as T

WELL_KNOWN = frozenset(("USER", "DISPLAY", "PRINTER", "SYSTEMTYPE", "JOB", "ACCT"))
_TYPE_CODES = (T.ENV_VAR, T.ENV_VALUE, T.ENV_ESC, T.ENV_USERVAR)


class EnvironmentTable:
    """name -> [value, exported], in telnet's order (`items()`)."""

    def __init__(self, environ=None):
        self._variables = {}
        for name, value in (environ or {}).items():
            self.define(name, value, exported=False)
        display = self.value("DISPLAY")
        if display is not None and (display.startswith(":") or display.startswith("unix:")):
            self._variables["DISPLAY"][0] = "localhost" + display[display.index(":"):]
        if "USER" not in self._variables and "LOGNAME" in self._variables:
            self.define("USER", self.value("LOGNAME"), exported=False)
        self.export("DISPLAY")
        self.export("PRINTER")

    def define(self, name, value, exported=True):
        """A new name goes first in the list; a known one keeps its place."""
        if name in self._variables:
            self._variables[name][:] = [value, exported]
        else:
            self._variables = {name: [value, exported], **self._variables}

    def undefine(self, name):
        self._variables.pop(name, None)

    def export(self, name, exported=True):
        if name in self._variables:
            self._variables[name][1] = exported

    def value(self, name):
        entry = self._variables.get(name)
        return entry[0] if entry else None

    def items(self):
        """(name, value, exported) in telnet's order."""
        return [(name, value, exported) for name, (value, exported) in self._variables.items()]

    def answer(self, requested):
        """The NEW-ENVIRON IS payload for a SEND listing `requested`."""
        answer = []
        for name in requested_names(requested) or [b""]:
            answer += [self._entry(name)] if name else [
                self._entry(name.encode()) for name in self._exported()]
        return b"".join(answer)

    def _exported(self):
        """Exported names as an empty SEND gets them: user variables, then well-known."""
        exported = [name for name, _, exported in self.items() if exported]
        return ([name for name in exported if name not in WELL_KNOWN] +
                [name for name in exported if name in WELL_KNOWN])

    def info(self, name):
        """The payload `environ send NAME` sends (INFO), or None if undefined."""
        return self._entry(name.encode()) if name in self._variables else None

    def _entry(self, name):
        text = name.decode("utf-8", "surrogateescape")
        kind = T.ENV_VAR if text in WELL_KNOWN else T.ENV_USERVAR
        entry = bytes((kind,)) + _escape(name)
        variable = self._variables.get(text)
        if variable is not None and variable[1]:
            entry += bytes((T.ENV_VALUE,)) + _escape(variable[0].encode("utf-8",
                                                                        "surrogateescape"))
        return entry


def requested_names(requested):
    """The names a SEND lists, in order (VAR and USERVAR alike; ESC quotes)."""
    names, current, escaped = [], None, False
    for byte in requested:
        if escaped:
            escaped = False
        elif byte in (T.ENV_VAR, T.ENV_VALUE, T.ENV_USERVAR):
            # telnet takes VALUE for VAR too (servers that swapped the two codes).
            if current is not None:
                names.append(bytes(current))
            current = bytearray()
            continue
        elif byte == T.ENV_ESC:
            escaped = True
            continue
        if current is not None:
            current.append(byte)
    if current is not None:
        names.append(bytes(current))
    return names


def _escape(text):
    escaped = bytearray()
    for byte in text:
        if byte in _TYPE_CODES:
            escaped.append(T.ENV_ESC)
        escaped.append(byte)
    return bytes(escaped)
