"""LinReg Lab (线性回归实验室): learn d2l's linear-regression chapter by doing it.

One import package: ``linreg_lab.core`` (pure NumPy, no Qt), ``linreg_lab.gui`` (PySide6 +
pyqtgraph) and ``linreg_lab.resources`` (translations, lessons, icons, guide). The repository
keeps them as the top-level folders core/, gui/ and resources/; pyproject.toml maps this folder
to ``linreg_lab``, so nothing generic such as ``core`` lands in a user's site-packages.
Importing this package loads nothing, so ``from linreg_lab import core`` stays Qt-free.
"""
