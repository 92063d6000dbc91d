"""learnworks: the Bang Khen District Office's learning-works program, run from one workbook."""

__version__ = "0.1.0"
