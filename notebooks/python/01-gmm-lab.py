#!/usr/bin/python3
"""The GMM lab on Old Faithful, the Python twin of 01-gmm-lab.ipynb.

Load, standardise, split, fit three components, cluster the test set, draw
the clusters and the density, summarise with BIC: the lab's steps with
scikit-learn, run headless. Each "# %% cell N" section prints what cell N
of the Go lesson prints; make test compares them value by value
(scripts/nbrun.py).
"""
import os

import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Ellipse
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

# The lab reads faithful.csv (R's faithful data); the repository keeps it in datagen/data.
FAITHFUL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "datagen", "data", "faithful.csv")

# %% cell 6
X = np.loadtxt(FAITHFUL, delimiter=",", skiprows=1)  # pd.read_csv("faithful.csv").values
feature_names = ["eruptions", "waiting"]
print("shape:", *X.shape)
print("features:", feature_names)
print("first five eruptions:")
print(X[:5].round(3))
plt.scatter(X[:, 0], X[:, 1], s=10)
plt.title("Old Faithful: 272 eruptions")
plt.xlabel("eruption duration (min)")
plt.ylabel("waiting time to the next eruption (min)")
plt.show()

# %% cell 8
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)
X_train, X_test = train_test_split(X_scaled, test_size=0.25, random_state=0)
print("column means:    ", scaler.mean_.round(3))
print("column std. dev.:", scaler.scale_.round(3))
print("train rows:", len(X_train), " test rows:", len(X_test))
print("first three test rows (standardised):")
print(X_test[:3].round(4))

# %% cell 10
gmm = GaussianMixture(n_components=3, random_state=0)
gmm.fit(X_train)
print("converged:", gmm.converged_, "after", gmm.n_iter_, "iterations")
print("weights:", gmm.weights_.round(3))
print("means (standardised units):")
print(gmm.means_.round(3))

# %% cell 12
test_labels = gmm.predict(X_test)
print("first ten test labels:", test_labels[:10])
print("test eruptions per component:", np.bincount(test_labels))
print("probabilities of the first five test eruptions:")
print(gmm.predict_proba(X_test[:5]).round(3))

# %% cell 14
ax = plt.gca()
for mean, covar in zip(gmm.means_, gmm.covariances_):
    v, w = np.linalg.eigh(covar)
    angle = np.degrees(np.arctan2(w[1, 1], w[0, 1]))  # the major axis: the last eigenvector column
    for nsig in (1, 2, 3):
        ax.add_patch(Ellipse(mean, 2 * nsig * np.sqrt(v[1]), 2 * nsig * np.sqrt(v[0]), angle=angle, alpha=0.2))
ax.scatter(X_test[:, 0], X_test[:, 1], c=test_labels, s=20, cmap="viridis", zorder=2)
ax.axis("equal")
ax.set_title("Test set clustered by the GMM")
plt.show()

# %% cell 16
x = np.linspace(X_train[:, 0].min() - 0.5, X_train[:, 0].max() + 0.5, 100)
y = np.linspace(X_train[:, 1].min() - 0.5, X_train[:, 1].max() + 0.5, 100)
XX, YY = np.meshgrid(x, y)
Z = -gmm.score_samples(np.column_stack([XX.ravel(), YY.ravel()])).reshape(XX.shape)
plt.contour(XX, YY, Z, levels=np.logspace(0, 2, 12))
plt.scatter(X_train[:, 0], X_train[:, 1], s=5)
plt.title("Negative log-likelihood of the 3-component GMM")
plt.show()

# %% cell 18
means = scaler.inverse_transform(gmm.means_)
for k, w in enumerate(gmm.weights_):
    print(f"component {k}: weight {w:.3f}, eruption {means[k, 0]:.3f} min, wait {means[k, 1]:.3f} min")
print(f"BIC on the training set: {gmm.bic(X_train):.3f}")
print(f"mean log-likelihood: train {gmm.score(X_train):.3f}, test {gmm.score(X_test):.3f}")
gmm2 = GaussianMixture(n_components=2, random_state=0).fit(X_train)
print(f"BIC with 2 components: {gmm2.bic(X_train):.3f}")
