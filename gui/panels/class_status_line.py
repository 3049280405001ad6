"""The classification mode's status line: epoch, step, cross-entropy and accuracy (准确率).

The regression's StatusLine with other figures: the mean cross-entropy over the training set,
the training accuracy, with a validation set the validation accuracy, and the weights' norm
‖W‖ (which grows without bound on linearly separable data).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QWidget

from linreg_lab.gui.panels.status_line import StatusLine
from linreg_lab.gui.state.classification import ClassificationSession
from linreg_lab.gui.text.format import fmt, fmt_percent


class ClassStatusLine(StatusLine):
    """epoch · step · cross-entropy · training accuracy (· validation accuracy) · ‖W‖ · speed."""

    OBJECT_NAME = "classStatusLine"

    def __init__(self, session: ClassificationSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        session.datasetChanged.connect(self.refresh)

    def figures(self) -> list[str]:
        t = self._session.trainer
        has_data = t.n_examples > 0
        parts = [
            self.tr("cross-entropy {value}").format(value=fmt(t.loss() if has_data else None)),
            self.tr("training accuracy {value}").format(
                value=fmt_percent(t.accuracy() if has_data else None)),
        ]
        val = t.val_accuracy()
        if val is not None:
            parts.append(self.tr("validation accuracy {value}").format(value=fmt_percent(val)))
        # the weights' size: on separable data it keeps growing (the optimum is at infinity)
        parts.append(self.tr("‖W‖ {value}").format(value=fmt(float(np.linalg.norm(t.W)))))
        return parts
