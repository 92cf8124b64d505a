"""The help texts of the `telnet>` prompt, as telnet prints them."""

COMMAND_HELP = (
    ("close", "close current connection"),
    ("logout", "forcibly logout remote user and close the connection"),
    ("display", "display operating parameters"),
    ("mode", "try to enter line or character mode ('mode ?' for more)"),
    ("open", "connect to a site"),
    ("quit", "exit telnet"),
    ("send", "transmit special characters ('send ?' for more)"),
    ("set", "set operating parameters ('set ?' for more)"),
    ("unset", "unset operating parameters ('unset ?' for more)"),
    ("status", "print status information"),
    ("toggle", "toggle operating parameters ('toggle ?' for more)"),
    ("slc", "change state of special characters ('slc ?' for more)"),
    ("auth", "turn on (off) authentication ('auth ?' for more)"),
    ("encrypt", "turn on (off) encryption ('encrypt ?' for more)"),
    ("z", "suspend telnet"),
    ("!", "invoke a subshell"),
    ("environ", "change environment variables ('environ ?' for more)"),
    ("?", "print help information"),
)

SEND_HELP = """\
ao              Send Telnet Abort output
ayt             Send Telnet 'Are You There'
brk             Send Telnet Break
ec              Send Telnet Erase Character
el              Send Telnet Erase Line
escape          Send current escape character
ga              Send Telnet 'Go Ahead' sequence
ip              Send Telnet Interrupt Process
nop             Send Telnet 'No operation'
eor             Send Telnet 'End of Record'
abort           Send Telnet 'Abort Process'
susp            Send Telnet 'Suspend Process'
eof             Send Telnet End of File Character
synch           Perform Telnet 'Synch operation'
getstatus       Send request for STATUS
?               Display send options
"""

MODE_HELP = """\
format is:  'mode Mode', where 'Mode' is one of:

character       Disable LINEMODE option
                (or disable obsolete line-by-line mode)
line            Enable LINEMODE option
                (or enable obsolete line-by-line mode)

                These require the LINEMODE option to be enabled
isig            Enable signal trapping
-isig           Disable signal trapping
edit            Enable character editing
-edit           Disable character editing
softtabs        Enable tab expansion
-softtabs       Disable character editing
litecho         Enable literal character echo
-litecho        Disable literal character echo

?               Print help information
"""

ENVIRON_HELP = """\
define          Define an environment variable
undefine        Undefine an environment variable
export          Mark an environment variable for automatic export
unexport        Don't mark an environment variable for automatic export
send            Send an environment variable
list            List the current environment variables
?               Print help information
"""

SET_HELP = """\
echo            character to toggle local echoing on/off
escape          character to escape back to telnet command mode
rlogin          rlogin escape character
tracefile       file to write trace information to
                
                The following need 'localchars' to be toggled true
flushoutput     character to cause an Abort Output
interrupt       character to cause an Interrupt Process
quit            character to cause an Abort process
eof             character to cause an EOF 
                
                The following are for local editing in linemode
erase           character to use to erase a character
kill            character to use to erase a line
lnext           character to use for literal next
susp            character to cause a Suspend Process
reprint         character to use for line reprint
worderase       character to use to erase a word
start           character to use for XON
stop            character to use for XOFF
forw1           alternate end of line character
forw2           alternate end of line character
ayt             alternate AYT character

"""

# name: (what `display` says it does, default); help text per name below.
TOGGLES = {
    "autoflush": ("flush output when sending interrupt characters", True),
    "autosynch": ("send interrupt characters in urgent mode", False),
    "autologin": ("send login name and/or authentication information", False),
    "authdebug": ("", False),
    "autoencrypt": ("", False),
    "autodecrypt": ("", False),
    "verbose_encrypt": ("", False),
    "encdebug": ("", False),
    "skiprc": ("skip reading of ~/.telnetrc file", False),
    "binary": ("", False),
    "inbinary": ("", False),
    "outbinary": ("", False),
    "crlf": ("", False),
    "crmod": ("map carriage return on output", False),
    "localchars": ("recognize certain control characters", True),
    "debug": ("turn on socket level debugging", False),
    "netdata": ("print hexadecimal representation of network traffic", False),
    "prettydump": ("print user readable output for \"netdata\"", False),
    "options": ("show option processing", False),
    "termdata": ("print hexadecimal representation of terminal traffic", False),
}

_TOGGLE_HELP = (
    ("autoflush", "flushing of output when sending interrupt characters"),
    ("autosynch", "automatic sending of interrupt characters in urgent mode"),
    ("autologin", "automatic sending of login and/or authentication info"),
    ("authdebug", "Toggle authentication debugging"),
    ("autoencrypt", "automatic encryption of data stream"),
    ("autodecrypt", "automatic decryption of data stream"),
    ("verbose_encrypt", "Toggle verbose encryption output"),
    ("encdebug", "Toggle encryption debugging"),
    ("skiprc", "don't read ~/.telnetrc file"),
    ("binary", "sending and receiving of binary data"),
    ("inbinary", "receiving of binary data"),
    ("outbinary", "sending of binary data"),
    ("crlf", "sending carriage returns as telnet <CR><LF>"),
    ("crmod", "mapping of received carriage returns"),
    ("localchars", "local recognition of certain control characters"),
    ("", ""),
    ("debug", "debugging"),
    ("netdata", "printing of hexadecimal network data (debugging)"),
    ("prettydump", "output of \"netdata\" to user readable format (debugging)"),
    ("options", "viewing of options processing (debugging)"),
    ("termdata", "(debugging) toggle printing of hexadecimal terminal data"),
)


def toggle_help(verb):
    """The toggle lines of `set ?` (verb "enable"), `unset ?` or `toggle ?`."""
    return "".join("%-15s %s %s\n" % (name, verb, text) if name else "\n"
                   for name, text in _TOGGLE_HELP)

SLC_HELP = """\
export          Use local special character definitions
import          Use remote special character definitions
check           Verify remote special character definitions
?               Print help information
"""

AUTH_HELP = """\
status          Display current status of authentication information
disable         Disable an authentication type ('auth disable ?' for more)
enable          Enable an authentication type ('auth enable ?' for more)
?               Print help information
"""

ENCRYPT_HELP = """\
enable          Enable encryption. ('encrypt enable ?' for more)
disable         Disable encryption. ('encrypt enable ?' for more)
type            Set encryption type. ('encrypt type ?' for more)
start           Start encryption. ('encrypt start ?' for more)
stop            Stop encryption. ('encrypt stop ?' for more)
input           Start encrypting the input stream
-input          Stop encrypting the input stream
output          Start encrypting the output stream
-output         Stop encrypting the output stream
status          Display current status of authentication information
?               Print help information
"""
