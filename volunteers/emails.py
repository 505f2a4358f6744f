"""Messages about a person's memberships, queued in the outbox with the change itself."""

from . import outbox

MEMBERSHIP_STATUS = outbox.kind(
    "membership_status",
    "Your place in a scheme has moved on",
    always_because="it changes what you can do in the scheme.",
)


def membership_status_changed(membership) -> outbox.Reminder:
    return outbox.Reminder(
        kind=MEMBERSHIP_STATUS.code,
        subject_ref=f"membership:{membership.pk}",
        period=outbox.moment_key(membership.status_changed_at),
        to=membership.volunteer.email,
        volunteer=membership.volunteer,
        subject=f"Your {membership.scheme} membership is now "
        f"{membership.get_status_display().lower()}",
        template="membership_status",
        context={"membership": membership},
    )
