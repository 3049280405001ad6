"""Errors the core raises for bad user data (files, clicked points, typed values)."""


class DataError(ValueError):
    """Bad input data, with a message meant for the learner.

    A ``ValueError`` so generic callers still catch it; a separate class so the GUI can show
    the message as-is (it names the file, line and column) instead of a traceback.
    """
