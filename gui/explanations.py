"""Plain-language explanations of numeric situations, translated through Qt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from gui.format import fmt


def _tr(text: str) -> str:
    return QCoreApplication.translate("Explanations", text)


def rank_reason_text(reason: str | None) -> str | None:
    """Why XᵀX cannot be inverted, in words a learner understands; None when it can."""
    texts = {
        "empty": _tr("There are no training examples yet: click on the plot to add some."),
        "fewer_examples": _tr(
            "There are fewer training examples than parameters, so many lines fit equally "
            "well: XᵀX is not invertible. The blue line is the one with the smallest weights."),
        "identical_x": _tr(
            "All training examples have the same x, so the slope is not determined: XᵀX is "
            "not invertible. The blue line is the one with the smallest weights."),
        "duplicate_feature": _tr(
            "Two features are copies of each other, so their weights can trade off freely: "
            "XᵀX is not invertible. The blue solution is the one with the smallest weights."),
        "collinear": _tr(
            "Some features are linear combinations of others, so XᵀX is not invertible. "
            "The blue solution is the one with the smallest weights."),
    }
    return texts.get(reason) if reason else None


def divergence_text(lr: float, limit: float) -> str:
    """What happened when SGD blew up, and what to try."""
    text = _tr("Training diverged: the loss grew without bound, so it was stopped. The numbers "
               "shown are the last finite ones.")
    if limit < float("inf"):
        text += " " + _tr("The learning rate η = {lr} is above the stability limit "
                          "2/λmax ≈ {limit} for these data: lower η (try {half}) and press "
                          "Reset.").format(lr=fmt(lr), limit=fmt(limit), half=fmt(limit / 2))
    else:
        text += " " + _tr("Lower the learning rate η and press Reset.")
    return text


def lr_warning_text(lr: float, limit: float) -> str:
    """Warn before a run that the learning rate will make full-batch descent diverge."""
    return _tr("η = {lr} is above the stability limit 2/λmax ≈ {limit} for these data: "
               "training will probably diverge. Try η below {limit}.").format(
        lr=fmt(lr), limit=fmt(limit))
