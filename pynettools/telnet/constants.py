"""Telnet protocol numbers (RFC 854, 855 and the option RFCs) and their names."""

IAC = 255
DONT = 254
DO = 253
WONT = 252
WILL = 251
SB = 250
GA = 249
EL = 248
EC = 247
AYT = 246
AO = 245
IP = 244
BREAK = 243
DM = 242
NOP = 241
SE = 240
EOR = 239
ABORT = 238
SUSP = 237
xEOF = 236

BINARY = 0
ECHO = 1
SGA = 3
STATUS = 5
TIMING_MARK = 6
TTYPE = 24
EOR_OPTION = 25
NAWS = 31
TSPEED = 32
LFLOW = 33
LINEMODE = 34
XDISPLOC = 35
OLD_ENVIRON = 36
AUTHENTICATION = 37
ENCRYPT = 38
NEW_ENVIRON = 39

# Subnegotiation verbs shared by TTYPE, TSPEED, NEW-ENVIRON and STATUS.
SB_IS = 0
SB_SEND = 1
SB_INFO = 2

# NEW-ENVIRON (RFC 1572) type codes.
ENV_VAR = 0
ENV_VALUE = 1
ENV_ESC = 2
ENV_USERVAR = 3

# LINEMODE (RFC 1184).
LM_MODE = 1
LM_FORWARDMASK = 2
LM_SLC = 3
MODE_EDIT = 1
MODE_TRAPSIG = 2
MODE_ACK = 4
MODE_SOFT_TAB = 8
MODE_LIT_ECHO = 16
MODE_MASK = 31
# SLC functions (RFC 1184), as many as telnet knows (NSLC), and their levels and flags.
SLC_SYNCH, SLC_BRK, SLC_IP, SLC_AO, SLC_AYT, SLC_EOR, SLC_ABORT, SLC_EOF, SLC_SUSP = range(1, 10)
SLC_EC, SLC_EL, SLC_EW, SLC_RP, SLC_LNEXT, SLC_XON, SLC_XOFF, SLC_FORW1, SLC_FORW2 = range(10, 19)
NSLC = 18
SLC_NOSUPPORT = 0
SLC_CANTCHANGE = 1
SLC_VARIABLE = 2
SLC_DEFAULT = 3
SLC_LEVELBITS = 0x03
SLC_ACK = 0x80
SLC_FLUSHIN = 0x40
SLC_FLUSHOUT = 0x20

OPTION_NAMES = {
    0: "BINARY", 1: "ECHO", 2: "RCP", 3: "SUPPRESS GO AHEAD", 4: "NAME", 5: "STATUS",
    6: "TIMING MARK", 7: "RCTE", 8: "NAOL", 9: "NAOP", 10: "NAOCRD", 11: "NAOHTS",
    12: "NAOHTD", 13: "NAOFFD", 14: "NAOVTS", 15: "NAOVTD", 16: "NAOLFD",
    17: "EXTEND ASCII", 18: "LOGOUT", 19: "BYTE MACRO", 20: "DATA ENTRY TERMINAL",
    21: "SUPDUP", 22: "SUPDUP OUTPUT", 23: "SEND LOCATION", 24: "TERMINAL TYPE",
    25: "END OF RECORD", 26: "TACACS UID", 27: "OUTPUT MARKING", 28: "TTYLOC",
    29: "3270 REGIME", 30: "X.3 PAD", 31: "NAWS", 32: "TSPEED", 33: "LFLOW",
    34: "LINEMODE", 35: "XDISPLOC", 36: "OLD-ENVIRON", 37: "AUTHENTICATION",
    38: "ENCRYPT", 39: "NEW-ENVIRON",
}

# Names `send do|dont|will|wont NAME` accepts, as the option names above
# spelled without blanks (what telnet's command line offers).
OPTION_BY_WORD = {name.lower().replace(" ", ""): number for number, name in OPTION_NAMES.items()}
OPTION_BY_WORD.update({"sga": SGA, "ttype": TTYPE, "environ": NEW_ENVIRON})


def option_name(number):
    """The option's name, or its number for options without one."""
    return OPTION_NAMES.get(number, str(number))
