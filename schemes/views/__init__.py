"""Pages of the shared scheme machinery: staff.py for coordinators, portal.py for volunteers."""
