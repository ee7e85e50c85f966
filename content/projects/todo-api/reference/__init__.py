"""The reference solution, importable by the broken variants."""
