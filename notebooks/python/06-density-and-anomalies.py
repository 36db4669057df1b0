#!/usr/bin/python3
"""Density estimation and anomaly detection, the Python twin of
06-density-and-anomalies.ipynb.

Synthetic transactions with injected anomalies, the number of components
chosen by BIC, score_samples and a percentile threshold, precision and
recall, run headless. Each "# %% cell N" section prints what cell N of the
Go lesson prints; make test compares them value by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import make_blobs
from sklearn.metrics import confusion_matrix
from sklearn.mixture import GaussianMixture

from _selection import print_selection  # the table gmmlab's Selection prints


def plot_density(gm, X, title):
    """plot_gmm_pdf: the negative log-likelihood as contours over the data."""
    x = np.linspace(X[:, 0].min() - 0.3, X[:, 0].max() + 0.3, 150)
    y = np.linspace(X[:, 1].min() - 0.3, X[:, 1].max() + 0.3, 150)
    XX, YY = np.meshgrid(x, y)
    Z = -gm.score_samples(np.column_stack([XX.ravel(), YY.ravel()])).reshape(XX.shape)
    cs = plt.contour(XX, YY, Z, levels=14)
    plt.colorbar(cs, label="Negative log-likelihood")
    plt.scatter(X[:, 0], X[:, 1], s=1, c="grey")
    plt.title(title)
    plt.xlabel("amount (scaled)")
    plt.ylabel("time of day (scaled)")


# %% cell 6
Xn, _ = make_blobs(n_samples=[500, 300, 200], centers=[[-0.8, 0.3], [0.7, 1.0], [-0.3, -1.3]],
                   cluster_std=[0.35, 0.45, 0.3], random_state=42)
Xa = np.random.RandomState(7).uniform(-3.5, 3.5, size=(15, 2))
X = np.vstack([Xn, Xa])
truth = np.array([0] * 1000 + [1] * 15)
print("transactions:", len(X))
print("first injected anomalies:")
print(X[1000:1003].round(3))
plt.scatter(X[:, 0], X[:, 1], c=np.where(truth == 1, "tab:red", "tab:purple"), s=5)
plt.axis("equal")
plt.title("Transactions (the truth, unknown to the model)")
plt.show()

# %% cell 8
models = [("full", k, GaussianMixture(n_components=k, random_state=0).fit(X)) for k in range(1, 7)]
print_selection(models, X)
bics = [m.bic(X) for _, _, m in models]
print("best by BIC:", 1 + int(np.argmin(bics)), "components")

# %% cell 10
gm = GaussianMixture(n_components=4, random_state=0).fit(X)
print(f"BIC: {gm.bic(X):.3f}")
print("weights:", gm.weights_.round(3))
print("means:")
print(gm.means_.round(3))

# %% cell 12
plot_density(gm, X, "Negative log-likelihood of the 4-component GMM")
plt.show()

# %% cell 14
scores = gm.score_samples(X)
threshold = np.percentile(scores, 2)
flagged = scores < threshold
print(f"mean log-likelihood (Score): {gm.score(X):.4f}")
print(f"threshold: {threshold:.4f}")
print("flagged:", np.sum(flagged))

# %% cell 16
plot_density(gm, X, "Flagged transactions (2nd percentile of log-likelihood)")
injected = X[truth == 1]
plt.scatter(injected[:, 0], injected[:, 1], marker="x", c="black", label="injected anomaly")
plt.scatter(X[flagged, 0], X[flagged, 1], facecolors="none", edgecolors="tab:red", s=80, label="flagged")
plt.legend()
plt.show()

# %% cell 18
print("percentile  threshold  flagged  caught  false alarms  missed  precision  recall")
for q in [1, 2, 5]:
    t = np.percentile(scores, q)
    cm = confusion_matrix(truth, scores < t)
    caught, false_alarms, missed = cm[1, 1], cm[0, 1], cm[1, 0]
    print(f"{q:10.0f}  {t:9.4f}  {caught + false_alarms:7.0f}  {caught:6.0f}  {false_alarms:12.0f}  "
          f"{missed:6.0f}  {caught / (caught + false_alarms):9.3f}  {caught / (caught + missed):6.3f}")

# %% cell 20
fresh = np.array([[-0.7, 0.4], [2.5, -2.5], [0.7, -1.3]])
for i, s in enumerate(gm.score_samples(fresh)):
    print(f"transaction {i}: log-likelihood {s:7.3f}  anomaly: {s < threshold}")
