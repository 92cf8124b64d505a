"""The prose of pytelnet(1); options come from its `declaration`."""

SECTIONS = {
    "NAME": 'user interface to the TELNET protocol, compatible with telnet',
    "DESCRIPTION": """\
pytelnet connects to HOST on PORT (a number or a service name from
services(5); default the telnet port, 23) and passes what you type to it and
what it sends to the terminal, speaking the TELNET protocol (RFC 854) on the
way. It stands in for Debian's telnet (GNU inetutils 2.4): the same options,
messages, streams and exit status.

Each address of HOST is tried in turn (Trying ADDRESS... on standard output,
the error of a failed one on standard error) until one accepts. Then
Connected to HOST. and Escape character is '^]'. are printed and the session
begins.

Like telnet, pytelnet offers TELNET options itself only on the telnet port,
or when PORT is written with a leading - (as in pytelnet host -- -80); on
any other port it sends plain data and only answers what the server asks. It
answers every request: BINARY, SUPPRESS-GO-AHEAD, TERMINAL-TYPE ($TERM),
NAWS (the window size, again after each resize), TSPEED, LFLOW, LINEMODE and
NEW-ENVIRON (telnet's variable table: DISPLAY, PRINTER, USER for -l and
what environ export adds) and XDISPLOC (DISPLAY) on our side; BINARY, ECHO,
SUPPRESS-GO-AHEAD and STATUS on the server's side; every other option is
refused. Negotiation keeps telnet's own bookkeeping (the state, the
wanted state and the answers due for each option), so the bytes sent and
display's option list are telnet's. Under LINEMODE the special characters
(RFC 1184 SLC) are telnet's too: the terminal's are reported, a server's
SLC list is answered as telnet answers it (each level, the ACK and flush
bits), and the characters it sets become the terminal's editing and signal
keys, those pytelnet recognises itself, and display's. A
byte 255 in data is doubled; Enter is sent as CR LF in line mode and CR NUL
in character mode.

At a terminal, pytelnet works in character mode (each key sent at once, no
local echo) when the server echoes and suppresses go-ahead, as telnet
servers do, and in local line mode (the terminal edits and echoes a line,
then it is sent) otherwise, for example towards a web server. The terminal
settings are restored on every way out. The escape character (Ctrl-] unless
-e or -E says otherwise) opens the telnet> prompt for one command; pytelnet
without HOST starts at that prompt.

When standard input is not a terminal, everything read from it is sent, and
pytelnet keeps printing the server's answer until the server closes the
connection, or until --wait SECONDS pass without data from it. (telnet stops
at the end of its input and may drop what was not yet sent.)""",
    "COMMANDS": """\
Commands at the telnet> prompt may be abbreviated to any unique prefix; an
unknown one prints ?Invalid command, a prefix of several ?Ambiguous command.

close: close the connection (Connection closed.); the session ends.

logout: ask the server to log out (DO LOGOUT) and close.

display: show the toggles, the special characters in use and, when
connected, the state of every option as telnet lists it.

mode character, mode line: line offers LINEMODE (WILL LINEMODE, with DONT
SGA while in the old line-by-line mode) and DONT ECHO; character withdraws
it (WONT LINEMODE, or DO SGA) and asks DO ECHO. The terminal follows at
once, whether or not the server answers. mode isig, edit, softtabs,
litecho (and -isig ...) set LINEMODE's modes.

open HOST [PORT]: connect, as pytelnet HOST PORT does; open alone asks (to).

quit: close any connection and exit.

send ARG...: send TELNET commands: ao, ayt, brk, ec, el, ga, ip, nop, eor,
abort, susp, eof, synch (a data mark), escape (the escape character as
data), getstatus (STATUS SEND, when the server agreed to STATUS), and do,
dont, will, wont followed by an option name or number.

set NAME VALUE, unset NAME: set escape (^X notation, off when unset); set or
unset a toggle; set a special character (interrupt, quit, eof, erase, kill,
susp, flushoutput, lnext, reprint, worderase, start, stop, forw1, forw2,
ayt: ^X, ^?, a character or off) or unset it. After a set, the LINEMODE
functions whose character changed are sent to the server, as telnet sends
them; forw1 and forw2 are one character, as in telnet.

toggle NAME...: flip a toggle: crlf (send Enter as CR LF instead of CR NUL),
localchars, binary, inbinary, outbinary and telnet's others.

status: the connection, the operating mode, the echo and the escape
character.

z: suspend pytelnet: the terminal is restored and the process group
stopped; fg resumes the session in its mode (and reports a new window
size).

slc export|import|check: whose special characters LINEMODE uses: export
sends the terminal's own (and puts them back in use), import asks for the
server's defaults, check for its current values; status says which.

auth, encrypt: as telnet's (see DIFFERENCES).

Interrupt keys: while the terminal edits lines or traps signals, ^C sends
IP, ^\\ BREAK (ABORT under LINEMODE), ^Z SUSP, ^O AO, each followed by DO
TIMING-MARK; output is discarded until the server answers it. Outside that
mode the keys are data, and a SIGINT ends pytelnet quietly (status 0), as
it ends telnet; in a session begun at the telnet> prompt it returns to that
prompt instead, the connection still open as telnet leaves it: nothing more
is read from it or sent to it (but for logout), close, quit or the end of
input closes it, and SIGINT is blocked from then on, as in telnet.

!: run a shell; ! COMMAND runs COMMAND.

environ define|undefine|export|unexport|list: the variables NEW-ENVIRON
offers.

? or help: the list of commands; send ?, set ?, toggle ?, mode ?, environ ?
list their arguments.""",
    "EXIT STATUS": """\
0 when a session ends (closed by the server, with close or quit), or the
prompt reaches quit or the end of its input; 1 when HOST or PORT cannot be
resolved, PORT is out of range, no address accepts the connection, or an
argument too many is given; 2 when --wait ended a piped session; 64 for a
bad option (as telnet). SIGINT while connected is telnet's interrupt (see
Interrupt keys); before a connection is made, pytelnet restores the terminal and
dies of SIGINT, as telnet does.""",
    "JSON OUTPUT": """\
With --json the session's data is not printed as it arrives, nor are the
Trying and Connected messages; at the end one JSON document is printed. Example:

  $ printf 'hi\\n' | pytelnet --json --wait 1 localhost 44100
  {
    "schema": "pytelnet/1",
    "host": "localhost",
    "address": "127.0.0.1",
    "port": 44100,
    "connect_seconds": 0.000275,
    "bytes_sent": 4,
    "bytes_received": 4,
    "local_options": [],
    "remote_options": [],
    "closed_by": "peer",
    "data_encoding": "text",
    "data": "hi\\n"
  }

The object, as --json-schema prints it:""",
    "EXAMPLES": """\
  $ pytelnet localhost 44100        # talk to a server by hand
  $ pytelnet google.com http        # then type: GET / HTTP/1.0 and an empty line
  $ printf 'GET / HTTP/1.0\\r\\n\\r\\n' | pytelnet example.com 80
  $ pytelnet -e ^A host             # Ctrl-A opens the telnet> prompt

From Python, for scripted sessions (what telnetlib offered):

  from pynettools.telnet.session import TelnetSession
  with TelnetSession.connect("localhost", 44100, timeout=5) as session:
      session.send("hello\\n")
      print(session.read_until(b"bye", timeout=5))""",
    "DIFFERENCES FROM TELNET": """\
Each of these is on purpose. No Kerberos and no encryption: pytelnet does
not offer AUTHENTICATION or ENCRYPT itself (telnet does on the telnet port,
and with -a or -l), though it agrees to a server's, supporting no type, as
telnet with no encryption type does; auth status lists no authentication
type; -x, -k and -X change nothing (needs a Kerberos library). -d, -n, -c
and -K change nothing and .telnetrc is not read (no debugging trace or rc
file: kept out to keep the client small). -r only changes the escape
message. With piped input pytelnet sends all of it and reads the answer to
the end (telnet stops at the end of its input and may drop what it had not
sent, which breaks scripts); --wait, --json and --json-schema are additions. CR LF in the
input is sent as CR LF, not as telnet's CR NUL CR LF, so that piped HTTP
requests work. With piped input the escape character is data like any
other byte; it opens the prompt only at a terminal. After an interrupt key
(^C, ^Z, ^\\, ^O) telnet discards the server's output until it answers DO
TIMING-MARK, however long that takes; pytelnet stops discarding after 2
seconds, so a server that ignores the option cannot silence the session
for ever. A second open in one run starts afresh: telnet keeps the last
connection's option states, so it offers nothing to the next server (even
on the telnet port) and starts in the old mode, which a script cannot rely
on; pytelnet negotiates each connection as its first.""",
    "ENVIRONMENT": """\
TERM: the terminal type sent (upper case; UNKNOWN when unset). USER: sent
with -a. DISPLAY: offered through NEW-ENVIRON. PYNETTOOLS_DEBUG: when set,
an internal error shows its Python traceback.""",
}
