"""How large a learning rate SGD on the squared loss can take, for full batches and small ones.

Full-batch gradient descent on the mean squared loss is exactly stable for η < 2/λmax(H), with
H = E[z zᵀ] the Hessian in θ = (w, b), z = (x, 1): above that limit it diverges. Minibatch SGD
takes noisier steps: the Hessian of a batch B, H_B = (1/|B|) Σ_{i∈B} z_i z_iᵀ, varies from batch
to batch, and a small batch can diverge below 2/λmax(H) (batch 1 at 0.95× it on d2l's data).

For a batch of b examples drawn without replacement, as an epoch draws them, the error
e = θ − θ* of a step (noise aside) becomes (I − η H_B) e, and its expected squared length
E‖(I − ηH_B)e‖² = ‖e‖² − 2η eᵀHe + η² eᵀMe, with M = E[H_B²] = H² + (S − H²)·(n − b)/(b(n − 1))
and S = (1/n) Σ ‖z_i‖² z_i z_iᵀ. It shrinks for every e exactly when

    η < 2 / λmax(H^{-1/2} M H^{-1/2})          (the *minibatch limit* for batch size b)

which equals 2/λmax(H) at b = n and decreases as b shrinks. It is a mean-square guarantee, so
somewhat cautious: on d2l's data runs diverge from about 1.2–2× it (measured: batch 1 at 0.35
of the full-batch limit, where the minibatch limit is 0.21 of it; batch 10 at 1.0, limit 0.73).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = ["ABOVE_FULL_BATCH", "ABOVE_MINIBATCH", "LearningRateCheck", "StabilityLimits",
           "suggested_lr"]

ABOVE_FULL_BATCH = "above_full_batch"  # η > 2/λmax: diverges, whatever the batch size
ABOVE_MINIBATCH = "above_minibatch"  # below 2/λmax, above the minibatch limit: small batches may
_RANGE_TOL = 1e-12  # Hessian directions this much flatter than the steepest are ignored
_EDIT_REACH = 1e60  # an edited z / scale up to this keeps ‖z‖⁴ far from overflow


class StabilityLimits:
    """The learning-rate limits of one training set X (n, d): full batch and per batch size.

    Built in one O(n d²) pass; every limit after that costs O(d³).
    """

    def __init__(self, X: ArrayLike) -> None:
        X = np.asarray(X, dtype=np.float64)
        n, d = X.shape
        Z = np.empty((n, d + 1))
        Z[:, :d], Z[:, d] = X, 1.0
        scale = float(np.abs(Z).max(initial=1.0))  # so ‖z‖⁴ cannot overflow
        Z /= scale
        self._set(n, scale, Z.T @ Z / max(n, 1),
                  (Z * np.einsum("ij,ij->i", Z, Z)[:, None]).T @ Z / max(n, 1))

    def edited(self, removed: ArrayLike | None, added: ArrayLike | None) -> StabilityLimits | None:
        """The limits after one training example's x is removed and/or another added, in
        O(d³) instead of a pass over the data (a dragged point: both); equal to a rebuild up
        to rounding. None when the new x is too large for this scale (rebuild then)."""
        scale = math.sqrt(self._scale2)
        n = self.n_examples - (removed is not None) + (added is not None)
        H, S = self._H * self.n_examples, self._S * self.n_examples
        for x, sign in ((removed, -1.0), (added, 1.0)):
            if x is None:
                continue
            z = np.append(np.asarray(x, dtype=np.float64), 1.0) / scale
            if not (np.isfinite(z).all() and np.abs(z).max() <= _EDIT_REACH):
                return None
            zz = np.outer(z, z)
            H, S = H + sign * zz, S + sign * float(z @ z) * zz
        new = object.__new__(StabilityLimits)
        new._set(n, scale, H / max(n, 1), S / max(n, 1))
        return new

    def _set(self, n: int, scale: float, H: np.ndarray, S: np.ndarray) -> None:
        """The limits from H and S of the data divided by `scale`."""
        self.n_examples = n
        self._scale2 = scale * scale
        self._H, self._S = H, S
        lam, vecs = np.linalg.eigh(self._H)
        keep = lam > _RANGE_TOL * lam[-1] if n else np.zeros(H.shape[0], dtype=bool)
        self._whiten = vecs[:, keep] / np.sqrt(lam[keep])  # H^{-1/2} on H's range
        self._lam_max = float(lam[-1]) if n else 0.0

    def full_batch(self) -> float:
        """2/λmax(H): exact for full-batch gradient descent; inf without data."""
        return 2.0 / (self._lam_max * self._scale2) if self._lam_max > 0 else math.inf

    def for_batch(self, batch_size: int) -> float:
        """The minibatch limit for batches of batch_size (the full-batch one from n on)."""
        n, b = self.n_examples, int(batch_size)
        if b >= n or n < 2 or self._whiten.shape[1] == 0:
            return self.full_batch()
        H2 = self._H @ self._H
        M = H2 + (self._S - H2) * ((n - b) / (b * (n - 1)))
        W = self._whiten
        top = float(np.linalg.eigvalsh(W.T @ M @ W)[-1])
        limit = 2.0 / (top * self._scale2) if top > 0 else math.inf
        return min(limit, self.full_batch())  # M ⪰ H², so only rounding could say otherwise


def suggested_lr(limit: float) -> float:
    """The one learning rate the app suggests below a limit: half of it, rounded down to two
    significant digits (a number a learner can type); nan when there is no finite limit."""
    if not (limit > 0 and math.isfinite(limit)):
        return math.nan
    half = limit / 2
    exponent = math.floor(math.log10(half)) - 1
    digits = math.floor(half / 10.0**exponent)  # 10 … 99
    return min(float(f"{digits}e{exponent}"), half)  # decimal digits, never above half


@dataclass(frozen=True)
class LearningRateCheck:
    """A learning rate against the limits of the batch size in use, and the one suggestion.

    full_limit: 2/λmax (exact for full-batch gradient descent); batch_limit: the minibatch
    limit of batch_size (equal to full_limit when the batch holds every example).
    """

    lr: float
    batch_size: int
    n_examples: int
    full_limit: float
    batch_limit: float

    @property
    def full_batch(self) -> bool:
        """True when every step uses all examples: then full_limit is exact."""
        return self.batch_size >= self.n_examples

    @property
    def risk(self) -> str | None:
        """ABOVE_FULL_BATCH, ABOVE_MINIBATCH (small batches can diverge here) or None."""
        if self.lr > self.full_limit:
            return ABOVE_FULL_BATCH
        if not self.full_batch and self.lr > self.batch_limit:
            return ABOVE_MINIBATCH
        return None

    @property
    def suggestion(self) -> float:
        """The learning rate to try: suggested_lr of the limit for the batch size in use."""
        return suggested_lr(self.batch_limit)
