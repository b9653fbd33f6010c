"""``python -m calcidx`` runs the command line."""

from calcidx.cli.main import main

main()
