#!/usr/bin/python3
"""scikit-learn's plot_concentration_prior example, the Python twin of
11-concentration-prior.ipynb.

Three overlapping Gaussian blobs fitted by BayesianGaussianMixture with six
components, a Dirichlet distribution prior (weight_concentration_prior 0.001,
1, 1000) and a Dirichlet process prior (1, 1000, 100000): the weights, the
iterations and the lower bounds, the example's two figures, and the sticks
of two Dirichlet process fits. Run headless. Each "# %% cell N" section
prints what cell N of the Go lesson prints; make test compares them value by
value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib as mpl
import matplotlib.gridspec as gridspec
import matplotlib.pyplot as plt
import numpy as np
from sklearn.mixture import BayesianGaussianMixture


def fmt(v, digits):
    """A list printed as Go's fmt prints []float64 with %.<digits>f."""
    return "[" + " ".join(f"{x:.{digits}f}" for x in v) + "]"


def draw_column(top, bottom, model, title):
    """One column of the figure: the points by blob under ellipses whose
    opacity is their weight, and the weights as labelled bars."""
    top.scatter(X[:, 0], X[:, 1], s=5, color=BLOB_COLORS[y], alpha=0.8)
    for k, w in enumerate(model.weights_):
        lam, vec = np.linalg.eigh(model.covariances_[k])
        width, height = 2.0 * np.sqrt(2.0 * lam)
        angle = np.degrees(np.arctan2(vec[1, 0], vec[0, 0]))
        top.add_patch(mpl.patches.Ellipse(model.means_[k], width, height, angle=angle, facecolor="#56B4E9",
                                          edgecolor="black", alpha=w))
    top.set(xlim=(-2.0, 2.0), ylim=(-3.0, 3.0), xticks=(), yticks=(), title=title)
    k = np.arange(len(model.weights_))
    bottom.bar(k, model.weights_, width=0.9, color="#56B4E9", edgecolor="black", zorder=3)
    for i, w in zip(k, model.weights_):
        bottom.text(i, w + 0.007, f"{100 * w:.1f}%", ha="center")
    bottom.set(xlim=(-0.6, len(k) - 0.4), ylim=(0.0, 1.1))
    bottom.yaxis.grid(True, alpha=0.7)


def report(gamma, est):
    """What the Go lesson's report prints for one fit."""
    w = est.weights_
    print(f"γ₀ = {gamma:<8g} weights %:" + "".join(f" {100 * x:5.1f}" for x in w)
          + f"  above 1%: {(w > 0.01).sum()}  iterations: {est.n_iter_:4d}  converged: {est.converged_}"
          + f"  lower bound: {est.lower_bound_:.3f}")


def figure(name, prior_type, concentrations):
    """Fits one prior type with each concentration, prints each fit and
    draws the figure: a column per concentration."""
    est = estimator(prior_type)
    fig = plt.figure(figsize=(4.7 * 3, 8))
    grid = gridspec.GridSpec(3, len(concentrations))
    for k, concentration in enumerate(concentrations):
        est.weight_concentration_prior = concentration
        est.fit(X)
        report(concentration, est)
        draw_column(fig.add_subplot(grid[0:2, k]), fig.add_subplot(grid[2, k]), est, f"{name}, γ₀ = {concentration:.1e}")
    plt.show()


def estimator(prior_type):
    # The example weakens the prior on the means: mean_precision_prior 0.8, not 1.
    return BayesianGaussianMixture(
        weight_concentration_prior_type=prior_type,
        n_components=2 * n_components,
        reg_covar=0,
        init_params="random",
        max_iter=1500,
        mean_precision_prior=0.8,
        random_state=random_state,
    )


# %% cell 6
# Three flat blobs stacked at heights -0.7, 0 and 0.7.
random_state, n_components, n_features = 2, 3, 2
BLOB_COLORS = np.array(["#0072B2", "#F0E442", "#D55E00"])
covars = np.array([[[0.7, 0.0], [0.0, 0.1]], [[0.5, 0.0], [0.0, 0.1]], [[0.5, 0.0], [0.0, 0.1]]])
samples = np.array([200, 500, 200])
means = np.array([[0.0, -0.70], [0.0, 0.0], [0.0, 0.70]])

rng = np.random.RandomState(random_state)
X = np.vstack([rng.multivariate_normal(means[j], covars[j], samples[j]) for j in range(n_components)])
y = np.concatenate([np.full(samples[j], j, dtype=int) for j in range(n_components)])
print("X shape:", X.shape[0], X.shape[1], " points per blob:", np.bincount(y))
print("first three rows:")
for row in X[:3]:
    print(" ".join(f"{x:.8f}" for x in row))

# %% cell 10
figure("Dirichlet distribution", "dirichlet_distribution", [0.001, 1, 1000])

# %% cell 12
figure("Dirichlet process", "dirichlet_process", [1, 1000, 100000])

# %% cell 14
est = estimator("dirichlet_process")
for gamma in [1, 100000]:
    est.weight_concentration_prior = gamma
    est.fit(X)
    alpha, beta = est.weight_concentration_
    left = np.prod(beta / (alpha + beta))  # what the sticks leave
    print(f"γ₀ = {gamma:g}\n  alpha: {fmt(alpha, 2)}\n  beta:  {fmt(beta, 2)}\n  the pieces take {1 - left:.4f} of the stick")
