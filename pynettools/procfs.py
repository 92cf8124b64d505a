"""The one root under which pynettools reads the kernel's /proc, as psutil's PROCFS_PATH.

Every reader of /proc and /proc/net builds its path here, when it reads, so
that setting `pynettools.procfs.PROCFS_PATH` (tests point it at fixture
trees) moves them all at once.  Messages that quote a path keep the
original's words: netstat says "/proc/net/snmp" wherever the root is, so
they are built with `as_shown`.
"""

import os
import sys

PROCFS_PATH = "/proc"
SHOWN_ROOT = "/proc"  # how the originals name these files in their messages


def path(*parts):
    """The path of parts under the procfs root: path("1", "fd")."""
    return "/".join((PROCFS_PATH,) + parts)


def net(name):
    """The path of a /proc/net table, e.g. net("tcp6")."""
    return PROCFS_PATH + "/net/" + name


def as_shown(name):
    """How netstat names the /proc/net table `name` in its messages."""
    return SHOWN_ROOT + "/net/" + name


def has_kernel_tables():
    """True where the kernel's tables are under the root (Linux): else only psutil
    can list sockets and interfaces."""
    return sys.platform.startswith("linux") and os.path.isdir(PROCFS_PATH + "/net")


def is_default_root():
    """True when the root is the kernel's own /proc, not a fixture tree: only then
    do answers from the kernel itself (netlink, ioctls) describe the same system."""
    return PROCFS_PATH == SHOWN_ROOT


def has_kernel_net():
    """True when /proc/net is the kernel's own, under the default root: only
    then does netlink (sock_diag) describe the tables a reader of /proc/net
    would see.  In procfs /proc/net is a link to self/net; a tree mounted
    over /proc (the crafted-table tests' tmpfs) has a directory there."""
    if not is_default_root():
        return False
    try:
        return os.readlink(PROCFS_PATH + "/net") == "self/net"
    except OSError:
        return False
