"""The headless commands of a visit: each a thin call of the services the window calls.

    inspector-app check-in TASK [--present NAME]... [--party NAME]
    inspector-app record TASK ITEM --outcome compliant|noncompliant|not_applicable|not_checked
                  [--note TEXT] [--corrected] [--deadline DATE] [--photo FILE]...
    inspector-app statement TASK --text TEXT [--accepted | --not-accepted --reason TEXT]
    inspector-app assess TASK ITEM [--minor] [--harm H] [--corrected] ...
    inspector-app dispositions TASK [--json]
    inspector-app decide TASK ITEM (--accept | --kind KIND --reason TEXT) [--fine YUAN]
    inspector-app sign TASK --signer party|witness|USERNAME (--image PNG | --refused --witness NAME)
    inspector-app documents TASK [--json]
    inspector-app issue TASK KIND [--draft] [--out FILE] [--item ITEM]... | issue TASK all
    inspector-app deliver DOC --method METHOD --recipient NAME
    inspector-app void DOC --reason TEXT
    inspector-app complete TASK
    inspector-app tasks [--json] / task TASK --json
    inspector-app follow-ups [--json] / follow-up TASK (--corrected | --not-corrected)
    inspector-app self-check TASK [--out FILE] [--date DATE]

Exit 0 on success, 1 with a clear message on a refusal (the message in the language of
``--lang``, else the system's). The names and JSON fields are a contract scripts rely on
(issue 11 item 8): add to them, rename nothing.
"""

from __future__ import annotations

import argparse
from typing import Any

from inspector_app.cli_visit.parser import COMMANDS, add_commands
from inspector_app.cli_visit.views import print_json, tasks_json

__all__ = ["COMMANDS", "add_commands", "print_json", "run", "tasks_json"]


def run(command: str, args: argparse.Namespace, open_profile: Any) -> int:
    """``commands.run``, imported when a visit command runs: it loads the rules (and the
    holiday calendar), which ``inspector-app gui`` and the other commands do not need."""
    from inspector_app.cli_visit.commands import run as run_command

    return run_command(command, args, open_profile)
