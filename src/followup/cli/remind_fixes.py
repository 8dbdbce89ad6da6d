"""The CLI's words for the fixes of reminders, notification targets, import and export."""

from __future__ import annotations

REMIND_FIXES: dict[str, str] = {
    "remind.hour": "give an hour from 0 to 23 with --hour",
    "remind.target-name": "use up to 40 lower-case letters, digits, - or _ (not 'email')",
    "remind.no-target": "see `followup remind show` for your targets",
    "notify.bad-url": (
        "give an apprise URL such as ntfy://ntfy.sh/your-topic or tgram://TOKEN/CHAT "
        "(see the apprise documentation for your service)"
    ),
    "notify.failed": "check the target's service; the next `followup remind --send` tries again",
    "notify.no-url": ("add it again with `followup remind target add {name}`, or set {variable}"),
    "notify.keyring-unusable": "set {variable} instead",
    "notify.keyring-refused": "set {variable} instead",
    "notify.url-file-unreadable": "make {path} readable, or unset {variable}",
    # backup and restore
    "restore.not-backup": "give a file written by `followup backup`",
    "restore.newer": "upgrade followup to the version that made the backup, then restore",
    "restore.not-empty": (
        "restore into a new home: FOLLOWUP_HOME=/new/dir followup restore FILE "
        "(or a new FOLLOWUP_DATABASE_URL)"
    ),
    # import
    "import.rows": (
        "correct those lines (or delete them) and import again, --dry-run checks; dates "
        "written another way: date_format in a mapping file (`followup import csv --help`)"
    ),
    "import.missing-column": (
        "name the column with a mapping file (--mapping), see `followup import csv --help`"
    ),
    "import.encoding": "name the encoding with --encoding, e.g. --encoding cp1252",
    "import.encoding-unknown": "use a Python codec name such as utf-8, cp1252 or latin-1",
    "import.empty": "give a CSV with a header line and rows",
    "import.csv": "check the quoting on that line, or name the --delimiter",
    "import.mapping": "write it as: columns: {{company: Employer, role: Position}}",
    "import.mapping-field": "map these fields: {fields}",
    "import.date": "write dates as YYYY-MM-DD, or give date_format in a mapping file",
    "import.contact-role": "use recruiter, interviewer, hiring-manager or other",
    "import.contact": "write one person a line: Name <email>; role; title; phone",
    "import.amount": "write a whole amount, e.g. 85000",
    "import.archive": (
        "give the export's CSV itself, or the archive with the mapping of the tracker it "
        "comes from (`followup import mappings`)"
    ),
    "vcard.malformed": "export the contacts again as vCard (.vcf) and import that file",
}
