"""The special characters at the telnet> prompt: `set` and `unset` one, `display` them.

They are the client's SpecialCharacters: telnet's working copy of the
terminal's characters, which a server's LINEMODE SLC list may change too.
After every `set` that succeeds telnet sends the SLC functions whose
character changed (its slc_check); `unset` sends nothing.
"""

from pynettools.cli.telnet.commandline import AGAIN
from pynettools.cli.telnet.messages import describe_escape, parse_escape, say
from pynettools.telnet.slc import CHARACTER_NAMES, OFF


def set_character(client, words, value):
    """`set NAME VALUE` (VALUE off, ^X, ^? or a character) or `unset NAME`."""
    name = words[0]
    if not value:
        character = OFF
    elif len(words) != 2:
        say("Format is 'set Name Value'\n'set ?' for help.\n")
        return AGAIN
    else:
        character = OFF if words[1] == "off" else parse_escape(words[1]) or OFF
    client.characters.set(name, character)
    say("%s character is '%s'.\n" % (name, describe_escape(character)))
    return None


def check_characters(client):
    """telnet's slc_check: the changed functions to the server (when connected)."""
    if client.session is None:
        client.characters.check()
        return
    client.session.protocol.check_characters()
    client.session.flush()


def character_lines(client):
    """display's lines for the characters, in telnet's order."""
    characters = client.characters
    return ["%-15s [%s]" % (name, describe_escape(characters.value(name)))
            for name in CHARACTER_NAMES]
