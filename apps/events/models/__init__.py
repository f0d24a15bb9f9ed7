"""The events app's models: every name re-exported here (``from apps.events.models import …``)."""

from .events import (
    RESERVED_SLUGS,
    Category,
    Event,
    EventQuerySet,
    Programme,
    ProgrammeQuerySet,
    local_midnight,
)
from .proposals import EventProposal, ProposalQuerySet
from .records import Change, EventPhoto, ProgrammeChange

__all__ = [
    "RESERVED_SLUGS",
    "Category",
    "Change",
    "Event",
    "EventPhoto",
    "EventProposal",
    "EventQuerySet",
    "Programme",
    "ProgrammeChange",
    "ProgrammeQuerySet",
    "ProposalQuerySet",
    "local_midnight",
]
