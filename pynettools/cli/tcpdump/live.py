"""pytcpdump's live mode: tcpdump 4.99's main() from opening the device to
its statistics (the options -D, -L, -J, -i, -p, -Q, -B, -y, -Z,
--immediate-mode, and the capture itself).

The order is tcpdump's, since what fails first decides the message: the
device is opened (with the privileges of root), -d prints the program and
stops, the privileges are dropped (to -Z's user, or Debian's `tcpdump` when
root), the filter goes into the kernel, the -w file is opened (so that it
belongs to that user), the banners are printed and packets are taken until
-c, SIGINT or SIGTERM.  A signal ends the capture as tcpdump's cleanup()
does: a newline on stdout, the statistics on stderr, status 0.
"""

import os
import signal
import sys

from pynettools.bpf import LIVE
from pynettools.capture import linktypes
from pynettools.cli.tcpdump import privileges
from pynettools.cli.tcpdump.declaration import COMMAND, Complaint, filter_expression
from pynettools.cli.tcpdump.program import compile_program, print_program
from pynettools.cli.tcpdump.status import ExitStatus
from pynettools.errors import CaptureDeviceError
from pynettools.output import write

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def run(args, sink):
    from pynettools.capture import devices

    if args.list_interfaces:
        write("".join(device_lines(devices.find_all())))
        return ExitStatus.OK
    device = _device_name(args.interface, devices)
    if args.list_data_link_types or args.list_time_stamp_types:
        return _list_types(args, device)
    if args.time_stamp_type not in (None, "host"):  # the kernel's clock is the only one here
        write("%sWARNING: When trying to set timestamp type '%s' on %s: That type of time "
              "stamp is not supported by that device\n" % (_prefix(), args.time_stamp_type,
                                                           device), sys.stderr)
    capture = open_capture(args, device)
    with capture:
        if args.monitor_mode:
            raise CaptureDeviceError(device, "no monitor mode")
        if args.linktype is not None or args.interface is not None and device == "any":
            write("%sdata link type %s\n" % (_prefix(), linktypes.NAMES[capture.linktype][0]),
                  sys.stderr)
        program = compile_program(args, filter_expression(args), capture.linktype,
                                  capture.snaplen, LIVE)
        if args.dump_program:
            print_program(args, program)
            return ExitStatus.OK
        privileges.drop_for(args)
        capture.set_filter(program)
        sink.start(capture.linktype, capture.snaplen)
        _say_listening(args, capture)
        return _capture(capture, sink)


def device_lines(found):
    """tcpdump -D's lines: number, name, description, flags."""
    from pynettools.capture.devices import describe_flags

    lines = []
    for number, device in enumerate(found, 1):
        line = "%d.%s" % (number, device.name)
        if device.description:
            line += " (%s)" % device.description
        if device.flags:
            line += " [%s]" % describe_flags(device.flags)
        lines.append(line + "\n")
    return lines


def _device_name(interface, devices):
    """-i's device (a number: the Nth of -D's list), or the default device."""
    if interface is None:
        return devices.default_device()
    if interface.isdigit() and not _is_interface(interface):
        name = devices.by_number(int(interface))
        if name is None:
            raise Complaint("Invalid adapter index")
        return name
    return interface


def _is_interface(name):
    import socket

    try:
        socket.if_nametoindex(name)
    except OSError:
        return False
    return True


def open_capture(args, device):
    """The LiveCapture for the command line (-s, -p, -B, --immediate-mode, -Q, -y)."""
    from pynettools.capture.live import INOUT, LiveCapture

    cooked = args.linktype if device == "any" and args.linktype in (
        linktypes.LINUX_SLL, linktypes.LINUX_SLL2) else linktypes.LINUX_SLL2
    if device == "any" and args.interface is None:
        cooked = linktypes.LINUX_SLL  # tcpdump asks for LINUX_SLL2 only for a named -i any
    # tcpdump asks for immediate mode also when it prints to a terminal
    immediate = bool(args.immediate_mode) or args.write_file is None and os.isatty(1)
    options = {"promiscuous": not args.no_promiscuous, "immediate": immediate,
               "direction": args.direction or INOUT, "cooked_linktype": cooked}
    if args.snaplen:
        options["snaplen"] = args.snaplen
    if args.buffer_size:
        options["buffer_size"] = args.buffer_size
    capture = LiveCapture(device, **options)
    if args.linktype is not None and args.linktype not in _link_types(capture):
        capture.close()
        raise Complaint("%s is not one of the DLTs supported by this device"
                        % linktypes.NAMES[args.linktype][0])
    return capture


def _link_types(capture):
    """The link types -L lists for the device (DOCSIS: not captured here)."""
    if capture.device == "any":
        return [linktypes.LINUX_SLL, linktypes.LINUX_SLL2]
    return [capture.linktype]


def _list_types(args, device):
    capture = open_capture(args, device)
    with capture:
        if args.list_time_stamp_types:
            write("Time stamp types for %s (use option -j to set):\n  host (Host)\n" % device,
                  sys.stderr)
            return ExitStatus.OK
        lines = ["Data link types for %s (use option -y to set):\n" % device]
        lines += ["  %s\n" % linktypes.describe(linktype) for linktype in _link_types(capture)]
        if capture.linktype == linktypes.ETHERNET and capture.ifindex != capture.lo_ifindex:
            lines.append("  DOCSIS (DOCSIS) (printing not supported)\n")  # libpcap offers it
        write("".join(lines), sys.stderr)
    return ExitStatus.OK


def _prefix():
    return COMMAND.prog + ": "


def _say_listening(args, capture):
    if not args.verbose and args.write_file is None:
        lead = "%sverbose output suppressed, use -v[v]... for full protocol decode\n" % _prefix()
    else:
        lead = _prefix()
    write("%slistening on %s, link-type %s, snapshot length %d bytes\n" % (
        lead, capture.device, linktypes.describe(capture.linktype), capture.snaplen),
        sys.stderr)


def _capture(capture, sink):
    """Take packets until -c, a signal, or the device going away; then the statistics."""
    stopped_by = []

    def stop(signum, _frame):
        stopped_by.append(signum)
        capture.stop()

    previous = [signal.signal(signum, stop) for signum in _STOP_SIGNALS]
    status, failure = ExitStatus.OK, None
    try:
        for packet in capture.packets():
            if not sink.take(packet) or stopped_by:
                break
    except CaptureDeviceError as error:
        status, failure = ExitStatus.FAILED, error
    finally:
        for signum, handler in zip(_STOP_SIGNALS, previous):
            signal.signal(signum, handler)
    sink.finish()
    if failure is not None:
        write("%spcap_loop: %s\n" % (_prefix(), _loop_error(failure)), sys.stderr)
    elif stopped_by:
        write("\n")
        sink.flush()
    write(statistics_lines(sink.captured, *capture.statistics()), sys.stderr)
    return status


def _loop_error(error):
    import errno

    if error.errno == errno.ENODEV:
        return "The interface disappeared"
    return "Error condition on packet socket: %s" % os.strerror(error.errno)


def statistics_lines(captured, received, dropped, interface_dropped=0):
    """tcpdump's info(1): one count a line, `1 packet` in the singular, the
    interface's drops only when there are some."""
    counts = [(captured, "captured"), (received, "received by filter"),
              (dropped, "dropped by kernel")]
    if interface_dropped:
        counts.append((interface_dropped, "dropped by interface"))
    return "".join("%u packet%s %s\n" % (count, "" if count == 1 else "s", what)
                   for count, what in counts)
