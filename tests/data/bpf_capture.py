"""Real traffic for the filter tests, captured by the real `tcpdump -w` in
namespaces this module builds and removes (root only):

    a ---------------- b        veth a0 -- b0: 192.0.2.1/24, 2001:db8::1/64 (b: .2, ::2)
    a: tun0 -- peer            203.0.113.1/30 and 2001:db8:6::1/64; the peer (a
                               process on the tun device) answers pings and SYNs

Traffic: pings (also 3000-byte ones, which fragment), a TCP exchange on port
80, UDP to ports 53 and 9 (closed: an ICMP error back), with the ARP and NDP
that come with them.  Files: bpf-live-ether.pcap (a0), bpf-live-sll2.pcap
(-i any), bpf-live-sll.pcap (-i any -y LINUX_SLL), bpf-live-raw.pcap (tun0:
raw IP).  This kernel has no VLAN or IP tunnel devices: VLAN tags come from
the crafted corpus only.
"""

import contextlib
import signal
import subprocess
import sys
import time

from tests.lab.netns import Namespace

CAPTURES = (("bpf-live-ether", ["-i", "a0"]), ("bpf-live-sll2", ["-i", "any"]),
            ("bpf-live-sll", ["-i", "any", "-y", "LINUX_SLL"]), ("bpf-live-raw", ["-i", "tun0"]))
PEER_SECONDS = 25
_SERVER = ("import socket, sys\n"
           "s = socket.socket(socket.AF_INET6)\n"
           "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
           "s.bind(('::', 80)); s.listen(4); s.settimeout(20)\n"
           "for _ in range(int(sys.argv[1])):\n"
           "    c, _ = s.accept(); c.settimeout(5); c.sendall(c.recv(100) * 3); c.close()\n")
_CLIENT = ("import socket, sys, time\n"
           "for address in sys.argv[1:]:\n"
           "    family = socket.AF_INET6 if ':' in address else socket.AF_INET\n"
           "    try:\n"
           "        c = socket.create_connection((address, 80), timeout=2)\n"
           "        c.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n'); c.recv(1000); c.close()\n"
           "    except OSError:\n"
           "        pass\n"
           "    u = socket.socket(family, socket.SOCK_DGRAM)\n"
           "    u.sendto(b'\\x12\\x34\\x01\\x00' + bytes(8), (address, 53))\n"
           "    u.sendto(b'probe', (address, 9)); time.sleep(0.2); u.close()\n")
# The tun peer: answers ICMP and ICMPv6 echo requests, and a TCP SYN with a RST.
_PEER = '''
import fcntl, os, select, struct, sys, time

def checksum(data):
    data += b"\\0" * (len(data) % 2)
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return struct.pack("!H", ~total & 0xFFFF)

def answer(packet):
    if packet[0] >> 4 == 4:
        header = (packet[0] & 15) * 4
        source, destination, proto = packet[12:16], packet[16:20], packet[9]
        body = packet[header:]
        if proto == 1 and body[:1] == b"\\x08":
            body = b"\\0\\0\\0\\0" + body[4:]
            body = body[:2] + checksum(body) + body[4:]
        elif proto == 6 and len(body) >= 20 and body[13] & 2:
            seq = struct.unpack("!I", body[4:8])[0]
            body = body[2:4] + body[0:2] + b"\\0" * 4 + struct.pack("!IBBHHH", seq + 1, 0x50,
                                                                    0x14, 0, 0, 0)
            pseudo = destination + source + struct.pack("!BBH", 0, 6, 20)
            body = body[:16] + checksum(pseudo + body) + body[18:]
        else:
            return None
        ip = struct.pack("!BBHHHBB", 0x45, 0, 20 + len(body), 0, 0, 64, proto) + b"\\0\\0" + \\
            destination + source
        return ip[:10] + checksum(ip) + ip[12:] + body
    if packet[0] >> 4 == 6 and packet[6] == 58 and packet[40:41] == b"\\x80":
        source, destination = packet[8:24], packet[24:40]
        body = b"\\x81\\0\\0\\0" + packet[44:]
        pseudo = destination + source + struct.pack("!IxxxB", len(body), 58)
        body = body[:2] + checksum(pseudo + body) + body[4:]
        return packet[:4] + struct.pack("!HBB", len(body), 58, 64) + destination + source + body
    return None

fd = os.open("/dev/net/tun", os.O_RDWR)
fcntl.ioctl(fd, 0x400454CA, struct.pack("16sH", b"tun0", 0x0001 | 0x1000))
print("ready", flush=True)
deadline = time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    if select.select([fd], [], [], 0.2)[0]:
        reply = answer(os.read(fd, 65536))
        if reply:
            os.write(fd, reply)
'''
DESTINATIONS = ("192.0.2.2", "2001:db8::2", "203.0.113.2", "2001:db8:6::2")


