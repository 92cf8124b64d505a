"""Processes with known pids that own the flows the owner tests capture.

    python -m tests.lab.owner_peers server HOST TCP_PORT UDP_PORT
    python -m tests.lab.owner_peers client HOST TCP_PORT UDP_PORT ROUNDS
    python -m tests.lab.owner_peers brief HOST TCP_PORT

server: a TCP listener on HOST (each connection echoed) and an unconnected
UDP socket on 0.0.0.0 (each datagram answered); client: one TCP connection
to HOST and one unconnected UDP socket (bound to 127.0.0.1 when HOST is it,
else to 0.0.0.0), a line and a datagram every 0.1 s for ROUNDS rounds;
brief: one connection that sends a line and ends at once, then exits.  Each prints "ready PORTS" (its local
ports, client and brief only) when its sockets are set, and ends when its
standard input closes, or its rounds are done; every wait is bounded.
"""

import selectors
import socket
import sys
import time

LIFETIME = 60  # seconds: a peer never outlives a lost test


def serve(host, tcp_port, udp_port):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((host, tcp_port))
    listener.listen()
    datagrams = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    datagrams.bind(("0.0.0.0", udp_port))
    chooser = selectors.DefaultSelector()
    for sock in (listener, datagrams, sys.stdin):
        chooser.register(sock, selectors.EVENT_READ)
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        for key, _ in chooser.select(1):
            if key.fileobj is sys.stdin:
                return
            if key.fileobj is listener:
                chooser.register(listener.accept()[0], selectors.EVENT_READ)
            elif key.fileobj is datagrams:
                data, peer = datagrams.recvfrom(2048)
                datagrams.sendto(data, peer)
            else:
                data = key.fileobj.recv(2048)
                if data:
                    key.fileobj.sendall(data)
                else:
                    chooser.unregister(key.fileobj)
                    key.fileobj.close()


def client(host, tcp_port, udp_port, rounds):
    stream = socket.create_connection((host, tcp_port), timeout=5)
    datagrams = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    datagrams.bind((host if host == "127.0.0.1" else "0.0.0.0", 0))
    datagrams.settimeout(5)
    print("ready", stream.getsockname()[1], datagrams.getsockname()[1], flush=True)
    for _ in range(rounds):
        stream.sendall(b"line\n")
        stream.recv(2048)
        datagrams.sendto(b"datagram", (host, udp_port))
        datagrams.recvfrom(2048)
        time.sleep(0.1)
    stream.close()


def brief(host, tcp_port):
    with socket.create_connection((host, tcp_port), timeout=5) as stream:
        print("ready", stream.getsockname()[1], flush=True)
        stream.sendall(b"brief\n")
        stream.recv(2048)


if __name__ == "__main__":
    mode, host, numbers = sys.argv[1], sys.argv[2], [int(text) for text in sys.argv[3:]]
    {"server": serve, "client": client, "brief": brief}[mode](host, *numbers)
