"""Plain-language explanations of numeric situations, translated through Qt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from linreg_lab.gui.text.format import fmt

translate = QCoreApplication.translate  # a plain call with literals, as lupdate needs


def rank_reason_text(reason: str | None) -> str | None:
    """Why XᵀX cannot be inverted, in words a learner understands; None when it can."""
    if reason == "empty":
        return translate("Explanations",
                         "There are no training examples yet: click on the plot to add some.")
    if reason == "fewer_examples":
        return translate("Explanations",
                         "There are fewer training examples than parameters, so many lines fit "
                         "equally well: XᵀX is not invertible. The blue line is the one with the "
                         "smallest weights.")
    if reason == "identical_x":
        return translate("Explanations",
                         "All training examples have the same x, so the slope is not determined: "
                         "XᵀX is not invertible. The blue line is the one with the smallest "
                         "weights.")
    if reason == "duplicate_feature":
        return translate("Explanations",
                         "Two features are copies of each other, so their weights can trade off "
                         "freely: XᵀX is not invertible. The blue solution is the one with the "
                         "smallest weights.")
    if reason == "collinear":
        return translate("Explanations",
                         "Some features are linear combinations of others (or there are too few "
                         "distinct x values), so XᵀX is not invertible. The blue solution is the "
                         "one with the smallest weights.")
    return None


def divergence_text(lr: float, limit: float) -> str:
    """What happened when SGD blew up, and what to try."""
    text = translate("Explanations",
                     "Training diverged: the loss grew without bound, so it was stopped. The "
                     "numbers shown are the last finite ones.")
    if limit < float("inf"):
        advice = translate("Explanations",
                           "The learning rate η = {lr} is above the stability limit 2/λmax ≈ "
                           "{limit} for these data: lower η (try {half}) and press Reset.")
        return text + " " + advice.format(lr=fmt(lr), limit=fmt(limit), half=fmt(limit / 2))
    return text + " " + translate("Explanations", "Lower the learning rate η and press Reset.")


def lr_warning_text(lr: float, limit: float) -> str:
    """Warn before a run that the learning rate will make full-batch descent diverge."""
    text = translate("Explanations",
                     "η = {lr} is above the stability limit 2/λmax ≈ {limit} for these data: "
                     "training will probably diverge. Try η below {limit}.")
    return text.format(lr=fmt(lr), limit=fmt(limit))
