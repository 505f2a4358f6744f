"""The county's population from the 2021 Census, shipped as data with its source.

The diversity KPIs compare active volunteers with these shares. Each characteristic holds
either percentages or head counts of the people who answered; both come out as
percentages rounded to 0.1, keyed by the same answer codes the diversity form stores.
"""

import json
from decimal import Decimal
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "census_2021_hertfordshire.json"
TENTH = Decimal("0.1")


@cache
def _load() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def shares(characteristic: str) -> dict[str, Decimal]:
    """Percent of the county's residents (of those who answered) giving each answer."""
    figures = _load()["characteristics"][characteristic]
    if "people" in figures:
        people = figures["people"]
        total = sum(people.values())
        return {k: (Decimal(n) * 100 / total).quantize(TENTH) for k, n in people.items()}
    return {k: Decimal(str(v)).quantize(TENTH) for k, v in figures["percent"].items()}


def characteristics() -> list[str]:
    return list(_load()["characteristics"])


def source(characteristic: str | None = None) -> str:
    """Where the figures come from, to print beside them."""
    data = _load()
    where = f"{data['publisher']}, {data['census']}, {data['area']}"
    if characteristic:
        where += f": {data['characteristics'][characteristic]['table']}"
    return f"{where}. {data['licence']}."
