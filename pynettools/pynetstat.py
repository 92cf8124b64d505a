"""`pynetstat` and `python -m pynettools.pynetstat`."""

from pynettools.cli.runner import entry_point

main = entry_point("netstat")

if __name__ == "__main__":
    main()
