"""Reading a user's file whole, with one wording for what can go wrong, for every format."""

from __future__ import annotations

import os

from linreg_lab.core.array_types import StrPath


def read_bytes(path: StrPath, name: str, error: type[Exception]) -> bytes:
    """The file's bytes; `error` (DataError, SessionFileError, ...) naming the file if not."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise error(f"{name}: file not found ({os.fspath(path)})") from None
    except IsADirectoryError:
        raise error(f"{name}: this is a folder, not a file") from None
    except PermissionError:
        raise error(f"{name}: permission denied; the file cannot be read") from None
    except OSError as exc:
        raise error(f"{name}: the file cannot be read ({exc.strerror or exc})") from None
