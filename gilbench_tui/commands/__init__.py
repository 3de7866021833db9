"""The subcommands of `gilbench`, one module each."""
