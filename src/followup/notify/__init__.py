"""Notification services (ntfy, Telegram, Slack, Matrix, e-mail, desktop...) through
`apprise` URLs: one small adapter (`targets`) and where each target's URL is kept
(`secrets`: an apprise URL holds tokens, so it is kept like a mail password, never in the
database or a log)."""
