"""The option states that `display` ends with, as telnet prints them.

For each option, the peer's side first: the answers still due and the state
wanted while some are, else the state in effect when it is on; then ours.
"""

from pynettools.telnet import constants as T

# telnet's names for the commands, for the numbers from 236 (EOF) to 255 (IAC).
_COMMAND_NAMES = ("EOF", "SUSP", "ABORT", "EOR", "SE", "NOP", "DMARK", "BRK", "IP", "AO",
                  "AYT", "EC", "EL", "GA", "SB", "WILL", "WONT", "DO", "DONT", "IAC")


def _name(number):
    if number in T.OPTION_NAMES:
        return T.OPTION_NAMES[number]
    if number >= T.xEOF:
        return _COMMAND_NAMES[number - T.xEOF]
    return str(number)


def option_dump(protocol):
    """The lines (each ending in a newline) for every option with something to say."""
    lines = []
    for number in range(256):
        name = _name(number)
        for side, answers, positive, negative in (
                (protocol.remote[number], "DO_DONT", "DO  ", "DONT"),
                (protocol.local[number], "WILL_WONT", "WILL", "WONT")):
            if side.pending:
                lines.append("resp %s %s: %d\n" % (answers, name, side.pending))
                lines.append("want %s %s\n" % (positive if side.wanted else negative, name))
            elif side.enabled:
                lines.append("     %s %s\n" % (positive, name))
    return "".join(lines)
