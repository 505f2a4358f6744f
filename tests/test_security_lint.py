"""ruff's security rules (S) run in `make check`; a finding may be silenced only on its
line and with the reason it is safe there ("# noqa: S603 - our own interpreter")."""

import re
from pathlib import Path

from django.conf import settings

SILENCED = re.compile(r"#\s*noqa:\s*([A-Z0-9, ]+)(.*)$")


def test_every_silenced_security_finding_says_why():
    root = Path(settings.BASE_DIR)
    unexplained = []
    for path in root.rglob("*.py"):
        if {".venv", "var", "node_modules"} & set(path.relative_to(root).parts):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            found = SILENCED.search(line)
            if not found:
                continue
            codes = [code.strip() for code in found.group(1).split(",")]
            reason = found.group(2).strip().lstrip("-").strip()
            if any(code.startswith("S") for code in codes) and len(reason) < 8:
                unexplained.append(f"{path.relative_to(root)}:{number}")
    assert unexplained == []
