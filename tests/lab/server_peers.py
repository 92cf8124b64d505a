"""Real servers for pytelnet to talk to, and a relay that records the wire.

Each server (redis, memcached, dovecot's IMAP and POP3, an aiosmtpd SMTP
server) runs on 127.0.0.1 on a free port with its files in a temporary
folder, for a bounded time, and is killed (and its folder removed) when its
`with` block ends, also on failure.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time

START_SECONDS = 15  # for a server to accept connections


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A server process on 127.0.0.1:`port`, started by `argv(port, folder)`."""

    def __init__(self):
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="pynettools-peer-")
        self.process = None

    def argv(self):
        raise NotImplementedError

    def __enter__(self):
        try:
            self.prepare()
            self.process = subprocess.Popen(self.argv(), stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                            start_new_session=True)
            self._wait_until_listening()
        except BaseException:
            self.__exit__()
            raise
        return self

    def prepare(self):
        """Write configuration into `folder` before the start."""

    def answers_in_full(self, client, deadline):
        """Whether the server, connected to by `client`, is ready for a session."""
        return True

    def _wait_until_listening(self):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("%s ended: %s" % (self.argv()[0], self.process.stderr.read()))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as client:
                    if self.answers_in_full(client, deadline):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError("%s does not listen on port %d" % (self.argv()[0], self.port))

    def __exit__(self, *exc_info):
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, 9)  # its own session: the server and its children
        if self.process is not None:
            self.process.wait(timeout=10)
            self.process.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Redis(Server):
    def argv(self):
        return ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", self.folder, "--loglevel", "warning"]


class Memcached(Server):
    def argv(self):
        return ["memcached", "-l", "127.0.0.1", "-p", str(self.port), "-U", "0", "-u", "nobody"]


DOVECOT_CONF = """\
base_dir = %(folder)s/run
state_dir = %(folder)s/state
log_path = %(folder)s/log
listen = 127.0.0.1
protocols = %(protocol)s
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:%(folder)s/mail/%%u
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=%(folder)s/mail/%%u
}
service %(protocol)s-login {
  # one login process for every client, connected to auth once (the warm-up)
  service_count = 0
  process_min_avail = 1
  inet_listener %(protocol)s {
    address = 127.0.0.1
    port = %(port)d
  }
  inet_listener %(protocol)ss {
    port = 0
  }
}
"""


class Dovecot(Server):
    """dovecot serving `protocol` ("imap" or "pop3"); any user, password "secret"."""

    def __init__(self, protocol):
        super().__init__()
        self.protocol = protocol

    def prepare(self):
        for name in ("run", "state", "mail"):
            os.mkdir(os.path.join(self.folder, name))
        os.chmod(self.folder, 0o755)
        shutil.chown(os.path.join(self.folder, "mail"), "nobody", "nogroup")
        with open(os.path.join(self.folder, "dovecot.conf"), "w") as conf:
            conf.write(DOVECOT_CONF % dict(folder=self.folder, protocol=self.protocol,
                                           port=self.port))

    def argv(self):
        return ["dovecot", "-F", "-c", os.path.join(self.folder, "dovecot.conf")]

    def answers_in_full(self, client, deadline):
        """Its greeting says "ready.": until its auth process is up, a first line tells
        a client to wait, which would show in one program's session and not the other's."""
        greeting = b""
        while time.monotonic() < deadline:
            data = client.recv(4096)
            greeting += data
            if not data or b"\n" in greeting:
                break
        return greeting.endswith(b"ready.\r\n")


class Smtp(Server):
    """aiosmtpd with a handler that accepts every message and keeps none."""

    def argv(self):
        return [sys.executable, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:%d" % self.port,
                "-c", "aiosmtpd.handlers.Sink"]
