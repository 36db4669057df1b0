#!/usr/bin/python3
"""scikit-learn's plot_gmm_selection example, the Python twin of
07-choosing-components.ipynb.

Two components, one general and one spherical; 1 to 6 components with the
four covariance types, scored by BIC, AIC and ICL on the data they were
fitted on (random_state=0); the selected model. Run headless. Each
"# %% cell N" section prints what cell N of the Go lesson prints; make test
compares them value by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Ellipse
from sklearn.mixture import GaussianMixture

from _selection import icl, print_selection  # the table gmmlab's Selection prints

# %% cell 6
n_samples = 500
np.random.seed(0)
C = np.array([[0.0, -0.1], [1.7, 0.4]])
component_1 = np.dot(np.random.randn(n_samples, 2), C)  # general
component_2 = 0.7 * np.random.randn(n_samples, 2) + np.array([-4, 1])  # spherical
X = np.concatenate([component_1, component_2])
print("X shape:", X.shape)
print("first three rows:")
print(X[:3].round(8))

# %% cell 8
plt.scatter(component_1[:, 0], component_1[:, 1], s=0.8)
plt.scatter(component_2[:, 0], component_2[:, 1], s=0.8)
plt.title("Gaussian Mixture components")
plt.axis("equal")
plt.show()

# %% cell 10
cv_types = ["spherical", "tied", "diag", "full"]
models = []
for cv_type in cv_types:
    for n_components in range(1, 7):
        gmm = GaussianMixture(n_components=n_components, covariance_type=cv_type, random_state=0)
        gmm.fit(X)
        models.append((cv_type, n_components, gmm))
print_selection(models, X)
print("log L      K:  1 .. 6", end="")
for cv_type, n, gmm in models:
    if n == 1:
        print(f"\n{cv_type:<10}", end="")
    print(f" {gmm.score(X) * len(X):9.2f}", end="")
print()

# %% cell 12
bic = np.array([m.bic(X) for _, _, m in models]).reshape(4, 6)
width = 0.2
for i, cv_type in enumerate(cv_types):
    plt.bar(np.arange(1, 7) + (i - 1.5) * width, bic[i], width=width, label=cv_type)
plt.xlabel("Number of components")
plt.ylabel("BIC score")
plt.legend()
plt.show()

# %% cell 14
best = min(models, key=lambda t: t[2].bic(X))
cv_type, n, gmm = best
print(f"Selected GMM: {cv_type} model, {n} components")
print(f"BIC: {gmm.bic(X):.3f}")
print("weights:", gmm.weights_.round(3))
print("means:")
print(gmm.means_.round(3))
for k, c in enumerate(gmm.covariances_):
    print(f"covariance {k}:")
    print(c.round(3))
labels = gmm.predict(X)
print("points per component:", np.bincount(labels))
ax = plt.gca()
for mean, cov in zip(gmm.means_, gmm.covariances_):
    v, w = np.linalg.eigh(cov)
    angle = np.degrees(np.arctan2(w[1, 0], w[0, 0]))
    for nsig in (1, 2, 3):
        ax.add_patch(Ellipse(mean, 2 * nsig * np.sqrt(v[0]), 2 * nsig * np.sqrt(v[1]), angle=angle, alpha=0.2))
ax.scatter(X[:, 0], X[:, 1], c=labels, s=5, zorder=2)
ax.axis("equal")
plt.title(f"Selected GMM: {cv_type} model, {n} components")
plt.show()

# %% cell 16
scores = {
    "BIC": [m.bic(X) for _, _, m in models],
    "AIC": [m.aic(X) for _, _, m in models],
    "ICL": [icl(m, X) for _, _, m in models],
}
for name, s in scores.items():
    cv_type, n, _ = models[int(np.argmin(s))]
    print(f"best by {name}: {cv_type}, {n} components")

# %% cell 18
spherical = [(n, m) for cv_type, n, m in models if cv_type == "spherical"]
for name, score in [("BIC", lambda m: m.bic(X)), ("AIC", lambda m: m.aic(X)), ("ICL", lambda m: icl(m, X))]:
    n, m = min(spherical, key=lambda t: score(t[1]))
    print(f"spherical only, best by {name}: {n} components ({m._n_parameters()} parameters)")
for name, score in [("BIC", lambda m: m.bic(X)), ("AIC", lambda m: m.aic(X)), ("ICL", lambda m: icl(m, X))]:
    plt.plot([n for n, _ in spherical], [score(m) for _, m in spherical], marker="o", label=name)
plt.legend()
plt.title("Spherical covariance: three criteria, three answers")
plt.show()
