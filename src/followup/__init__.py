"""followup: follow up after every job interview at the right time, through the right
channel, with the right words, and never too often."""

__version__ = "0.1.0"
