"""The command line: `followup` with one module per command group, loaded lazily."""
