#!/usr/bin/python3
"""scikit-learn's plot_gmm_init example, the Python twin of
09-initialization.ipynb.

The four init_params methods on four blobs: the starting means (max_iter=0),
EM from them on the same RandomState, the iterations, the init times and
the figure, run headless. Each "# %% cell N" section prints what cell N of
the Go lesson prints; make test compares them value by value
(scripts/nbrun.py), except the clock times.
"""
from timeit import default_timer as timer

import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

methods = ["kmeans", "random_from_data", "k-means++", "random"]


def get_initial_means(X, init_params, r):
    # Run a GaussianMixture with max_iter=0 to output the initialization means
    gmm = GaussianMixture(n_components=4, init_params=init_params, tol=1e-9, max_iter=0, random_state=r).fit(X)
    return gmm.means_


# %% cell 6
X, y_true = make_blobs(n_samples=4000, centers=4, cluster_std=0.60, random_state=0)
X = X[:, ::-1]
print("X shape:", X.shape)
print("first two rows:")
print(X[:2].round(8))

# %% cell 8
import warnings

from sklearn.exceptions import ConvergenceWarning

warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter=0 warns by design
for method in methods:
    r = np.random.RandomState(seed=1234)
    print(f"{method}, initial means:")
    print(get_initial_means(X, method, r).round(3))

# %% cell 10
print(f"{'init_params':<17} {'iterations':>10} {'converged':>9} {'lower bound':>13}")
fits = {}
for method in methods:
    r = np.random.RandomState(seed=1234)
    ini = get_initial_means(X, method, r)
    gmm = GaussianMixture(n_components=4, means_init=ini, tol=1e-9, max_iter=2000, random_state=r).fit(X)
    fits[method] = ini, gmm
    print(f"{method:<17} {gmm.n_iter_:10d} {str(gmm.converged_):>9} {gmm.lower_bound_:13.6f}")

# %% cell 12 uncompared: clock times depend on the machine and its load
times_init = []
for method in methods:
    start = timer()
    get_initial_means(X, method, np.random.RandomState(seed=1234))
    times_init.append(timer() - start)
print(f"{'init_params':<17} {'init time':>9}")
for method, t in zip(methods, times_init):
    print(f"{method:<17} {t / times_init[0]:8.2f}x")

# %% cell 14
colors = ["navy", "turquoise", "cornflowerblue", "darkorange"]
plt.figure(figsize=(4 * len(methods) // 2, 6))
for n, method in enumerate(methods):
    ini, gmm = fits[method]
    plt.subplot(2, len(methods) // 2, n + 1)
    for i, color in enumerate(colors):
        data = X[gmm.predict(X) == i]
        plt.scatter(data[:, 0], data[:, 1], color=color, marker="x")
    plt.scatter(ini[:, 0], ini[:, 1], s=75, marker="D", c="orange", lw=1.5, edgecolors="black")
    plt.title(f"{method}: {gmm.n_iter_} iterations")
plt.show()