def _build(a, b):
    subprocess.run(["ip", "link", "add", "a0", "netns", a.name, "type", "veth", "peer", "name",
                    "b0", "netns", b.name], check=True, capture_output=True, timeout=30)
    for side, here, last in ((a, "a0", "1"), (b, "b0", "2")):
        for argv in (["ip", "link", "set", here, "up"],
                     ["ip", "addr", "add", "192.0.2.%s/24" % last, "dev", here],
                     ["ip", "addr", "add", "2001:db8::%s/64" % last, "dev", here, "nodad"]):
            side.run(argv, check=True)
    for argv in (["ip", "tuntap", "add", "mode", "tun", "tun0"],
                 ["ip", "link", "set", "tun0", "mtu", "1400"],
                 ["ip", "addr", "add", "203.0.113.1/30", "dev", "tun0"],
                 ["ip", "addr", "add", "2001:db8:6::1/64", "dev", "tun0", "nodad"]):
        a.run(argv, check=True)
    peer = a.start([sys.executable, "-c", _PEER, str(PEER_SECONDS)], stdout=subprocess.PIPE)
    if peer.stdout.readline() != b"ready\n":
        raise RuntimeError("the tun peer did not start")
    a.run(["ip", "link", "set", "tun0", "up"], check=True)
    return peer


def _traffic(a, b):
    server = b.start([sys.executable, "-c", _SERVER, "2"])
    time.sleep(0.5)
    for address in DESTINATIONS:
        a.run(["ping", "-c", "1", "-W", "2", address], timeout=10)
        a.run(["ping", "-c", "1", "-W", "2", "-s", "3000", address], timeout=10)
    a.run([sys.executable, "-c", _CLIENT, *DESTINATIONS], timeout=60)
    server.wait(timeout=30)


def capture_all(directory):
    """Capture every file of CAPTURES into `directory`; their paths."""
    with Namespace("bpfcap-a") as a, Namespace("bpfcap-b") as b:
        peer = _build(a, b)
        time.sleep(1)
        paths = []
        with contextlib.ExitStack() as stack:
            processes = []
            for name, options in CAPTURES:
                path = directory / (name + ".pcap")
                process = a.start(["tcpdump", "-w", str(path), "-U", "--immediate-mode",
                                   "-Z", "root", *options], stderr=subprocess.PIPE)
                stack.callback(process.kill)
                _wait_listening(process)
                processes.append(process)
                paths.append(path)
            _traffic(a, b)
            time.sleep(1)
            for process in processes:
                process.send_signal(signal.SIGINT)
                process.wait(timeout=10)
        peer.kill()
        return paths


def _wait_listening(process):
    """Until tcpdump says it listens (after its "data link type" notice for -i any)."""
    line = process.stderr.readline()
    if line.startswith(b"tcpdump: data link type"):
        line = process.stderr.readline()
    if b"listening on" not in line:
        raise RuntimeError("tcpdump did not start: %r" % line)
