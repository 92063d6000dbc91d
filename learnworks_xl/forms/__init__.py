"""School forms: one small workbook per school, and collecting the returned forms.

- :mod:`.identity` (pure): what identifies a form (school code, fiscal year, a marker) and
  how it is read back from a raw workbook.
- :mod:`.match` (pure): a form's rows meet the school's office rows by key (added, updated,
  unchanged, kept, removed on request).
- :mod:`.merge` (pure): validate returned forms and merge their rows into the office's data;
  the xlwings button and ``learnworks collect`` share it.
- :mod:`.build` (XlsxWriter): write one form, prefilled, reusing the product workbook's input
  sheets.

This package's ``__init__`` imports nothing, so ``forms.merge`` stays free of XlsxWriter.
"""
