"""The command line's subcommands, one module each: parse the options, call the library, print, exit 0, 1 or 2."""
