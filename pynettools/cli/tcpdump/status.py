"""tcpdump's exit statuses and words for every error pytcpdump can end with.

tcpdump's error() prints `tcpdump: MESSAGE` and exits 1 for everything that
stops it: a bad option (then its version and usage lines), a value its
switch rejects, a file it cannot open or read, a filter libpcap cannot
compile.  Only a failed write of the printed output differs: "Unable to
write output: Broken pipe", status 14 (tcpdump's S_ERR_ND_WRITE_FILE), with
no statistics.
"""

from pynettools.cli import exitstatus
from pynettools.cli.failure import Failure
from pynettools.cli.tcpdump.declaration import COMMAND
from pynettools.errors import (CaptureDeviceError, CaptureFileError, FileReadError,
                               FileWriteError, FilterError, FilterFileError, OutputError,
                               UnsupportedError, UsageError)


class ExitStatus(exitstatus.ExitStatus):
    OK = 0
    FAILED = 1          # tcpdump's S_ERR_HOST_PROGRAM: every error() and usage
    WRITE_FAILED = 14   # tcpdump's S_ERR_ND_WRITE_FILE: the printed output cannot be written


def failure(error):
    """The Failure tcpdump would end with for `error`."""
    prefix = COMMAND.prog + ": "
    if isinstance(error, UsageError):
        return Failure(ExitStatus.FAILED, "\n".join(COMMAND.error_lines(error)) + "\n")
    if isinstance(error, OutputError):
        return Failure(ExitStatus.WRITE_FAILED,
                       prefix + "Unable to write output: %s\n" % error.strerror)
    if isinstance(error, FilterFileError):
        return Failure(ExitStatus.FAILED, prefix + "can't open %s: %s\n" % (error.path,
                                                                            error.reason))
    if isinstance(error, (FileReadError, FileWriteError)):
        return Failure(ExitStatus.FAILED, prefix + "%s: %s\n" % (error.path, error.reason))
    if isinstance(error, (CaptureFileError, FilterError)):
        return Failure(ExitStatus.FAILED, prefix + error.reason + "\n")
    if isinstance(error, CaptureDeviceError):
        return Failure(ExitStatus.FAILED, prefix + _device_words(error))
    if isinstance(error, UnsupportedError):
        return Failure(ExitStatus.FAILED, prefix + "%s is not built in pytcpdump%s\n" % (
            error.feature, ": " + error.detail if error.detail else ""))
    return Failure(ExitStatus.FAILED, prefix + "%s\n" % error)


def _device_words(error):
    """libpcap's status words for the device (pcap_statustostr), and its error
    buffer in parentheses when it has one, as tcpdump prints them."""
    import os

    if error.problem == "missing":
        return "%s: No such device exists\n(No such device exists)\n" % error.device
    if error.problem == "down":
        return "%s: That device is not up\n" % error.device
    if error.problem == "permission":
        return ("%s: You don't have permission to perform this capture on that device\n"
                "(socket: %s)\n" % (error.device, os.strerror(error.errno)))
    if error.problem == "no monitor mode":
        return "%s: That device doesn't support monitor mode\n" % error.device
    if error.problem == "pseudo":
        return "%s: capture on this pseudo-device is not built in pytcpdump\n" % error.device
    return "%s: %s\n" % (error.device, error.problem)
