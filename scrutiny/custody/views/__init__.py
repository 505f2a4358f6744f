"""Custody visiting's pages: the manager's rota (rota.py), reports, concerns and summary
(reports.py), and the visitor's and custody inspector's own pages (visitors.py)."""

from .reports import (
    issue,
    issue_close,
    issue_escalate,
    issue_respond,
    issues,
    issues_export,
    report,
    reports,
    reports_export,
    summary_export,
    summary_page,
    summary_pdf,
)
from .rota import rota_page, rota_plan, rota_publish, swap_decide
from .visitors import availability, force_home, my_visit, my_visits, swap

__all__ = [
    "availability",
    "force_home",
    "issue",
    "issue_close",
    "issue_escalate",
    "issue_respond",
    "issues",
    "issues_export",
    "my_visit",
    "my_visits",
    "report",
    "reports",
    "reports_export",
    "rota_page",
    "rota_plan",
    "rota_publish",
    "summary_export",
    "summary_page",
    "summary_pdf",
    "swap",
    "swap_decide",
]
