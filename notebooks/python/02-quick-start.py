#!/usr/bin/python3
"""Quick start, the Python twin of 02-quick-start.ipynb.

The quick-start program (two groups of 100 points, a two-component
GaussianMixture, its two output lines) and the lesson's variants, run
headless. Each "# %% cell N" section prints what cell N of the Go lesson
prints; make test compares them value by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from sklearn.mixture import GaussianMixture


def print_groups(labels):
    """The quick start's two output lines."""
    unique, counts = np.unique(labels, return_counts=True)
    print("Group counts:", dict(zip(unique, counts)))
    print("First 5 group predictions:", labels[:5])


def plot_clusters(X, labels, title):
    plt.figure()
    plt.scatter(X[:, 0], X[:, 1], c=labels, s=10, cmap="viridis")
    plt.axis("equal")
    plt.title(title)
    plt.show()


# %% cell 6
np.random.seed(0)
X1 = np.random.normal(0, 1, (100, 2))
X2 = np.random.normal(5, 1, (100, 2))
X = np.vstack([X1, X2])
print("X shape:", X.shape)
print("first three rows:")
print(X[:3].round(4))

# %% cell 8 exact
gmm = GaussianMixture(n_components=2, random_state=0)
gmm.fit(X)
labels = gmm.predict(X)

unique, counts = np.unique(labels, return_counts=True)
print("Group counts:", dict(zip(unique, counts)))
print("First 5 group predictions:", labels[:5])

# %% cell 10
print("weights:", gmm.weights_)
print("means:", gmm.means_)
print("converged:", gmm.converged_, "after", gmm.n_iter_, "iterations")
print("BIC:", gmm.bic(X))

# %% cell 12 exact
print(gmm.predict_proba(X[:5]))

# %% cell 14
plot_clusters(X, labels, "GMM with 2 components (full covariance)")

# %% cell 16
gmm3 = GaussianMixture(n_components=3, random_state=0).fit(X)
labels3 = gmm3.predict(X)
print_groups(labels3)
print("BIC:", gmm3.bic(X))
plot_clusters(X, labels3, "GMM with 3 components")

# %% cell 18
gmm_diag = GaussianMixture(n_components=2, covariance_type="diag", random_state=0).fit(X)
labels_diag = gmm_diag.predict(X)
print_groups(labels_diag)
for k, c in enumerate(gmm_diag.covariances_):
    print(f"component {k} variances: {c[0]:.3f} {c[1]:.3f}")
print(f"BIC: {gmm_diag.bic(X):.3f}")
plot_clusters(X, labels_diag, "GMM with 2 components (diag covariance)")

# %% cell 20
gmm4 = GaussianMixture(n_components=4, random_state=42).fit(X)
labels4 = gmm4.predict(X)
print_groups(labels4)
print("weights:", gmm4.weights_.round(3))
print(f"BIC: {gmm4.bic(X):.3f}")
plot_clusters(X, labels4, "GMM with 4 components (random_state=42)")
