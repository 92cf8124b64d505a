"""Man-page prose for pynetstat's route, interface, group and statistics modes.

MODE_SECTIONS is a list of (section title, text) pairs in the format of
`services_manual`; `netstat_manual` appends each text to the section of
that title (or adds the section).
"""

MODE_SECTIONS = []
