"""Result records of the socket tables (pynetstat), beside the shared ones in models.

Named tuples for the same reason as `pynettools.models`; kept here so that
the commands that do not list sockets do not pay for creating them.
"""

from pynettools.models import record

InternetSocket = record(
    "InternetSocket",
    "protocol family recv_queue send_queue local_address local_port remote_address "
    "remote_port state uid inode timer owner",
)
InternetSocket.__doc__ = """One TCP, UDP, UDP-Lite or raw socket, as netstat lists it.

protocol: as netstat names it ("tcp", "tcp6", "udp", "udp6", "udpl", "udpl6",
"raw", "raw6"); family: "inet" or "inet6"; recv_queue, send_queue: int bytes;
local_address, remote_address: numeric text ("127.0.0.1", "::1"); local_port,
remote_port: int (raw sockets: the IP protocol number); state: the text netstat
shows ("LISTEN", "ESTABLISHED", "" for an unconnected UDP socket, the
kernel's number for a raw socket); uid, inode: int; timer: SocketTimer;
owner: SocketOwner, or None when not asked for (-p) or not found.
"""

SocketTimer = record("SocketTimer", "code clock_ticks retransmits timeouts")
SocketTimer.__doc__ = """The timer columns of /proc/net/*, which -o shows.

code: 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe;
clock_ticks: time left, in 1/100 s; retransmits, timeouts: int.
"""

SocketOwner = record("SocketOwner", "pid program")
SocketOwner.__doc__ = """The first process netstat -p finds holding a socket.

pid: int; program: argv[0], without its directory when it starts with `/`.
"""

UnixSocket = record("UnixSocket", "protocol refcount flags type state inode path owner")
UnixSocket.__doc__ = """One UNIX domain socket, as netstat lists it.

protocol: "unix" ("??" for a protocol the kernel numbers otherwise);
refcount, inode: int; flags: tuple of "ACC", "W", "N"; type: "STREAM",
"DGRAM", "SEQPACKET", ...; state: "LISTENING", "CONNECTED", "" ...;
path: str ("" unbound, "@name" abstract); owner: SocketOwner or None.
"""
