"""The clock of a run: Bangkok time, to the second; ``SOURCE_DATE_EPOCH`` fixes it (so two
runs give byte-identical files). Every command, button and page reads the time here."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

#: Bangkok time (UTC+7, no daylight saving).
BANGKOK = timezone(timedelta(hours=7))


def run_time(now: datetime | None = None) -> datetime:
    """The time of a run, in Bangkok, to the second (naive).

    Args:
        now: A given time (tests, a button's press); None: ``SOURCE_DATE_EPOCH``, else the
            clock.
    """
    if now is not None:
        return now.replace(microsecond=0)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.fromtimestamp(int(epoch), BANGKOK) if epoch and epoch.isdigit()
            else datetime.now(BANGKOK))
    return when.replace(tzinfo=None, microsecond=0)
