"""Plain-language explanations of numeric situations, translated through Qt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from linreg_lab.core.stability import ABOVE_FULL_BATCH, ABOVE_MINIBATCH, LearningRateCheck
from linreg_lab.gui.text.format import fmt, fmt_distinct

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


def divergence_text(check: LearningRateCheck) -> str:
    """What happened when SGD blew up, what is true of η for the batch size in use, and the
    learning rate to try."""
    text = translate("Explanations",
                     "Training diverged: the loss grew without bound, so it was stopped. The "
                     "numbers shown are the last finite ones.")
    return text + " " + _why_diverged(check)


def _why_diverged(check: LearningRateCheck) -> str:
    if check.risk == ABOVE_FULL_BATCH and check.full_batch:
        text = translate("Explanations",
                         "η = {lr} is above the stability limit 2/λmax ≈ {limit} for these data, "
                         "above which full-batch gradient descent diverges: lower η (try "
                         "{suggestion}) and press Reset.")
    elif check.risk == ABOVE_FULL_BATCH:
        text = translate("Explanations",
                         "η = {lr} is above the stability limit 2/λmax ≈ {limit} for these data "
                         "(exact for full-batch gradient descent; minibatches of {b} are at risk "
                         "from about {batch_limit}): lower η (try {suggestion}) and press Reset.")
    elif check.risk == ABOVE_MINIBATCH:
        text = translate("Explanations",
                         "η = {lr} is below the stability limit 2/λmax ≈ {limit}, but that limit "
                         "is exact only for full-batch gradient descent: minibatches of {b} of "
                         "the {n} examples take noisier steps and can diverge from about "
                         "η ≈ {batch_limit}. Lower η (try {suggestion}) or use larger batches, and "
                         "press Reset.")
    elif check.suggestion == check.suggestion:  # a finite limit to suggest from
        text = translate("Explanations", "Lower the learning rate η (try {suggestion}) and press "
                         "Reset.")
    else:
        text = translate("Explanations", "Lower the learning rate η and press Reset.")
    return text.format(**_numbers(check))


def lr_warning_text(check: LearningRateCheck) -> str:
    """Warn before a run that this η will, or may, diverge with the batch size in use."""
    if check.risk == ABOVE_MINIBATCH:
        text = translate("Explanations",
                         "η = {lr} is below the full-batch stability limit 2/λmax ≈ {limit}, "
                         "but minibatches of {b} of the {n} examples can diverge above about "
                         "{batch_limit}. Try η = {suggestion}.")
    else:
        text = translate("Explanations",
                         "η = {lr} is above the stability limit 2/λmax ≈ {limit} for these data: "
                         "training will probably diverge. Try η = {suggestion}.")
    return text.format(**_numbers(check))


def _numbers(check: LearningRateCheck) -> dict[str, str | int]:
    """The numbers the learning-rate messages fill in; η and each limit read differently."""
    lr, full = fmt_distinct(check.lr, check.full_limit)
    lr_b, batch = fmt_distinct(check.lr, check.batch_limit)
    return {"lr": max(lr, lr_b, key=len),  # the digits that tell it from both limits
            "limit": full, "batch_limit": batch, "b": check.batch_size, "n": check.n_examples,
            "suggestion": fmt(check.suggestion)}
