"""Colours, the plots' global look and the window palettes."""
