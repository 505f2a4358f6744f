"""`make check`'s dependency audit: no locked requirement has a known vulnerability, unless
pyproject.toml's [tool.cip.audit] names it with a reason and a date it runs out.

It runs pip-audit (PyPI's advisory data) on the locked, hashed requirements. Where PyPI
does not answer for a pinned version (a mirror that serves only each project's latest
release, as on the development machines), the project's own page is read instead: its
advisories cover the pin when the pin is the latest release. What could be audited
neither way is listed, so no one mistakes silence for a clean bill.

    python -m config.audit_dependencies requirements-dev.txt
"""

import json
import re
import subprocess
import sys
import tomllib
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PAGE = "https://pypi.org/pypi/{name}/json"
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.MULTILINE)


def exceptions(today: date) -> dict[str, str]:
    """{advisory id: reason} of the exceptions still in date; expired ones fail the audit."""
    listed = tomllib.loads((ROOT / "pyproject.toml").read_text())
    allowed = {}
    for entry in listed.get("tool", {}).get("cip", {}).get("audit", {}).get("exceptions", []):
        if date.fromisoformat(entry["until"]) >= today:
            allowed[entry["id"]] = entry["reason"]
    return allowed


def pip_audit(requirements: Path) -> list[dict]:
    command = [
        sys.executable,
        "-m",
        "pip_audit",
        "--require-hashes",
        "--disable-pip",
        "--format",
        "json",
        "--progress-spinner",
        "off",
        "-r",
        str(requirements),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - our own interpreter, fixed arguments
    return json.loads(result.stdout or '{"dependencies": []}')["dependencies"]


def from_project_page(name: str, pinned: str) -> list[dict] | None:
    """The advisories of the pinned version, or None when they cannot be known here."""
    url = PROJECT_PAGE.format(name=name)
    try:
        with urllib.request.urlopen(url, timeout=15) as response:  # noqa: S310 - a fixed https address
            page = json.load(response)
    except OSError:
        return None
    if page["info"]["version"] != pinned:
        return None
    return [{"id": v["id"], "fix_versions": v.get("fixed_in", [])} for v in page["vulnerabilities"]]


def main(requirements: Path, today: date) -> int:
    pins = dict(PIN.findall(requirements.read_text()))
    allowed = exceptions(today)
    found, unaudited = [], []
    for dependency in pip_audit(requirements):
        name = dependency["name"]
        vulns = dependency.get("vulns")
        if "skip_reason" in dependency:
            vulns = from_project_page(name, pins.get(name, ""))
            if vulns is None:
                unaudited.append(f"{name}=={pins.get(name, '?')}")
                continue
        found += [(name, v["id"], v.get("fix_versions", [])) for v in vulns]
    failing = [item for item in found if item[1] not in allowed]
    for name, advisory, fixed in found:
        verdict = f"EXCEPTION ({allowed[advisory]})" if advisory in allowed else "VULNERABLE"
        print(f"{verdict}: {name} {advisory}, fixed in {', '.join(fixed) or 'no release yet'}")
    print(
        f"Dependency audit of {requirements.name}: {len(pins)} pinned, {len(found)} known "
        f"advisories ({len(failing)} without an exception)."
    )
    if unaudited:
        print(
            "Not auditable from here (PyPI gave no advisory data for these pins, which are "
            "not their project's latest release): " + ", ".join(unaudited)
        )
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main(ROOT / sys.argv[1], date.today()))
