"""Every colour of the product, in one place: the workbook builder (XlsxWriter), the school
forms, the report layout and the buttons (the VBA client's ``setRangeColor``) read them here.

``#RRGGBB`` strings, as XlsxWriter and xlwings both take them.
"""

from __future__ import annotations

#: Table headers of required columns (and of report tables), and their text.
HEADER_FILL = "#1F4E78"
HEADER_FONT = "#FFFFFF"
#: Table headers of optional columns, and of the plan's month grid.
HEADER_FILL_OPTIONAL = "#5B7FA6"
#: Sheet titles and headings.
TITLE_FONT = "#1F4E78"
#: Borders of data and report cells; lighter borders of grids (the plan's months, the forms).
BORDER_COLOR = "#8EA9C1"
GRID_BORDER_COLOR = "#D9D9D9"
#: An error, a warning and a good result: the fill and the text on it.
ERROR_FILL, ERROR_FONT = "#FFC7CE", "#9C0006"
WARN_FILL, WARN_FONT = "#FFEB9C", "#9C5700"
OK_FILL, OK_FONT = "#C6EFCE", "#006100"
#: Notes, subtitles and empty tables.
MUTED_FONT = "#7F7F7F"
#: Computed cells (formulas the clerk does not type).
COMPUTED_FILL = "#EDEDED"
#: The plan's month grid: planned months, and the month a step was actually finished.
GANTT_FILL = "#2E75B6"
GANTT_DONE_FILL, GANTT_DONE_FONT = "#70AD47", "#FFFFFF"
#: Report tables' header rows: light, with dark text — the buttons can set a fill but not a
#: font (the VBA client), so a report reads the same in the live book as in a file.
REPORT_HEADER_FILL, REPORT_HEADER_FONT = "#D9E2F3", "#1F4E78"
#: The ฉบับร่าง banner of a provisional report (light, for the same reason).
BANNER_FILL, BANNER_FONT = ERROR_FILL, ERROR_FONT
#: A hyperlink's text.
LINK_FONT = "#0563C1"
#: What a button resets a data cell to: the VBA client cannot set "no fill".
CLEAR_FILL = "#FFFFFF"
#: A school form's ลบ column header (a removal the school asks for).
REMOVE_HEADER_FILL = "#9C2A2A"
