"""The ranges every entry point accepts: widgets, session and CSV files, lessons, the Python API.

One table, so a value the toolbar refuses is refused the same way from a file or a script.
Why these numbers:
- features: the window draws one fit view per feature and solves a d×d problem on every edit;
  100 keeps both interactive (a 4 × 3,000 file froze the window for minutes);
- examples: a million points stay responsive (the fit plot switches to a density image);
- values: |x|, |y| ≤ 1e100, so that squares and sums of squares of a million values stay far
  from overflow (1e308) in the sufficient statistics and the losses;
- names of features and the label: 200 characters, more than any real column name; every
  plot draws them (a 5 MB name in a CSV header froze the window for seconds);
- learning rate, epochs, seeds: the widgets' own ranges;
- classes: 2 to 10 (the digits' ten), each needing a colour and a marker people can tell
  apart.
"""

from __future__ import annotations

MAX_FEATURES = 100
MAX_EXAMPLES = 1_000_000
MAX_ABS_VALUE = 1e100
MAX_NAME_LENGTH = 200
LR_MIN, LR_MAX = 1e-5, 100.0
MAX_EPOCHS = 100_000
MAX_SEED = 2**31 - 1
MAX_VAL_FRACTION = 0.5
MAX_HUBER_DELTA = 1e4
MIN_CLASSES, MAX_CLASSES = 2, 10
