"""The errors pynettools raises: what went wrong, as data.

Core code raises these and never words them for a terminal nor picks an exit
status: each command's front end (`pynettools.cli.<command>.status`) turns
them into its original's words and exit status, in one place.  OS errors
become these at the boundary where they happen (a socket call, opening a
file), so that the error names the call or file that failed and its errno.

    PynettoolsError
    ├── UsageError            the command line is wrong (front ends only)
    │   └── OptionError       the option parser's own complaints
    ├── ResolveError          a host or service name does not resolve
    ├── SocketCallError       a socket call failed: which call, which errno
    │   └── PrivilegeError    ... because the method needs privileges
    ├── ConnectError          no address of a host accepted the connection
    ├── FileReadError         a file the user named cannot be read
    │   ├── ServicesFileError ... a services(5) file
    │   └── FilterFileError   ... a file of filter expression (tcpdump -F)
    ├── FileWriteError        a file the user named cannot be created or written
    ├── CaptureFileError      a savefile (pcap, pcapng) is not what it must be
    ├── CaptureDeviceError    a capture device cannot be opened or went away
    ├── OutputError           the printed output cannot be written (a closed pipe)
    ├── FilterError           a filter expression cannot be compiled
    └── UnsupportedError      something this build cannot do here
"""

import os


class PynettoolsError(Exception):
    """Every error pynettools raises on purpose."""


class UsageError(PynettoolsError):
    """The command line is wrong: `message` is the complaint in the original's words.

    Raised by the command-line front ends only (core code takes checked
    values); the front end also decides what follows the message.
    """

    @property
    def message(self):
        return self.args[0]


class OptionError(UsageError):
    """The option parser's own complaints, worded by the command's style.

    `kind` is one of "invalid", "unrecognized", "ambiguous", "needs-argument",
    "no-argument"; `option` is the option as the user spelled it (`-x`,
    `--foo`); `candidates` lists the long names an ambiguous prefix matches.
    """

    def __init__(self, kind, option, candidates=()):
        super().__init__("%s %s" % (kind, option))
        self.kind = kind
        self.option = option
        self.candidates = tuple(candidates)


class ResolveError(PynettoolsError):
    """`host` (and `service`, when one was given) cannot be made an address.

    `reason` is the resolver's own message (gai_strerror).
    """

    def __init__(self, host, reason, service=None):
        super().__init__("%s: %s" % (host, reason))
        self.host = host
        self.reason = reason
        self.service = service


class SocketCallError(PynettoolsError):
    """A socket call failed: `call` names it as C programs report it
    ("send", "bind", "setsockopt SO_MARK"); `errno` is the OS error number."""

    def __init__(self, call, errno):
        super().__init__("%s: %s" % (call, os.strerror(errno)))
        self.call = call
        self.errno = errno

    @property
    def strerror(self):
        return os.strerror(self.errno)

    @classmethod
    def from_os_error(cls, call, error):
        """The error for an OSError raised by `call`; a PrivilegeError for EPERM/EACCES
        when the call opens a socket, since that is what a raw socket needs."""
        number = error.errno or 0
        if call == "socket" and isinstance(error, PermissionError):
            return PrivilegeError(call, number)
        return cls(call, number)


class PrivilegeError(SocketCallError):
    """A socket the method needs may not be opened without privileges."""


class ConnectError(PynettoolsError):
    """No address of the host accepted a connection; `reason` is the last failure's
    message (strerror), `errno` its number (None when there was no address)."""

    def __init__(self, reason, errno=None):
        super().__init__(reason)
        self.reason = reason
        self.errno = errno


class FileReadError(PynettoolsError):
    """A file cannot be read: `path` and the OS `reason` (strerror)."""

    def __init__(self, path, reason):
        super().__init__("%s: %s" % (path, reason))
        self.path = path
        self.reason = reason


class ServicesFileError(FileReadError):
    """A services(5) file cannot be read."""


class FilterFileError(FileReadError):
    """A file holding a filter expression (tcpdump -F) cannot be read."""


class FileWriteError(PynettoolsError):
    """A file cannot be created or written: `path` and the OS `reason` (strerror)."""

    def __init__(self, path, reason):
        super().__init__("%s: %s" % (path, reason))
        self.path = path
        self.reason = reason


class CaptureFileError(PynettoolsError):
    """A savefile is not what it must be; `reason` in libpcap's words, as its
    error buffer says it ("truncated dump file; tried to read ...")."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class CaptureDeviceError(PynettoolsError):
    """Capture on `device` cannot start or cannot go on.  `problem` is one of
    "missing" (no such interface), "down" (not up), "permission" (no
    privilege to open a packet socket: `errno` of socket()), "no monitor mode"
    (-I on a device that is not wireless), "pseudo" (a pseudo-device
    of tcpdump's list that this build does not capture on), "gone" (the
    interface went down or disappeared while capturing); `errno` the OS error
    behind it, when there is one."""

    def __init__(self, device, problem, errno=None):
        super().__init__("%s: %s" % (device, problem))
        self.device = device
        self.problem = problem
        self.errno = errno


class OutputError(PynettoolsError):
    """Writing the printed output failed: `errno` of the write (EPIPE for a
    closed pipe); `strerror` its words."""

    def __init__(self, errno):
        super().__init__(os.strerror(errno))
        self.errno = errno

    @property
    def strerror(self):
        return os.strerror(self.errno)


class FilterError(PynettoolsError):
    """A pcap-filter(7) expression cannot be compiled; `reason` in libpcap's
    words, as tcpdump prints them after "tcpdump: " ("can't parse filter
    expression: syntax error", "expression rejects all packets", ...)."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class UnsupportedError(PynettoolsError):
    """`feature` exists in the original but cannot be done by this build or kernel."""

    def __init__(self, feature, detail=""):
        super().__init__(feature + (": " + detail if detail else ""))
        self.feature = feature
        self.detail = detail
