"""The prose of pyservices(1); options come from its `declaration`.

Format of every command's `manual.py`: SECTIONS maps a man-page section title
to plain text; "NAME" holds the one-line description that follows the name.
Paragraphs are separated by blank lines; a line indented by two
spaces or more is part of a literal block (examples, JSON).  Words in
`backquotes' are not marked up: keep the text plain.
"""

SECTIONS = {
    "NAME": "look up Internet services and their well-known ports",
    "DESCRIPTION": """\
pyservices looks up Internet services in services(5), the way `getent services' does,
so that it can stand in for getent in scripts: the same lines, the same exit status.

With no KEY it lists every entry in file order. Each KEY is a service name, an alias,
a port number, port/protocol or name/protocol; with no protocol the first match in
file order wins. One line is printed per KEY found: the name padded to 21 columns,
port/protocol and the aliases. A KEY that is not found prints nothing and makes the
exit status 2.

The file is read as glibc reads it, quirks included: a port is read like strtoul
with base 0 (0x50 and 010 are ports 80 and 8), values up to 4294967295 are taken and
truncated to 16 bits, a port that ends the line has an empty protocol, text from the
first # is a comment, a NUL byte ends a line, and a malformed line is skipped.
A KEY is a port only when it is all digits and at most 65535 (080 is port 80; +80 is
a name). Names and protocols are case-sensitive.""",
    "EXIT STATUS": """\
0 when every KEY was found (or the listing was printed), 2 when a KEY was not found,
64 for a bad command line (as getent), 1 when the file named by -f cannot be read or
another error occurs. Interrupted (Ctrl-C), it dies of SIGINT, as getent does.""",
    "JSON OUTPUT": """\
With --json, pyservices prints one JSON document instead of text; the exit status is
the same. Example:

  $ pyservices --json http
  {
    "schema": "pyservices/1",
    "file": "/etc/services",
    "lookups": [
      {
        "key": "http",
        "entry": {
          "name": "http",
          "port": 80,
          "protocol": "tcp",
          "aliases": [
            "www"
          ],
          "comment": "WorldWideWeb HTTP"
        }
      }
    ]
  }

The objects, as --json-schema prints them:""",
    "EXAMPLES": """\
  $ pyservices http 53/udp
  http                  80/tcp www
  domain                53/udp
  $ pyservices -p udp 53            # as pyservices 53/udp
  $ pyservices -s kerberos          # names, aliases and comments
  $ pyservices --range 20-25 -p tcp
  $ pyservices --listening          # run as root to see every owner
  $ pyservices -f ./services --json ssh""",
    "DIFFERENCES FROM GETENT": """\
pyservices reads the services file only (getent follows nsswitch.conf, which on
Debian also names a Berkeley DB file that is normally absent). -s means --search, not
getent's --service. A missing or unreadable /etc/services reads as empty, as with
getent; a file named with -f must be readable. --json, --json-schema, -f, -p, -s,
--range and --listening are not in getent.""",
    "ENVIRONMENT": """\
PYNETTOOLS_DEBUG: when set, an internal error shows its Python traceback.""",
}
