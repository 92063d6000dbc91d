"""The xlwings edge: the workbook's buttons (local ``RunPython`` and xlwings Server).

* :mod:`~learnworks_xl.xl.buttons` — one entry point per button (``validate``, ``recompute``,
  ``reports``, ``email``, ``school_forms``, ``collect``) for both modes;
* :mod:`~learnworks_xl.xl.bookio` — ``xw.Book`` → raw sheets, and a patch → xlwings calls;
* :mod:`~learnworks_xl.xl.plan`, :mod:`~learnworks_xl.xl.marks`,
  :mod:`~learnworks_xl.xl.reportwrite`, :mod:`~learnworks_xl.xl.layout`,
  :mod:`~learnworks_xl.xl.patch` — pure: what a button changes, as data;
* :mod:`~learnworks_xl.xl.server` and :mod:`~learnworks_xl.xl.request` — the FastAPI server;
* :mod:`~learnworks_xl.xl.clientpayload` and :mod:`~learnworks_xl.xl.replay` — the VBA
  client's request made from a file, and its actions replayed on a file (tests, benchmarks);
* :mod:`~learnworks_xl.xl.snapshot` — the live book's values as a file for file-based jobs.
"""
