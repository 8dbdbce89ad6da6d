"""Playbooks: the follow-up rules as data (YAML shipped in the package).

`load_playbook("seed")` returns a validated, immutable Playbook; every planner
number in it names the rule it implements.
"""

from followup.playbook.loader import builtin_playbooks, check_playbook_file, load_playbook
from followup.playbook.model import Param, Playbook, PlaybookError, Rule

__all__ = [
    "Param",
    "Playbook",
    "PlaybookError",
    "Rule",
    "builtin_playbooks",
    "check_playbook_file",
    "load_playbook",
]
