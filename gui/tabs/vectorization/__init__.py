"""The Vectorization tab: a Python for-loop timed against one vectorised NumPy call."""
