"""The command line: ``hamkorlik`` (or ``python -m cli``) runs, compares and exports scenarios."""
