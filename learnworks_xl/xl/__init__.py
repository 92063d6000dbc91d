"""The xlwings edge: the workbook's buttons (local ``RunPython`` and xlwings Server).

* :mod:`~learnworks_xl.xl.buttons` — one entry point per button (``validate``, ``recompute``,
  ``reports``, ``email``, ``school_forms``, ``collect``) for both modes;
* :mod:`~learnworks_xl.xl.bookio` — ``xw.Book`` → raw sheets, and a patch → xlwings calls;
* :mod:`~learnworks_xl.xl.pressplan`, :mod:`~learnworks_xl.xl.markpatch`,
  :mod:`~learnworks_xl.xl.reportwrite` (a report's grid from
  :mod:`learnworks_xl.core.layout` as the client's actions), :mod:`~learnworks_xl.xl.patch`
  — pure: what a button changes, as data;
* :mod:`~learnworks_xl.xl.server`, :mod:`~learnworks_xl.xl.clientjson` and
  :mod:`~learnworks_xl.xl.request` — the FastAPI server, the VBA client's body read as that
  client writes it, and its shape;

The VBA client itself, as Excel runs it, and the replay of its actions on a file live with
the tests (``tests/vbaclient.py``, ``tests/vbareplay.py``): they are not part of the package.
"""
