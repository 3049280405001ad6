"""Plain-language explanations of numeric situations, translated through Qt."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from linreg_lab.core.solvers import Dependency, LstsqSolution
from linreg_lab.core.stability import ABOVE_FULL_BATCH, ABOVE_MINIBATCH, LearningRateCheck
from linreg_lab.gui.text.format import fmt, fmt_distinct
from linreg_lab.gui.text.symbols import input_symbol

translate = QCoreApplication.translate  # a plain call with literals, as lupdate needs


def rank_reason_text(reason: str | None, dependency: Dependency | None = None,
                     n_features: int = 1) -> str | None:
    """Why XᵀX cannot be inverted, in words a learner understands; None when it can.

    With the dependency (LstsqSolution.dependency) the text names it: which feature is
    constant, which is a multiple of which (with the factor), which combination of which.
    """
    tail = translate("Explanations", "XᵀX is not invertible. The blue solution is the one "
                     "with the smallest weights.")
    if reason == "empty":
        return translate("Explanations",
                         "There are no training examples yet: click on the plot to add some.")
    if reason == "fewer_examples":
        return translate("Explanations",
                         "There are fewer training examples than parameters, so many lines fit "
                         "equally well: XᵀX is not invertible. The blue line is the one with the "
                         "smallest weights.")
    if reason == "identical_x" and n_features == 1:
        return translate("Explanations",
                         "All training examples have the same x, so the slope is not determined: "
                         "XᵀX is not invertible. The blue line is the one with the smallest "
                         "weights.")
    if reason == "identical_x":
        return _then(translate("Explanations", "Every feature has the same value in every "
                               "training example, so no weight is determined:"), tail)
    if dependency is not None and reason is not None:
        return _then(_dependency_text(dependency, n_features), tail)
    if reason is None:
        return None
    return translate("Explanations",
                     "Some features are linear combinations of others (or there are too few "
                     "distinct x values), so XᵀX is not invertible. The blue solution is the "
                     "one with the smallest weights.")


def solution_reason_text(solution: LstsqSolution) -> str | None:
    """rank_reason_text of a least-squares solution, naming its dependency."""
    return rank_reason_text(solution.reason, solution.dependency, solution.w.size)


def _dependency_text(dep: Dependency, d: int) -> str:
    """The dependency in words, with its equation."""
    column, equation = input_symbol(dep.column, d), dependency_equation(dep, d)
    if dep.kind == "constant":
        return translate("Explanations",
                         "Feature {x} has the same value in every training example ({eq}), so "
                         "its weight cannot be told apart from the bias b:").format(
                             x=column, eq=equation)
    names = ", ".join(input_symbol(j, d) for j in dep.others)
    if dep.kind == "proportional":
        if fmt(dep.coefficients[dep.others[0]]) == "1" and dep.offset == 0:
            return translate("Explanations",
                             "Features {a} and {x} are copies of each other ({eq} in every "
                             "training example), so their weights can trade off freely:").format(
                                 a=names, x=column, eq=equation)
        if dep.offset == 0:
            text = translate("Explanations",
                             "Feature {x} is proportional to {a}: {eq} in every training "
                             "example, so their weights can trade off freely:")
        else:
            text = translate("Explanations",
                             "Feature {x} is a multiple of {a} plus a constant: {eq} in every "
                             "training example, so their weights can trade off freely:")
        return text.format(x=column, a=names, eq=equation)
    return translate("Explanations",
                     "Feature {x} is a linear combination of {others}: {eq} in every training "
                     "example, so their weights can trade off freely:").format(
                         x=column, others=names, eq=equation)


def dependency_equation(dep: Dependency, d: int) -> str:
    """"x₂ = 2·x₁ + 3": the relation as the chapter would write it (4 significant digits)."""
    terms = []
    for j in dep.others:
        c = fmt(abs(float(dep.coefficients[j])))
        sign = "−" if dep.coefficients[j] < 0 else "+"
        factor = "" if c == "1" else f"{c}·"
        terms.append((sign, f"{factor}{input_symbol(j, d)}"))
    if dep.offset != 0 or not terms:
        terms.append(("−" if dep.offset < 0 else "+", fmt(abs(dep.offset))))
    first_sign, first = terms[0]
    text = ("−" if first_sign == "−" else "") + first
    text += "".join(f" {sign} {term}" for sign, term in terms[1:])
    return f"{input_symbol(dep.column, d)} = {text}"


def divergence_text(check: LearningRateCheck) -> str:
    """What happened when SGD blew up, what is true of η for the batch size in use, and the
    learning rate to try."""
    text = translate("Explanations",
                     "Training diverged: the loss grew without bound, so it was stopped. The "
                     "numbers shown are the last finite ones.")
    return _then(text, _why_diverged(check))


def _then(first: str, second: str) -> str:
    """Two sentences in a row: a space between them in English, none in Chinese."""
    return translate("Explanations", "{first} {second}", "two sentences in a row").format(
        first=first, second=second)


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


def run_lost_text(step: int) -> str:
    """The training process failed during a run (core.run_process): what the learner sees
    instead of the steps it had taken."""
    return translate("Explanations",
                     "The training process stopped unexpectedly. The run went back to step "
                     "{step}, where it had been handed over, and now trains in this window."
                     ).format(step=step)
