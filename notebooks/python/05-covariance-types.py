#!/usr/bin/python3
"""scikit-learn's plot_gmm_covariances example, the Python twin of
05-covariance-types.ipynb.

The four covariance types on iris, means started at the class means,
train and test accuracy, run headless. Each "# %% cell N" section prints
what cell N of the Go lesson prints; make test compares them value by
value (scripts/nbrun.py).
"""
import matplotlib as mpl

mpl.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from sklearn import datasets
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import StratifiedKFold

colors = ["navy", "turquoise", "darkorange"]


def make_ellipses(gmm, ax, features=(0, 1)):
    f = list(features)
    for n, color in enumerate(colors):
        if gmm.covariance_type == "full":
            covariances = gmm.covariances_[n][np.ix_(f, f)]
        elif gmm.covariance_type == "tied":
            covariances = gmm.covariances_[np.ix_(f, f)]
        elif gmm.covariance_type == "diag":
            covariances = np.diag(gmm.covariances_[n][f])
        elif gmm.covariance_type == "spherical":
            covariances = np.eye(2) * gmm.covariances_[n]
        v, w = np.linalg.eigh(covariances)
        # The example writes u = w[0], a row of w; the eigenvector is the column w[:, 0].
        u = w[:, 0] / np.linalg.norm(w[:, 0])
        angle = np.degrees(np.arctan2(u[1], u[0]))
        v = 2.0 * np.sqrt(2.0) * np.sqrt(v)
        ell = mpl.patches.Ellipse(gmm.means_[n, f], v[0], v[1], angle=180 + angle, color=color)
        ell.set_clip_box(ax.bbox)
        ell.set_alpha(0.5)
        ax.add_artist(ell)
        ax.set_aspect("equal", "datalim")


def draw(estimator, ax, features=(0, 1)):
    f = list(features)
    make_ellipses(estimator, ax, features)
    for n, color in enumerate(colors):
        data = iris.data[iris.target == n]
        ax.scatter(data[:, f[0]], data[:, f[1]], s=0.8, color=color, label=iris.target_names[n])
    for n, color in enumerate(colors):
        data = X_test[y_test == n]
        ax.scatter(data[:, f[0]], data[:, f[1]], marker="x", color=color)


# %% cell 6
iris = datasets.load_iris()
skf = StratifiedKFold(n_splits=4)
train_index, test_index = next(iter(skf.split(iris.data, iris.target)))
X_train, y_train = iris.data[train_index], iris.target[train_index]
X_test, y_test = iris.data[test_index], iris.target[test_index]
print("features:", iris.feature_names)
print("classes: ", list(iris.target_names))
print("train rows:", len(train_index), " test rows:", len(test_index))
print("test_index:", test_index)

# %% cell 8
n_classes = len(np.unique(y_train))
means_init = np.array([X_train[y_train == i].mean(axis=0) for i in range(n_classes)])
print("class means of the training set:")
print(means_init.round(3))

# %% cell 10
estimators = {
    cov_type: GaussianMixture(n_components=n_classes, covariance_type=cov_type, max_iter=20, random_state=0)
    for cov_type in ["spherical", "diag", "tied", "full"]
}
print("type       params  iters  train acc  test acc  train logL  test logL")
for name, estimator in estimators.items():
    estimator.means_init = means_init
    estimator.fit(X_train)
    train_accuracy = np.mean(estimator.predict(X_train) == y_train) * 100
    test_accuracy = np.mean(estimator.predict(X_test) == y_test) * 100
    print(f"{name:<9}  {estimator._n_parameters():6d}  {estimator.n_iter_:5d}  {train_accuracy:9.1f}  "
          f"{test_accuracy:8.1f}  {estimator.score(X_train):10.3f}  {estimator.score(X_test):9.3f}")

# %% cell 12
plt.figure(figsize=(6, 6))
for index, (name, estimator) in enumerate(estimators.items()):
    h = plt.subplot(2, 2, index + 1)
    draw(estimator, h)
    train_accuracy = np.mean(estimator.predict(X_train) == y_train) * 100
    test_accuracy = np.mean(estimator.predict(X_test) == y_test) * 100
    plt.title(f"{name}: train {train_accuracy:.1f} %, test {test_accuracy:.1f} %")
plt.legend(scatterpoints=1, loc="lower right")
plt.show()

# %% cell 14
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
for ax, name in zip(axes, ["tied", "full"]):
    draw(estimators[name], ax, features=(2, 3))
    ax.set_title(f"{name}, petal features")
plt.show()
