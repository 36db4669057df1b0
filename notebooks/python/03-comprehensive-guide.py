#!/usr/bin/python3
"""The comprehensive guide to Gaussian mixture models, the Python twin of
03-comprehensive-guide.ipynb.

The guide's code run headless: make_blobs data, K-Means against a GMM,
predict and predict_proba, plot_gmm's ellipses, the BIC/AIC sweep with
random_state=0 and the four covariance types. Each "# %% cell N" section
prints what cell N of the Go lesson prints; make test compares them value
by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Ellipse
from sklearn.cluster import KMeans
from sklearn.datasets import make_blobs
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture

from _selection import print_selection  # the table gmmlab's Selection prints


def plot_gmm(gmm, X, labels, ax=None):
    """The guide's plot_gmm: five thin rings per component under the points."""
    ax = ax or plt.gca()
    ax.scatter(X[:, 0], X[:, 1], c=labels, s=10, cmap="viridis", zorder=2)
    ax.axis("equal")
    for mean, covar in zip(gmm.means_, gmm.covariances_):
        v, w = np.linalg.eigh(covar)
        v = 2.0 * np.sqrt(2.0) * np.sqrt(v)
        # The guide writes u = w[0], a row of w; the eigenvector is the column w[:, 0].
        u = w[:, 0] / np.linalg.norm(w[:, 0])
        angle = np.degrees(np.arctan(u[1] / u[0]))
        for scale in np.linspace(0.5, 2, 5):
            ax.add_patch(Ellipse(mean, v[0] * scale, v[1] * scale, angle=180.0 + angle, fill=False, lw=0.8))


# %% cell 7
X, y_true = make_blobs(n_samples=1500, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
print("X shape:", X.shape)
print("first three points:")
print(X[:3].round(4))
print("true labels of the first five:", y_true[:5])
plt.scatter(X[:, 0], X[:, 1], c=y_true, s=10, cmap="viridis")
plt.title("True Clusters")
plt.show()

# %% cell 9
kmeans = KMeans(n_clusters=3, n_init=10, random_state=170).fit(X)
gmm = GaussianMixture(n_components=3, random_state=170).fit(X)
labels = gmm.predict(X)
print(f"K-Means ARI: {adjusted_rand_score(y_true, kmeans.labels_):.3f}")
print(f"GMM ARI: {adjusted_rand_score(y_true, labels):.3f}")
fig, ax = plt.subplots(1, 2, figsize=(12, 5))
ax[0].scatter(X[:, 0], X[:, 1], c=kmeans.labels_, s=10, cmap="viridis")
ax[0].set_title("K-Means")
ax[1].scatter(X[:, 0], X[:, 1], c=labels, s=10, cmap="viridis")
ax[1].set_title("Gaussian mixture")
plt.show()

# %% cell 11
print("weights:", gmm.weights_)
print("means:", gmm.means_)
print("converged:", gmm.converged_, "after", gmm.n_iter_, "iterations")

# %% cell 13 exact
labels = gmm.predict(X)
probs = gmm.predict_proba(X)
print(labels[:5])
print(probs[:5])

# %% cell 15
fig, ax = plt.subplots(1, 2, figsize=(12, 5))
ax[0].scatter(X[:, 0], X[:, 1], c=y_true, s=10, cmap="viridis")
ax[0].set_title("True Clusters")
ax[1].scatter(X[:, 0], X[:, 1], c=labels, s=10, cmap="viridis")
ax[1].set_title("GMM Predicted Clusters")
plt.show()

# %% cell 17
plot_gmm(gmm, X, labels)
plt.title("GMM covariance ellipses")
plt.show()
for k, c in enumerate(gmm.covariances_):
    print(f"component {k} covariance:")
    print(c.round(3))

# %% cell 19
n_components = np.arange(1, 11)
models = [GaussianMixture(n, random_state=0).fit(X) for n in n_components]
bic = [m.bic(X) for m in models]
aic = [m.aic(X) for m in models]
print_selection([("full", n, m) for n, m in zip(n_components, models)], X)
print(f"lowest BIC: {n_components[np.argmin(bic)]} components (BIC = {min(bic):.3f})")
print(f"lowest AIC: {n_components[np.argmin(aic)]} components (AIC = {min(aic):.3f})")
for n, m in zip(n_components, models):
    print(f"K = {n:2d}: ln L = {m.score(X) * len(X):.2f}")
plt.plot(n_components, bic, label="BIC")
plt.plot(n_components, aic, label="AIC")
plt.legend(loc="best")
plt.xlabel("n_components")
plt.show()

# %% cell 21
fig, axes = plt.subplots(2, 2, figsize=(12, 10))
for ax, cov_type in zip(axes.ravel(), ["full", "tied", "diag", "spherical"]):
    gmm = GaussianMixture(n_components=3, covariance_type=cov_type, random_state=170).fit(X)
    bic = gmm.bic(X)
    ari = adjusted_rand_score(y_true, gmm.predict(X))
    print(f"{cov_type:<9} BIC = {bic:.3f}  ARI = {ari:.3f}  parameters = {gmm._n_parameters()}")
    ax.scatter(X[:, 0], X[:, 1], c=gmm.predict(X), s=10, cmap="viridis")
    ax.set_title(f"{cov_type} (BIC = {bic:.1f})")
plt.show()
