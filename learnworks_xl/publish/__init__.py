"""The program's website: the selected works per school and the program summary.

- :mod:`.content` (pure): what the pages say, formatted Thai text; which links are safe.
- :mod:`.render`: Jinja2 templates (autoescape on) inside the package, written to a folder.
- :mod:`.job`: ``learnworks publish`` — read, validate, compute, render.
"""
