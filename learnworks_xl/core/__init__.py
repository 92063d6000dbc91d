"""The functional core: models, rules and computations. Never imports xlwings or openpyxl."""
