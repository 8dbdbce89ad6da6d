"""The pure domain: values only, no I/O."""
