#!/usr/bin/python3
"""Predicting and sampling, the Python twin of 04-sampling.ipynb.

Fit the guide's blobs, predict new points, draw 100 samples with
gm.sample(100), which returns the pair (samples, components), run
headless. Each "# %% cell N" section prints what cell N of the Go lesson
prints; make test compares them value by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

# %% cell 6
X, y = make_blobs(n_samples=1500, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
gm = GaussianMixture(n_components=3, random_state=170).fit(X)
print("weights:", gm.weights_.round(4))
print("means:")
print(gm.means_.round(4))
print("converged:", gm.converged_, "after", gm.n_iter_, "iterations")

# %% cell 8
new_points = np.array([[-9, -5], [2, 0.5], [-4.5, 0], [0.5, 1], [-7, -3]])
print(gm.predict(new_points))
print(gm.predict_proba(new_points))

# %% cell 10
plt.scatter(X[:, 0], X[:, 1], c=gm.predict(X), s=10, cmap="viridis")
plt.scatter(new_points[:, 0], new_points[:, 1], c=gm.predict(new_points), marker="*", s=200,
            edgecolors="black", cmap="viridis", vmin=0, vmax=2, label="new points")
plt.axis("equal")
plt.legend()
plt.title("Fitted clusters and five new points")
plt.show()

# %% cell 12
samples, components = gm.sample(100)
print("first five samples:")
print(samples[:5].round(4))
print("components:", components)
print("samples per component:", np.bincount(components))
again, _ = gm.sample(100)
print("same samples on a second call:", np.array_equal(samples, again))

# %% cell 14
gm1 = GaussianMixture(n_components=3, random_state=1).fit(X)
print("weights:", gm1.weights_.round(4))
samples1, components1 = gm1.sample(100)
print("first two samples:")
print(samples1[:2].round(4))
print("samples per component:", np.bincount(components1))

# %% cell 16
plt.scatter(X[:, 0], X[:, 1], c="lightgrey", s=5, label="Data")
plt.scatter(samples[:, 0], samples[:, 1], c=components, marker="x", cmap="viridis", label="Samples")
plt.axis("equal")
plt.legend()
plt.title("100 samples drawn from the fitted GMM")
plt.show()
