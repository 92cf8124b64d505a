"""Telnet (RFC 854) for pytelnet: the protocol, the connection and the terminal.

`protocol` is a pure state machine; `session` adds a socket and is the
Python API for scripted sessions (`TelnetSession`).
"""
