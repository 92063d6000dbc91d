"""Report contents: what each report sheet says, as plain data (no Excel library here).

:mod:`learnworks_xl.core.reports.content` is the contract between the code that decides what
a report says and the adapters that lay it out (XlsxWriter for files, xlwings for a live
book).
"""
