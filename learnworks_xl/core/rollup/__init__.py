"""The Education Office's roll-up of every district's workbook (pure).

:mod:`.district` reduces one district's workbook to its figures (:func:`read_district`),
:mod:`.combine` applies the roll-up's rules and computes the city's figures
(:func:`roll_up` → :class:`Rollup`), :mod:`.sheets` says what the roll-up workbook shows
(:func:`rollup_reports`). Reading the files and writing the workbook are the job's
(:mod:`learnworks_xl.rollup`).
"""

from learnworks_xl.core.rollup.combine import FileStatus, Rollup, roll_up
from learnworks_xl.core.rollup.district import (
    DistrictFigures,
    DistrictFile,
    SchoolLine,
    WorkLine,
    read_district,
)
from learnworks_xl.core.rollup.sheets import SHEETS, rollup_reports

__all__ = ["SHEETS", "DistrictFigures", "DistrictFile", "FileStatus", "Rollup", "SchoolLine",
           "WorkLine", "read_district", "roll_up", "rollup_reports"]
