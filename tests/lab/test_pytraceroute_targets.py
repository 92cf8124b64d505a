"""pytraceroute --targets=FILE beside traceroute run once per target.

The file holds the benchmark's mix (`routers.BATCH_TARGETS`: answered,
host-unreachable, net-unreachable and blackholed IPv4 targets, answered and
admin-prohibited IPv6 ones) and hosts that do not resolve.  Every block the
batch prints must be what traceroute prints for that target alone (times
masked), stderr must hold traceroute's lines for the others, and the exit
status must be the highest of theirs.  Hostile files (junk, a million
lines, a line of 200 MB) must end cleanly with bounded memory.
"""

import os
import pty
import subprocess
import sys

import pytest

from tests.commands import command_path, needs_root
from tests.jsoncheck import assert_valid
from tests.lab.routers import BATCH_TARGETS, CLIENT4, DEST4, add_batch_targets, build_lab
from tests.lab.tracecompare import masked

pytestmark = needs_root

MIX = [address for addresses in BATCH_TARGETS.values() for address in addresses]
UNKNOWN = ["nosuch.invalid", "a b", "1.2.3.4.5"]
OPTIONS = ["-n", "-w", "1", "-m", "8"]
PEAK_LIMIT_KB = 100 * 1024  # generous: a trace needs about 20 MB


@pytest.fixture(scope="module")
def lab():
    with build_lab() as built:
        add_batch_targets(built)
        yield built


def targets_file(tmp_path, lines, name="targets"):
    path = tmp_path / name
    path.write_text("".join(line + "\n" for line in lines))
    os.chmod(tmp_path, 0o755)
    path.chmod(0o644)
    return str(path)


def blocks(stdout):
    """{target: its block} from a batch's stdout (each block starts with its header)."""
    found = {}
    for block in masked(stdout).decode().split("traceroute to ")[1:]:
        found[block.split(" ", 1)[0]] = "traceroute to " + block
    return found


def alone(lab, options, target):
    done = lab.run(["traceroute", *options, target])
    return done.returncode, masked(done.stdout).decode(), done.stderr.decode()


def batch(lab, options, path, **kwargs):
    return lab.run([command_path("pytraceroute"), *options, "--targets=" + path], **kwargs)


def test_every_block_is_what_traceroute_prints_alone(lab, tmp_path):
    path = targets_file(tmp_path, ["# the benchmark's mix", ""] + MIX + UNKNOWN + ["dest.lab"])
    for attempt in range(3):
        done = batch(lab, OPTIONS, path)
        mine = blocks(done.stdout)
        expected = {target: alone(lab, OPTIONS, target) for target in MIX + ["dest.lab"]}
        different = [target for target, (_status, text, _err) in expected.items()
                     if mine.get(target) != text]
        if not different:
            break
    assert different == [] and len(mine) == len(MIX) + 1
    errors = done.stderr.decode()
    for target in UNKNOWN:
        status, text, err = alone(lab, OPTIONS, target)
        assert (status, text) == (2, "") and err in errors
    assert done.returncode == 2


def test_status_is_0_when_every_trace_ran(lab, tmp_path):
    done = batch(lab, OPTIONS, targets_file(tmp_path, BATCH_TARGETS["answered"][:3]))
    assert (done.returncode, done.stderr) == (0, b"")
    assert len(blocks(done.stdout)) == 3


def test_a_check_that_fails_for_some_targets_fails_for_those_alone(lab, tmp_path):
    """-s with an IPv4 source: the IPv6 targets are refused as alone, the rest trace."""
    path = targets_file(tmp_path, [DEST4, BATCH_TARGETS["answered6"][0]])
    options = OPTIONS + ["-s", CLIENT4]
    done = batch(lab, options, path)
    status, text, err = alone(lab, options, BATCH_TARGETS["answered6"][0])
    assert (status, text) == (2, "") and done.stderr.decode() == err
    assert list(blocks(done.stdout).values()) == [alone(lab, options, DEST4)[1]]
    assert done.returncode == 2


def test_a_trace_that_fails_ends_as_it_would_alone(lab, tmp_path):
    """A source address the client does not have: bind fails after the header."""
    options = OPTIONS + ["-s", "192.0.2.99"]
    done = batch(lab, options, targets_file(tmp_path, [DEST4, BATCH_TARGETS["blackhole"][0]]))
    for target in (DEST4, BATCH_TARGETS["blackhole"][0]):
        status, text, err = alone(lab, options, target)
        assert status == 1 and text in masked(done.stdout).decode()
    assert done.stderr.decode() == err * 2 and done.returncode == 1


def test_standard_input_and_names_per_target(lab):
    done = lab.run([command_path("pytraceroute"), "-q", "1", "-w", "1", "--targets=-"],
                   input=b"dest.lab\n%s\n" % BATCH_TARGETS["answered"][0].encode())
    assert done.returncode == 0
    assert set(blocks(done.stdout)) == {"dest.lab", BATCH_TARGETS["answered"][0]}
    assert blocks(done.stdout)["dest.lab"] == alone(lab, ["-q", "1", "-w", "1"], "dest.lab")[1]


