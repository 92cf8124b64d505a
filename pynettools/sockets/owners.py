"""Which process holds each socket: netstat -p's scan of /proc/<pid>/fd.

netstat walks /proc in directory order and each process's fds in order,
and the FIRST process found holding a socket owns it (a socket shared
after fork shows the parent, normally).  It reads each process's cmdline
once, when its first socket turns up.  This does the same with plain
system calls: psutil's Process objects cost more than the whole scan (see
benchmarks/bench_netstat.py).  Processes that exit mid-scan are skipped.
"""

import os

from pynettools import procfs
from pynettools.sockets.records import SocketOwner

CMDLINE_BYTES = 511  # netstat reads at most this much of /proc/<pid>/cmdline


class Owners:
    """{inode: SocketOwner}, plus what netstat warns about.

    `denied`: some process's fds could not be read (not root);
    `unreadable`: /proc itself could not be listed.
    """

    def __init__(self, by_inode, denied, unreadable=False):
        self.by_inode = by_inode
        self.denied = denied
        self.unreadable = unreadable

    def warning(self, euid):
        """netstat's warning text for this scan, or None."""
        if self.unreadable or (self.denied and not self.by_inode):
            return ('(No info could be read for "-p": geteuid()=%d but you should be root.)\n'
                    % euid)
        if self.denied:
            return ("(Not all processes could be identified, non-owned process info\n"
                    " will not be shown, you would have to be root to see it all.)\n")
        return None


def socket_inode(link):
    """The inode in an fd's link text (`socket:[123]`, `[0000]:123`), or None."""
    if link.startswith("socket:[") and link.endswith("]"):
        number = link[8:-1]
    elif link.startswith("[0000]:"):
        number = link[7:]
    else:
        return None
    return int(number) if number.isdigit() else None


def program_name(cmdline):
    """argv[0] from raw cmdline bytes, as netstat shows it (bytes)."""
    first = cmdline[:CMDLINE_BYTES].split(b"\0", 1)[0]
    return first.rsplit(b"/", 1)[1] if first.startswith(b"/") else first


def scan():
    """Owners of every socket visible under the procfs root, first found wins."""
    try:
        pids = os.listdir(procfs.PROCFS_PATH)
    except OSError:
        return Owners({}, False, unreadable=True)
    by_inode, denied = {}, False
    for pid in pids:
        if not pid.isdigit():
            continue
        try:
            fd_directory = os.open(procfs.path(pid, "fd"), os.O_RDONLY | os.O_DIRECTORY)
        except PermissionError:
            denied = True
            continue
        except OSError:  # exited meanwhile
            continue
        try:
            _scan_process(pid, fd_directory, by_inode)
        finally:
            os.close(fd_directory)
    return Owners(by_inode, denied)


def _scan_process(pid, fd_directory, by_inode):
    """Add the sockets among one process's fds; links are read relative to the
    open fd directory, which spares the kernel a path walk per fd."""
    owner = None
    try:
        fds = os.listdir(fd_directory)
    except OSError:
        return
    for fd in fds:
        try:
            inode = socket_inode(os.readlink(fd, dir_fd=fd_directory))
        except OSError:
            continue
        if inode is None:
            continue
        if owner is None:
            owner = _owner(pid)
            if owner is None:
                continue
        by_inode.setdefault(inode, owner)


def _owner(pid):
    try:
        with open(procfs.path(pid, "cmdline"), "rb") as cmdline:
            text = cmdline.read(CMDLINE_BYTES)
    except OSError:
        return None
    return SocketOwner(int(pid), program_name(text).decode("utf-8", "surrogateescape"))
