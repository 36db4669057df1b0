#!/usr/bin/python3
"""scikit-learn's plot_kmeans_assumptions example with a GMM beside K-Means,
the Python twin of 08-gmm-vs-kmeans.ipynb.

Anisotropic, unequal-variance and unevenly sized blobs clustered by K-Means
and by a full-covariance GaussianMixture, scored by adjusted Rand index,
run headless. Each "# %% cell N" section prints what cell N of the Go
lesson prints; make test compares them value by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture


def compare(name, X, y_true, y_km, gmm):
    """Both scores, and both clusterings side by side."""
    y_gmm = gmm.predict(X)
    ari_km, ari_gmm = adjusted_rand_score(y_true, y_km), adjusted_rand_score(y_true, y_gmm)
    print(f"{name}: K-Means ARI = {ari_km:.3f}, GMM ARI = {ari_gmm:.3f}")
    fig, axs = plt.subplots(1, 2, figsize=(10, 4))
    axs[0].scatter(X[:, 0], X[:, 1], c=y_km, s=5)
    axs[0].set_title(f"K-Means, ARI = {ari_km:.3f}")
    axs[1].scatter(X[:, 0], X[:, 1], c=y_gmm, s=5)
    axs[1].set_title(f"GMM (full), ARI = {ari_gmm:.3f}")
    plt.show()


def km(X, n_init=1):
    # n_init=1 is what the example's n_init="auto" does with the k-means++ start.
    return KMeans(n_clusters=3, n_init=n_init, random_state=170).fit_predict(X)


def gmm_fit(X, n_init=1):
    return GaussianMixture(n_components=3, covariance_type="full", n_init=n_init, random_state=170).fit(X)


# %% cell 6
n_samples = 1500
random_state = 170
X, y = make_blobs(n_samples=n_samples, random_state=random_state)
X_aniso = np.dot(X, [[0.6, -0.6], [-0.4, 0.8]])  # Anisotropic blobs
X_varied, y_varied = make_blobs(n_samples=n_samples, cluster_std=[1.0, 2.5, 0.5],
                                random_state=random_state)  # Unequal variance
X_filtered = np.vstack((X[y == 0][:500], X[y == 1][:100], X[y == 2][:10]))  # Unevenly sized blobs
y_filtered = [0] * 500 + [1] * 100 + [2] * 10
datasets = [
    ("Anisotropically distributed blobs", X_aniso, y),
    ("Unequal variance", X_varied, y_varied),
    ("Unevenly sized blobs", X_filtered, y_filtered),
]
for name, data, _ in datasets:
    print(f"{name:<34} {data.shape[0]:4d} × {data.shape[1]}")
print("first rows of X_aniso:")
print(X_aniso[:2].round(8))
print("first row of X_filtered:", X_filtered[0].round(8))

# %% cell 8
fig, axs = plt.subplots(2, 2, figsize=(10, 8))
for ax, (name, data, truth) in zip(axs.ravel(), [("Original blobs", X, y)] + datasets):
    ax.scatter(data[:, 0], data[:, 1], c=truth, s=5)
    ax.set_title(name + " (truth)")
plt.show()

# %% cell 12
name, data, truth = datasets[0]
compare(name, data, truth, km(data), gmm_fit(data))

# %% cell 14
name, data, truth = datasets[1]
compare(name, data, truth, km(data), gmm_fit(data))

# %% cell 16
name, data, truth = datasets[2]
compare(name, data, truth, km(data), gmm_fit(data))

# %% cell 18
name, data, truth = datasets[2]
compare(name + ", 10 starts", data, truth, km(data, n_init=10), gmm_fit(data, n_init=10))

# %% cell 20
print(f"{'data set':<34} {'K-Means':>9} {'GMM':>9}")
for name, data, truth in datasets:
    print(f"{name:<34} {adjusted_rand_score(truth, km(data)):9.6f} "
          f"{adjusted_rand_score(truth, gmm_fit(data).predict(data)):9.6f}")
name, data, truth = datasets[2]
print(f"{name + ', 10 starts':<34} {adjusted_rand_score(truth, km(data, 10)):9.6f} "
      f"{adjusted_rand_score(truth, gmm_fit(data, 10).predict(data)):9.6f}")
