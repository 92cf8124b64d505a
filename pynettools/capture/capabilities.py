"""Linux capabilities kept across a change of user, as tcpdump keeps
CAP_DAC_OVERRIDE (with libcap-ng) when it drops to its user: so that its -w
files can be created where only root may write, and belong to that user.

Raises OSError (errno of prctl or capset): the caller words it.
"""

import ctypes
import os

PR_SET_KEEPCAPS = 8
CAP_DAC_OVERRIDE = 1
_CAPABILITY_VERSION_3 = 0x20080522  # two 32-bit words per set


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def keep_across_setuid(keep=True):
    """prctl(PR_SET_KEEPCAPS): the permitted set survives the next setuid."""
    if _libc().prctl(PR_SET_KEEPCAPS, int(keep), 0, 0, 0) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))


def restrict_to(*capabilities):
    """Make `capabilities` the whole effective and permitted sets (none inheritable)."""
    words = [0, 0]
    for capability in capabilities:
        words[capability // 32] |= 1 << capability % 32
    data = (_Data * 2)(*[_Data(word, word, 0) for word in words])
    if _libc().capset(ctypes.byref(_Header(_CAPABILITY_VERSION_3, 0)), data) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))
