#!/usr/bin/python3
"""scikit-learn's plot_gmm example (Gaussian Mixture Model Ellipsoids), the
Python twin of 10-bayesian-gmm.ipynb.

Two groups of 500 points fitted with EM (GaussianMixture) and with a
Dirichlet-process BayesianGaussianMixture, five components each; the
posterior of the Bayesian fit; and 5, 10 and 20 components with 100 and
1000 iterations. Run headless. Each "# %% cell N" section prints what cell
N of the Go lesson prints; make test compares them value by value
(scripts/nbrun.py).
"""
import warnings

import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from sklearn import mixture
from sklearn.exceptions import ConvergenceWarning

# The fits of section 6 stop at max_iter on purpose; the table says so.
warnings.filterwarnings("ignore", category=ConvergenceWarning)


def fmt(v, digits):
    """A list printed as Go's fmt prints []float64 with %.<digits>f."""
    return "[" + " ".join(f"{x:.{digits}f}" for x in v) + "]"


COLORS = ["navy", "c", "cornflowerblue", "gold", "darkorange"]


def draw_fit(ax, labels, model, title):
    """One panel: the points by predicted component, and a half-transparent
    ellipse 2√2·√λ across for each component that predicts a point."""
    for k in np.unique(labels):
        color = COLORS[k % len(COLORS)]
        ax.scatter(X[labels == k, 0], X[labels == k, 1], 0.8, color=color)
        lam, vec = np.linalg.eigh(model.covariances_[k])
        width, height = 2.0 * np.sqrt(2.0 * lam)
        angle = np.degrees(np.arctan2(vec[1, 0], vec[0, 0]))
        ax.add_patch(mpl.patches.Ellipse(model.means_[k], width, height, angle=angle, color=color, alpha=0.5))
    ax.set(xlim=(-9.0, 5.0), ylim=(-3.0, 6.0), xticks=(), yticks=(), title=title)


# %% cell 6
# Two groups of n_samples points: a thin cloud through the origin and a round blob.
n_samples = 500

np.random.seed(0)
C = np.array([[0.0, -0.1], [1.7, 0.4]])
X = np.r_[
    np.dot(np.random.randn(n_samples, 2), C),
    0.7 * np.random.randn(n_samples, 2) + np.array([-6, 3]),
]
print("X shape:", X.shape[0], X.shape[1])
print("first three rows:")
for row in X[:3]:
    print(" ".join(f"{x:.8f}" for x in row))

# %% cell 8
# No random_state: both fits draw their k-means starts from numpy's global
# stream, which np.random.seed(0) seeded and the data drew from.
gmm = mixture.GaussianMixture(n_components=5, covariance_type="full").fit(X)
dpgmm = mixture.BayesianGaussianMixture(n_components=5, covariance_type="full").fit(X)
for name, m in [("GaussianMixture weights:        ", gmm), ("BayesianGaussianMixture weights:", dpgmm)]:
    print(name, fmt(m.weights_, 4))
    print("  points per component:", np.bincount(m.predict(X)))
    print(f"  {m.n_iter_} iterations, converged: {m.converged_}, lower bound {m.lower_bound_:.6f}")

# %% cell 10
fig, (top, bottom) = plt.subplots(2, 1, figsize=(7, 7.2))
draw_fit(top, gmm.predict(X), gmm, "Gaussian Mixture")
draw_fit(bottom, dpgmm.predict(X), dpgmm, "Bayesian Gaussian Mixture with a Dirichlet process prior")
plt.show()

# %% cell 12
alpha, beta = dpgmm.weight_concentration_
print("alpha:", fmt(alpha, 4))
print("beta: ", fmt(beta, 4))
print("mean precision:    ", fmt(dpgmm.mean_precision_, 4))
print("degrees of freedom:", fmt(dpgmm.degrees_of_freedom_, 4))
# Breaking the stick: E[v_k] times what the earlier sticks leave.
sticks, left = np.zeros(len(alpha)), 1.0
for k in range(len(alpha)):
    sticks[k] = alpha[k] / (alpha[k] + beta[k]) * left
    left *= beta[k] / (alpha[k] + beta[k])
print(f"stick pieces: {fmt(sticks, 6)} (they add up to {1 - left:.6f})")
print("Weights():   ", fmt(dpgmm.weights_, 6))

# %% cell 14
print(f"weight concentration prior γ₀: {dpgmm.weight_concentration_prior_:.4f} (1/NComponents)")
print(f"mean precision prior β₀:       {dpgmm.mean_precision_prior_:.4f}")
print(f"mean prior m₀:                 {fmt(dpgmm.mean_prior_, 6)} (the mean of X)")
print(f"degrees of freedom prior ν₀:   {dpgmm.degrees_of_freedom_prior_:.4f} (the number of features)")
print("covariance prior (the covariance of X):")
for row in dpgmm.covariance_prior_:
    print(" ".join(f"{x:.6f}" for x in row))

# %% cell 16
print(f"{'K':>3} {'max_iter':>9} {'iterations':>10} {'converged':>9} {'weights above 1%':>17}")
for k in [5, 10, 20]:
    for max_iter in [100, 1000]:
        m = mixture.BayesianGaussianMixture(n_components=k, random_state=0, max_iter=max_iter).fit(X)
        print(f"{k:3d} {max_iter:9d} {m.n_iter_:10d} {str(m.converged_):>9} {(m.weights_ > 0.01).sum():17d}")
