"""The shared person record: one person, many schemes."""

from .accounts import User
from .audit import AuditEvent
from .catalogue import District, Scheme
from .diversity import DiversityProfile
from .forces import Force, ForceStaff
from .imports import PeopleImport
from .notifications import Notification, ReminderOptOut
from .people import Membership, Volunteer
from .records import Course, TrainingRecord, Vetting

__all__ = [
    "AuditEvent",
    "Course",
    "District",
    "DiversityProfile",
    "Force",
    "ForceStaff",
    "Membership",
    "Notification",
    "PeopleImport",
    "ReminderOptOut",
    "Scheme",
    "TrainingRecord",
    "User",
    "Vetting",
    "Volunteer",
]
