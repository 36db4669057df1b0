#!/usr/bin/python3
"""scikit-learn's plot_gmm_sin example (Gaussian Mixture Model Sine Curve),
the Python twin of 12-gmm-sin.ipynb.

100 points along a noisy sine curve fitted by EM with ten components and by
two Dirichlet-process BayesianGaussianMixtures (weight_concentration_prior
0.01 and 100), 2000 samples from each, and the example's five-panel figure.
Run headless. Each "# %% cell N" section prints what cell N of the Go lesson
prints; make test compares them value by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from sklearn import mixture


def fmt(v, digits):
    """A list printed as Go's fmt prints []float64 with %.<digits>f."""
    return "[" + " ".join(f"{x:.{digits}f}" for x in v) + "]"


def rows(M, digits):
    return "\n".join(" ".join(f"{x:.{digits}f}" for x in r) for r in M)


COLORS = ["navy", "c", "cornflowerblue", "gold", "darkorange"]


def scatter_by(ax, points, labels):
    for k in np.unique(labels):
        ax.scatter(points[labels == k, 0], points[labels == k, 1], 0.8, color=COLORS[k % len(COLORS)])


def frame(ax, title):
    ax.set(xlim=(-6.0, 4.0 * np.pi - 6.0), ylim=(-5.0, 5.0), xticks=(), yticks=(), title=title)


def draw_fit(ax, model, title):
    """A panel of the figure: the points by predicted component, and a
    half-transparent ellipse 2√2·√λ across for each component in use."""
    labels = model.predict(X)
    scatter_by(ax, X, labels)
    for k in np.unique(labels):
        lam, vec = np.linalg.eigh(model.covariances_[k])
        width, height = 2.0 * np.sqrt(2.0 * lam)
        angle = np.degrees(np.arctan2(vec[1, 0], vec[0, 0]))
        ax.add_patch(mpl.patches.Ellipse(model.means_[k], width, height, angle=angle,
                                         color=COLORS[k % len(COLORS)], alpha=0.5))
    frame(ax, title)


def draw_samples(ax, model, title):
    """A panel of the figure: 2000 samples by the component they came from."""
    X_s, y_s = model.sample(n_samples=2000)
    scatter_by(ax, X_s, y_s)
    frame(ax, title)


def dirichlet_process(gamma, init):
    return mixture.BayesianGaussianMixture(
        n_components=10,
        covariance_type="full",
        weight_concentration_prior=gamma,
        weight_concentration_prior_type="dirichlet_process",
        mean_precision_prior=1e-2,
        covariance_prior=1e0 * np.eye(2),
        init_params=init,
        max_iter=100,
        random_state=2,
    ).fit(X)


def describe(m):
    print("weights:", fmt(m.weights_, 3))
    print("points per component:", np.bincount(m.predict(X)))
    print(f"{m.n_iter_} iterations, converged: {m.converged_}")


# %% cell 6
n_samples = 100

# 100 points along 3 sin(x) over two periods, noisy in both coordinates.
np.random.seed(0)
X = np.zeros((n_samples, 2))
step = 4.0 * np.pi / n_samples

for i in range(X.shape[0]):
    x = i * step - 6.0
    X[i, 0] = x + np.random.normal(0, 0.1)
    X[i, 1] = 3.0 * (np.sin(x) + np.random.normal(0, 0.2))
print("first three rows:")
print(rows(X[:3], 6))
print("last row:", fmt(X[99], 6))

# %% cell 8
# EM with ten components; no random_state, so its k-means start continues
# numpy's global stream.
gmm = mixture.GaussianMixture(n_components=10, covariance_type="full", max_iter=100).fit(X)
print("weights:", fmt(gmm.weights_, 3))
print("points per component:", np.bincount(gmm.predict(X)))
print(f"{gmm.n_iter_} iterations, converged: {gmm.converged_}")

# %% cell 10
small = dirichlet_process(1e-2, "random")
describe(small)

# %% cell 12
large = dirichlet_process(1e2, "kmeans")
describe(large)

# %% cell 14
for gamma, m in [(1e-2, small), (1e2, large)]:
    X_s, y_s = m.sample(n_samples=2000)
    print(f"γ₀ = {gamma:g}: samples per component {np.bincount(y_s)}")
    print("  first two samples:")
    print(rows(X_s[:2], 6))

# %% cell 16
fig, axs = plt.subplots(5, 1, figsize=(10, 10))
fig.subplots_adjust(bottom=0.04, top=0.95, hspace=0.2, left=0.03, right=0.97)
draw_fit(axs[0], gmm, "Expectation-maximization")
draw_fit(axs[1], small, r"Dirichlet process prior, $\gamma_0=0.01$")
draw_fit(axs[2], large, r"Dirichlet process prior, $\gamma_0=100$")
draw_samples(axs[3], small, r"2000 samples, $\gamma_0=0.01$")
draw_samples(axs[4], large, r"2000 samples, $\gamma_0=100$")
plt.show()