def test_json_lines_one_per_trace(lab, tmp_path):
    path = targets_file(tmp_path, MIX + ["nosuch.invalid"])
    done = batch(lab, OPTIONS + ["--json"], path)
    traces = assert_valid("pytraceroute", done.stdout)
    assert sorted(trace["target"] for trace in traces) == sorted(MIX)
    assert all(trace["type"] == "trace" and list(trace)[0] == "schema" for trace in traces)
    reached = {trace["target"]: trace["reached"] for trace in traces}
    assert [reached[target] for target in BATCH_TARGETS["answered"]] == [True] * 10
    assert not any(reached[target] for target in BATCH_TARGETS["blackhole"])
    assert done.returncode == 2 and b"nosuch.invalid" in done.stderr
    lines = done.stdout.decode().splitlines()
    by_target = {trace["target"]: trace for trace in traces}
    text = batch(lab, OPTIONS, path).stdout
    for target, block in blocks(text).items():  # the same hops as the text
        hops = block.splitlines()[1:]
        assert len(hops) == len(by_target[target]["hops"]), target
    assert len(lines) == len(MIX)


def _on_a_terminal(lab, argv):
    """Run argv with stderr on a pseudo-terminal: (status, stdout, what the terminal got)."""
    controller, terminal = pty.openpty()
    process = lab.client.start(argv, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # EIO: the terminal's last writer is gone
            break
        if not chunk:
            break
        seen += chunk
    stdout = process.stdout.read()
    os.close(controller)
    return process.wait(timeout=60), stdout, seen


def test_progress_on_a_terminal_only(lab, tmp_path):
    path = targets_file(tmp_path, MIX)
    status, stdout, seen = _on_a_terminal(lab, [command_path("pytraceroute"), *OPTIONS,
                                                "--targets=" + path])
    assert status == 0 and len(blocks(stdout)) == len(MIX)
    assert b"traces done, " in seen and b"probes in flight" in seen
    assert b"%d of %d traces done" % (len(MIX), len(MIX)) in seen or b" of 48" in seen
    assert seen.endswith(b"\r\x1b[K")  # erased when done
    plain = batch(lab, OPTIONS, path)
    assert plain.stderr == b""


def test_report_shows_its_cycle_on_a_terminal(lab):
    status, stdout, seen = _on_a_terminal(lab, [
        command_path("pytraceroute"), "--report", "--cycles=3", "--interval=0.05", "-w", "0.3",
        "-n", DEST4])
    assert status == 0 and stdout.startswith(b"Start: ")
    assert b"cycle 1 of 3" in seen and b"cycle 3 of 3" in seen and seen.endswith(b"\r\x1b[K")


PEAK = r"""
import os, sys
pid = os.fork()
if pid == 0:
    if sys.argv[1] != "-":
        fd = os.open(sys.argv[1], os.O_RDONLY)
        os.dup2(fd, 0)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_run(lab, stdin_path, argv, input_command=None):
    """(exit status, peak resident kB) of argv run with stdin from a file or a command."""
    runner = [sys.executable, "-c", PEAK, stdin_path, *argv]
    if input_command is None:
        done = lab.run(runner, timeout=300)
    else:
        script = "%s | %s" % (input_command, " ".join("'%s'" % word for word in runner))
        done = lab.run(["sh", "-c", script], timeout=300)
    status, peak = done.stdout.split()[-2:]
    return int(status), int(peak), done.stderr


def test_junk_lines_end_cleanly(lab, tmp_path):
    path = tmp_path / "junk"
    path.write_bytes(b"\x00\xff\xfe junk\n-x\n--help\n-V\n\xe9\xe8\n \t \n#\n%s\nnot a host\n"
                     b"%s\r\n%s\n" % (b"a" * 300, DEST4.encode(), b"b" * 5000))
    os.chmod(tmp_path, 0o755)
    path.chmod(0o644)
    done = batch(lab, OPTIONS, str(path))
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"Line 11 of `%s' is longer than 4096 bytes (argc 6)\n" % str(path).encode() in \
        done.stderr
    assert b"Cannot handle \"host\" cmdline arg `--help' on position 1 (argc 6)" in done.stderr
    assert set(blocks(done.stdout)) == {DEST4}  # "203.0.113.2\r": its \r is a blank


def test_a_million_lines_in_bounded_memory(lab, tmp_path):
    path = tmp_path / "million"
    with open(path, "w") as handle:
        for number in range(1000000):
            if number % 100000 == 0:
                handle.write(BATCH_TARGETS["answered"][number // 100000] + "\n")
            elif number % 500 == 0:
                handle.write("junk-%d.invalid\n" % number)
            else:
                handle.write("# comment %d\n" % number if number % 2 else "\n")
    os.chmod(tmp_path, 0o755)
    path.chmod(0o644)
    status, peak, stderr = peak_run(lab, "-", [command_path("pytraceroute"), *OPTIONS,
                                               "--targets=" + str(path)])
    assert status == 2 and b"Traceback" not in stderr
    assert stderr.count(b"Cannot handle") == 1990  # every 500th line, but every 100000th
    assert peak < PEAK_LIMIT_KB


def test_a_line_of_200_megabytes_in_bounded_memory(lab):
    status, peak, stderr = peak_run(
        lab, "-", [command_path("pytraceroute"), *OPTIONS, "--targets=-"],
        input_command="(echo %s; head -c 200000000 /dev/zero | tr '\\0' a; echo; echo %s)"
                      % (DEST4, BATCH_TARGETS["answered"][1]))
    assert status == 2 and b"Line 2 of `-' is longer than 4096 bytes" in stderr
    assert peak < PEAK_LIMIT_KB
