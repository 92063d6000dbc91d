"""Adapters between workbook files on disk and the core."""
