"""The runner: exit statuses, one-line errors, no tracebacks, clean endings."""

import os
import signal
import subprocess
import sys
import time

import pytest

from tests.commands import command_path


def test_usage_error_is_argp_style(run_inline):
    out, err, status = run_inline("services", ["--bogus"])
    assert (out, status) == (b"", 64)
    assert err == (b"pyservices: unrecognized option '--bogus'\n"
                   b"Try `pyservices --help' or `pyservices --usage' for more information.\n")


def test_help_usage_and_version_go_to_stdout(run_inline):
    for argv in (["--help"], ["-?"], ["--usage"], ["-V"], ["--version"]):
        out, err, status = run_inline("services", argv)
        assert status == 0 and err == b"" and out.startswith((b"Usage:", b"pyservices (pynettools)"))


def test_internal_error_is_one_line(run_inline, monkeypatch):
    import pynettools.cli.services.command

    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(pynettools.cli.services.command, "execute", broken)
    assert run_inline("services", []) == (b"", b"pyservices: internal error: RuntimeError: boom\n", 1)
    monkeypatch.setenv("PYNETTOOLS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run_inline("services", [])


def test_closed_pipe_ends_by_sigpipe_without_a_word(tmp_path):
    big = tmp_path / "services"
    big.write_bytes(b"name 1/tcp alias\n" * 200_000)
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    writer = subprocess.run([command_path("pyservices"), "-f", str(big)], stdout=reader.stdin,
                            stderr=subprocess.PIPE, timeout=60)
    reader.stdin.close()
    reader.wait(timeout=10)
    assert writer.stderr == b""
    assert writer.returncode == -signal.SIGPIPE


def test_ctrl_c_dies_of_sigint_quietly(tmp_path):
    """As the C originals: killed by SIGINT (not exit 130), so a shell loop stops too."""
    fifo = tmp_path / "services"
    os.mkfifo(fifo)  # opening it blocks until a writer comes: a command caught mid-work
    process = subprocess.Popen([command_path("pyservices"), "-f", str(fifo)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_until_blocked_in_open(process.pid)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        process.kill()
    assert (out, err, process.returncode) == (b"", b"", -signal.SIGINT)


def test_ctrl_c_inline_unwinds_to_the_caller(run_inline, monkeypatch):
    """run() lets KeyboardInterrupt through: a test harness (or SIGTERM turned into
    KeyboardInterrupt by conftest) unwinds instead of the process being killed."""
    import pynettools.cli.services.command

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(pynettools.cli.services.command, "execute", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_inline("services", [])


def _wait_until_blocked_in_open(pid, attempts=200):
    """Poll until the process waits for a writer on the FIFO: bounded to ~10 s."""
    for _ in range(attempts):
        with open("/proc/%d/wchan" % pid) as wchan:
            if wchan.read() == "wait_for_partner":  # the kernel's FIFO open wait
                return
        time.sleep(0.05)
    pytest.fail("pyservices never reached open() of the FIFO")


def test_python_m_runs_each_command():
    done = subprocess.run([sys.executable, "-m", "pynettools.pyservices", "ssh"],
                          capture_output=True, timeout=30)
    assert done.stdout.startswith(b"ssh ") and done.returncode == 0
