"""`python -m registry` is the `mlfdo` command."""

from registry.cli import main

main()
