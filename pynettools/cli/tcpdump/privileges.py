"""Giving up root as Debian's tcpdump does: droproot() to -Z's user (by default
`tcpdump`, Debian builds it --with-user=tcpdump) once the device or the first
savefile is open, so that the -w files belong to that user; with -w,
CAP_DAC_OVERRIDE is kept, as tcpdump built with libcap-ng keeps it.

An interpreter reads modules on first import, so what a capture imports late
would then be read as that user.  Where the interpreter or the package lives
somewhere that user may not read (pyenv under /root, a venv in a private
home), the first DNS packet would end the run with an ImportError: the
modules the printer, the decoders and the writers use are imported before
the drop.
"""

import os
import sys

from pynettools.cli.tcpdump.declaration import Complaint

DEFAULT_USER = "tcpdump"
_OTHERS_MAY_LIST = 0o005  # S_IROTH | S_IXOTH


def drop_for(args):
    """drop_privileges() as tcpdump's command line `args` ask: -Z's user, -w's
    files, --json's records."""
    drop_privileges(args.user, keep_file_access=args.write_file is not None,
                    json_records=bool(args.json))


def drop_privileges(user, keep_file_access=False, json_records=False):
    """Become `user` (None: Debian's default) when running as root;
    `keep_file_access` (-w): keep CAP_DAC_OVERRIDE, so that the files can be
    made in a folder only root may write in; `json_records` (--json): the
    packets will be decoded into records, which need more of dnspython.
    Raises Complaint in tcpdump's words when the user is unknown or the
    change fails."""
    if os.getuid() != 0 and os.geteuid() != 0:
        return
    import pwd

    name = user or DEFAULT_USER
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise Complaint("Couldn't find user '%.32s'" % name) from None
    if entry.pw_uid != 0 and not _others_may_read_imports():
        _preload(json_records)
    try:
        os.initgroups(name, entry.pw_gid)
        os.setgid(entry.pw_gid)
        if keep_file_access and entry.pw_uid != 0:
            from pynettools.capture import capabilities

            capabilities.keep_across_setuid()
            os.setuid(entry.pw_uid)
            capabilities.restrict_to(capabilities.CAP_DAC_OVERRIDE)
            capabilities.keep_across_setuid(False)
        else:
            os.setuid(entry.pw_uid)
    except OSError as error:
        raise Complaint("Couldn't change to '%.32s' uid=%d gid=%d: %s" % (
            name, entry.pw_uid, entry.pw_gid, error.strerror)) from None


def _others_may_read_imports():
    """Whether any user may list every folder imports come from (sys.path)
    and search every folder above them.  Group rights are not counted: where
    only they would allow it, the modules are imported all the same."""
    for entry in sys.path:
        folder = os.path.abspath(entry or os.curdir)
        if not os.path.isdir(folder):
            continue  # python311.zip and other entries that are not there
        need = _OTHERS_MAY_LIST
        while True:
            if os.stat(folder).st_mode & need != need:
                return False
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder, need = parent, 0o001  # S_IXOTH: only searched
    return True


def _preload(json_records):
    """Import what a capture may import late: the printer, the decoders, the
    -w and --json writers, the name lookups, and the parts of dnspython the
    DNS decoder uses: for the text only its names; for records its messages
    and every record type, which it imports by name (about 0.1 s)."""
    import importlib
    import pkgutil

    import pynettools.decode
    import pynettools.output

    for package, prefix in ((pynettools.decode, ""), (pynettools.output, "tcpdump")):
        for module in pkgutil.iter_modules(package.__path__):
            if module.name.startswith(prefix):
                importlib.import_module(package.__name__ + "." + module.name)
    for name in ("pynettools.capture.rotation", "pynettools.capture.pcapng",
                 "pynettools.output.jsonout", "json", "pynettools.services", "pynettools.resolve",
                 "dns.name", "dns.wire", "dns.exception"):
        importlib.import_module(name)
    if not json_records:
        return
    for name in ("dns.flags", "dns.message", "dns.opcode", "dns.rcode", "dns.rdatatype",
                 "dns.rdataclass", "dns.rdtypes"):
        importlib.import_module(name)
    rdtypes = sys.modules["dns.rdtypes"]
    for module in pkgutil.walk_packages(rdtypes.__path__, "dns.rdtypes."):
        importlib.import_module(module.name)
