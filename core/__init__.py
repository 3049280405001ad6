"""LinReg Lab's numeric core: pure NumPy, no Qt, usable from a notebook.

The names follow d2l (``synthetic_data``, ``squared_loss``, ``softmax``, ``cross_entropy``,
``lr``, ``batch_size``) and scikit-learn's shapes (X is (n, d), y is (n,), class labels are
(n,) indices). See DESIGN.md §3 for the contract.

Importing the package loads nothing but this table: each name is imported from its module
when first used (PEP 562), so the window's first frame does not wait for the classification,
sweep and export code (tens of milliseconds at start). ``from linreg_lab.core import X`` and
``core.X`` work as before.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import Any

_WHERE: dict[str, tuple[str, ...]] = {  # module → the names it gives the package
    "class_csv": ("load_class_csv", "save_class_csv"),
    "class_data": ("ClassDataset", "gaussian_clusters", "load_digits", "load_iris"),
    "confusion": ("confusion_matrix",),
    "csv_io": ("load_csv", "load_csv_split", "save_csv"),
    "data": ("NOISE_TYPES", "Dataset", "synthetic_data", "train_val_split"),
    "decision_regions": ("DecisionImage", "boundary_line", "decision_image"),
    "errors": ("DataError",),
    "goodness_of_fit": ("GoodnessOfFit", "goodness_of_fit"),
    "history": ("History",),
    "likelihood": ("gaussian_nll", "mle_sigma", "normal"),
    "losses": ("LOSSES", "absolute_loss", "get_loss", "huber_loss", "squared_loss"),
    "run_process": ("TrainingProcess",),
    "session_file": ("SessionFileError", "read_session", "write_session"),
    "sgd": ("SGDTrainer", "StepRecord"),
    "softmax": (
        "cross_entropy",
        "cross_entropy_naive",
        "log_softmax",
        "logsumexp",
        "one_hot",
        "softmax",
        "softmax_naive",
    ),
    "softmax_optimum": ("SoftmaxOptimum", "softmax_optimum"),
    "softmax_trainer": ("SoftmaxTrainer", "SoftmaxUpdate"),
    "solvers": ("LstsqSolution", "least_squares", "normal_equation_pieces", "polyfit"),
    "standardized": ("StandardizedTrainer",),
    "stats": ("SufficientStats",),
    "stats_solution": ("least_squares_from_stats",),
    "sweep": ("estimation_error_curve", "sweep"),
    "vectorization": ("time_sgd_epoch", "time_vector_addition"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}
__all__ = sorted(_MODULE_OF, key=lambda name: (not name.isupper(), name))


def __getattr__(name: str) -> Any:
    """The package's name `name`, imported from its module now and kept."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """The package, which keeps a function that has its module's name (softmax, sweep,
    goodness_of_fit, softmax_optimum) under that name: importing a submodule binds it on its
    package, which would otherwise hide the function from ``core.softmax(...)``."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _MODULE_OF and isinstance(value, ModuleType):
            return  # the submodule stays in sys.modules; the name stays the function's
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
