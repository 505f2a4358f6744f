"""The checklists scrutiny visitors go through, and the form that asks them.

A checklist is sections of checks. On the form each check is answered satisfactory, a
concern or not seen, with a note; a concern needs its note, because the note is what the
force is asked to answer. The answers are kept on the report as {check code: {"result",
"note"}}, and each concern becomes a follow-up (schemes/models/followups.py)."""

from dataclasses import dataclass

from django import forms

from volunteers.forms import Form

from .models.followups import CheckResult

CONCERN_NEEDS_NOTE = "Say what the concern is: the force is asked to answer what you write."
ANSWER_EACH = "Choose satisfactory, concern or not seen."


@dataclass(frozen=True)
class Check:
    code: str
    label: str


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    checks: tuple[Check, ...]


@dataclass(frozen=True)
class Checklist:
    sections: tuple[Section, ...]

    def checks(self):
        for section in self.sections:
            for check in section.checks:
                yield section, check

    def label_of(self, code: str) -> str:
        return next((c.label for _, c in self.checks() if c.code == code), code)

    def section_title(self, code: str) -> str:
        return next((s.title for s in self.sections if s.code == code), code)

    def concerns(self, answers: dict) -> list[tuple[Section, Check, str]]:
        """(section, check, note) for every check answered as a concern."""
        return [
            (section, check, answers[check.code]["note"])
            for section, check in self.checks()
            if answers.get(check.code, {}).get("result") == CheckResult.CONCERN
        ]

    def counts_by_section(self, answers: dict) -> dict[str, int]:
        return {
            s.code: sum(
                1 for c in s.checks if answers.get(c.code, {}).get("result") == CheckResult.CONCERN
            )
            for s in self.sections
        }


class ChecklistForm(Form):
    """One radio group and one note for each check of `checklist`; `note_validators` are
    the scheme's own rules for what a note may hold (custody visiting's: no custody
    number, since notes go to the force)."""

    def __init__(self, *args, checklist: Checklist, note_validators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        for _, check in checklist.checks():
            self.fields[check.code] = forms.ChoiceField(
                label=check.label,
                choices=CheckResult.choices,
                widget=forms.RadioSelect,
                error_messages={"required": ANSWER_EACH},
            )
            self.fields[f"{check.code}-note"] = forms.CharField(
                label=f"Note on {check.label[0].lower()}{check.label[1:]} (needed for a concern)",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                validators=list(note_validators),
            )

    def clean(self):
        data = super().clean()
        for _, check in self.checklist.checks():
            note = (data.get(f"{check.code}-note") or "").strip()
            if data.get(check.code) == CheckResult.CONCERN and not note:
                self.add_error(f"{check.code}-note", CONCERN_NEEDS_NOTE)
        return data

    def sections(self):
        """[(section, [(result field, note field)])] for the template."""
        return [
            (section, [(self[c.code], self[f"{c.code}-note"]) for c in section.checks])
            for section in self.checklist.sections
        ]

    def answers(self) -> dict:
        return {
            check.code: {
                "result": self.cleaned_data[check.code],
                "note": (self.cleaned_data.get(f"{check.code}-note") or "").strip(),
            }
            for _, check in self.checklist.checks()
        }
