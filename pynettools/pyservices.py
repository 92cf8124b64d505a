"""`pyservices` and `python -m pynettools.pyservices`."""

from pynettools.cli.runner import entry_point

main = entry_point("services")

if __name__ == "__main__":
    main()
