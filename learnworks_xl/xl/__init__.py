"""The xlwings edge: workbook buttons (local ``RunPython`` and xlwings Server) and the server.

Only :mod:`learnworks_xl.xl.buttons`, :mod:`learnworks_xl.xl.bookio` and
:mod:`learnworks_xl.xl.server` import xlwings or FastAPI; the planning modules
(:mod:`~learnworks_xl.xl.patch`, :mod:`~learnworks_xl.xl.plan`, :mod:`~learnworks_xl.xl.layout`)
are pure and run anywhere.
"""
