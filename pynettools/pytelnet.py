"""`pytelnet` and `python -m pynettools.pytelnet`."""

from pynettools.cli.runner import entry_point

main = entry_point("telnet")

if __name__ == "__main__":
    main()
