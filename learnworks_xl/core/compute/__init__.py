"""Computations of the program: allocations, KPI, progress, risk levels (pure functions)."""
