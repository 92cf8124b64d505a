"""Which process holds each socket: netstat -p's scan of /proc/<pid>/fd.

netstat walks /proc in directory order and each process's fds in order,
and the FIRST process found holding a socket owns it (a socket shared
after fork shows the parent, normally).  It reads each process's cmdline
once, when its first socket turns up.  This does the same with plain
system calls: psutil's Process objects cost more than the whole scan (see
benchmarks/bench_netstat.py), and the fds of a process holding thousands
are read by two threads.  Processes that exit mid-scan are skipped.
"""

import functools
import itertools
import operator
import os
import threading

from pynettools import procfs
from pynettools.sockets.records import SocketOwner

CMDLINE_BYTES = 511  # netstat reads at most this much of /proc/<pid>/cmdline
SOCKET_LINK, OLD_SOCKET_LINK = "socket:[", "[0000]:"  # an fd's link text: socket:[inode]
_NUMBER = operator.itemgetter(slice(len(SOCKET_LINK), -1))
_SPLIT_FDS = 2048  # a process with more fds than this has its links read by two threads


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
    if link.startswith(SOCKET_LINK) and link.endswith("]"):
        number = link[len(SOCKET_LINK):-1]
    elif link.startswith(OLD_SOCKET_LINK):
        number = link[len(OLD_SOCKET_LINK):]
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
    found, denied, itself = [], False, str(os.getpid())
    for pid in pids:
        if not pid.isdigit() or pid == itself:
            # netstat holds no socket while it scans; this process may (sock_diag's
            # dump runs meanwhile), and would change which warning is given
            continue
        try:
            fd_directory = os.open(procfs.path(pid, "fd"), os.O_RDONLY | os.O_DIRECTORY)
        except PermissionError:
            denied = True
            continue
        except OSError:  # exited meanwhile
            continue
        try:
            inodes = socket_inodes(_links(fd_directory))
        finally:
            os.close(fd_directory)
        owner = _owner(pid) if inodes else None
        if owner is not None:
            found.append(dict.fromkeys(inodes, owner))
    by_inode = {}
    for owned in reversed(found):  # earlier processes last: the first found wins
        by_inode.update(owned)
    return Owners(by_inode, denied)


def _links(fd_directory):
    """The link texts of the fds in an open fd directory, fds closed meanwhile
    skipped.  Each readlink is a system call of a few microseconds, almost
    all of it in the kernel with the GIL released: a process holding
    thousands of fds has the second half of them read by a second thread,
    where there is a second CPU to run it."""
    try:
        fds = os.listdir(fd_directory)
    except OSError:
        return []
    if len(fds) < _SPLIT_FDS or not _more_than_one_cpu():
        return _read_links(fd_directory, fds)
    half, second = len(fds) // 2, []

    def read_second_half():
        try:
            second.append(_read_links(fd_directory, fds[half:]))
        except BaseException as error:  # raised again in the scanning thread
            second.append(error)

    helper = threading.Thread(target=read_second_half, daemon=True)
    helper.start()
    first = _read_links(fd_directory, fds[:half])
    helper.join()
    if isinstance(second[0], BaseException):
        raise second[0]
    return first + second[0]


@functools.lru_cache(maxsize=None)
def _more_than_one_cpu():
    return len(os.sched_getaffinity(0)) > 1


def _read_links(fd_directory, fds):
    """The link texts of `fds` in an open fd directory.  Read relative to it,
    which spares the kernel a path walk per fd, and all in one C-level map."""
    read = functools.partial(os.readlink, dir_fd=fd_directory)
    try:
        return list(map(read, fds))
    except OSError:  # an fd went away mid-scan: again, one at a time
        links = []
        for fd in fds:
            try:
                links.append(read(fd))
            except OSError:
                continue
        return links


def socket_inodes(links):
    """The inodes of the socket links among `links`, as socket_inode reads them.

    Tens of thousands of fds are parsed with C-level maps when every socket
    link is the kernel's `socket:[N]`; anything else goes link by link.
    """
    sockets = list(itertools.compress(links, map(str.startswith, links,
                                                  itertools.repeat(SOCKET_LINK))))
    numbers = list(map(_NUMBER, sockets))
    if (not any(map(str.startswith, links, itertools.repeat(OLD_SOCKET_LINK)))
            and all(map(str.endswith, sockets, itertools.repeat("]")))
            and ("".join(numbers).isdigit() or not numbers)):
        return list(map(int, numbers))
    return [inode for inode in map(socket_inode, links) if inode is not None]


def _owner(pid):
    try:
        with open(procfs.path(pid, "cmdline"), "rb") as cmdline:
            text = cmdline.read(CMDLINE_BYTES)
    except OSError:
        return None
    return SocketOwner(int(pid), program_name(text).decode("utf-8", "surrogateescape"))
