"""Services of the shared scheme machinery, one module per area:
booking (sign-ups and the waiting list), duties (coordinators' side and attendance),
hours (logging and approval), minimums (the monthly grid) and calendar (the feed)."""
