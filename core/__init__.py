"""LinReg Lab's numeric core: pure NumPy, no Qt, usable from a notebook.

The names follow d2l (``synthetic_data``, ``squared_loss``, ``softmax``, ``cross_entropy``,
``lr``, ``batch_size``) and scikit-learn's shapes (X is (n, d), y is (n,), class labels are
(n,) indices). See DESIGN.md §3 for the contract.
"""

from linreg_lab.core.class_csv import load_class_csv, save_class_csv
from linreg_lab.core.class_data import ClassDataset, gaussian_clusters, load_digits, load_iris
from linreg_lab.core.confusion import confusion_matrix
from linreg_lab.core.csv_io import load_csv, load_csv_split, save_csv
from linreg_lab.core.data import NOISE_TYPES, Dataset, synthetic_data, train_val_split
from linreg_lab.core.decision_regions import DecisionImage, boundary_line, decision_image
from linreg_lab.core.errors import DataError
from linreg_lab.core.goodness_of_fit import GoodnessOfFit, goodness_of_fit
from linreg_lab.core.history import History
from linreg_lab.core.likelihood import gaussian_nll, mle_sigma, normal
from linreg_lab.core.losses import LOSSES, absolute_loss, get_loss, huber_loss, squared_loss
from linreg_lab.core.session_file import SessionFileError, read_session, write_session
from linreg_lab.core.sgd import SGDTrainer, StepRecord
from linreg_lab.core.softmax import (
    cross_entropy,
    cross_entropy_naive,
    log_softmax,
    logsumexp,
    one_hot,
    softmax,
    softmax_naive,
)
from linreg_lab.core.softmax_optimum import SoftmaxOptimum, softmax_optimum
from linreg_lab.core.softmax_trainer import SoftmaxTrainer, SoftmaxUpdate
from linreg_lab.core.solvers import LstsqSolution, least_squares, normal_equation_pieces, polyfit
from linreg_lab.core.standardized import StandardizedTrainer
from linreg_lab.core.stats import SufficientStats
from linreg_lab.core.stats_solution import least_squares_from_stats
from linreg_lab.core.sweep import estimation_error_curve, sweep
from linreg_lab.core.vectorization import time_sgd_epoch, time_vector_addition

__all__ = [
    "LOSSES",
    "NOISE_TYPES",
    "ClassDataset",
    "DataError",
    "Dataset",
    "DecisionImage",
    "GoodnessOfFit",
    "History",
    "LstsqSolution",
    "SGDTrainer",
    "SessionFileError",
    "SoftmaxOptimum",
    "SoftmaxTrainer",
    "SoftmaxUpdate",
    "StandardizedTrainer",
    "StepRecord",
    "SufficientStats",
    "absolute_loss",
    "boundary_line",
    "confusion_matrix",
    "cross_entropy",
    "cross_entropy_naive",
    "decision_image",
    "estimation_error_curve",
    "gaussian_clusters",
    "gaussian_nll",
    "get_loss",
    "goodness_of_fit",
    "huber_loss",
    "least_squares",
    "least_squares_from_stats",
    "load_class_csv",
    "load_csv",
    "load_csv_split",
    "load_digits",
    "load_iris",
    "log_softmax",
    "logsumexp",
    "mle_sigma",
    "normal",
    "normal_equation_pieces",
    "one_hot",
    "polyfit",
    "read_session",
    "save_class_csv",
    "save_csv",
    "softmax",
    "softmax_naive",
    "softmax_optimum",
    "squared_loss",
    "sweep",
    "synthetic_data",
    "time_sgd_epoch",
    "time_vector_addition",
    "train_val_split",
    "write_session",
]
