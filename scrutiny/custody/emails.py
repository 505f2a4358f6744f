"""Messages to custody visitors: the visits they are allocated, and swaps decided."""

from volunteers import outbox
from volunteers.formats import long_date

from .rota import quarter_label

CUSTODY_ROTA = outbox.kind(
    "custody_rota",
    "Custody visits you are allocated, and swaps agreed",
    always_because="the suites are visited only if the pair allocated goes.",
)


def week_text(week) -> str:
    return f"the week of {long_date(week)}"


def your_visits(plan, visitor, visits) -> outbox.Reminder:
    lines = [
        f"Your custody visits for {quarter_label(plan.quarter)} are below. Visits are "
        "unannounced: please keep the dates to yourselves, and agree the day and time "
        "with your partner.",
        *(
            f"{week_text(v.week_starting).capitalize()}: {v.suite}, with "
            f"{v.partner_of(visitor).display_name}{' (a training visit)' if v.is_training else ''}."
            for v in visits
        ),
        "If you cannot go, ask to swap with a colleague from your portal.",
    ]
    return outbox.Reminder(
        kind=CUSTODY_ROTA.code,
        subject_ref=f"custody-rota:{plan.pk}",
        period=f"v:{visitor.pk}",
        to=visitor.email,
        volunteer=visitor,
        subject=f"Your custody visits, {quarter_label(plan.quarter)}",
        template="reminder",
        context={"lines": lines},
    )


def swap_decided(swap, allocation) -> list[outbox.Reminder]:
    agreed = swap.status == swap.Status.AGREED
    visit = f"{allocation.suite}, {week_text(allocation.week_starting)}"
    told = [swap.asked_by, *([swap.colleague] if agreed else [])]
    return [
        outbox.Reminder(
            kind=CUSTODY_ROTA.code,
            subject_ref=f"custody-swap:{swap.pk}",
            period=f"v:{person.pk}",
            to=person.email,
            volunteer=person,
            subject=f"Swap {'agreed' if agreed else 'not agreed'}: {visit}",
            template="reminder",
            context={
                "lines": [
                    (
                        f"The manager agreed that {swap.colleague.display_name} takes "
                        f"{swap.asked_by.display_name}'s place on the visit to {visit}."
                        if agreed
                        else f"The manager could not agree the swap for the visit to {visit}: "
                        "the visit stays yours. Please get in touch if you cannot go."
                    ),
                ]
            },
        )
        for person in told
        if person.email
    ]
