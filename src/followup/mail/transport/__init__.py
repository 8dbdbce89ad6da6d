"""Talking to the mail servers: `imap` (the `Mailbox`, IDLE included), `smtp` (one message,
step by step), `network` (connection failures in plain words), `check` (`followup account
test`). Only this package touches imapclient and smtplib.
"""
