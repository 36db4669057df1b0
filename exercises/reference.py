#!/usr/bin/python3
"""Expected values of the exercise notebooks' checks, computed with
scikit-learn 1.2.1 and numpy 1.24 (Debian's python3-sklearn):

    /usr/bin/python3 exercises/reference.py      # writes exercises/reference.json

Every check of a master notebook (exercises/*.ipynb), public or hidden, has
its expected value here, under notebook → exercise → the check's
description. make assign (grading/assign.py, bin/gmmgrade key) requires it:
a hidden check takes its expected value from this file, which never reaches
learners, and an expected value written in a public check must agree with
this file. The inputs are built as the notebooks build them, from the same
data files (datagen/data/) and the same seeds.
"""

import json
import os
import warnings

import numpy as np
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore")  # ConvergenceWarning of small fits

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "datagen", "data")

ref = {}


def put(notebook, exercise, what, value):
    """Records the expected value of one check."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    elif isinstance(value, (np.integer,)):
        value = int(value)
    elif isinstance(value, (np.floating,)):
        value = float(value)
    ref.setdefault(notebook, {}).setdefault(str(exercise), {})[what] = value


def faithful():
    return np.loadtxt(os.path.join(DATA, "faithful.csv"), delimiter=",", skiprows=1)


def iris():
    data = np.loadtxt(os.path.join(DATA, "iris.csv"), delimiter=",", skiprows=1)
    return data[:, :4], data[:, 4].astype(int)


def gmm(X, k, **kw):
    kw.setdefault("random_state", 0)
    return GaussianMixture(n_components=k, **kw).fit(X)


def bincount(labels, k):
    return np.bincount(labels, minlength=k)


def blobs():
    """The blobs the hidden tests use: make_blobs(n_samples=400, centers=4,
    cluster_std=[1.0, 1.5, 0.5, 2.0], random_state=7)."""
    X, _ = make_blobs(n_samples=400, centers=4, cluster_std=[1.0, 1.5, 0.5, 2.0], random_state=7)
    return X


# ---- 01-gmm-lab -------------------------------------------------------------

def gmm_lab():
    nb = "01-gmm-lab"
    X = faithful()
    Xi, _ = iris()

    # 1. standardise
    Xs = StandardScaler().fit_transform(X)
    put(nb, 1, "the standardised data", list(Xs.shape))
    put(nb, 1, "the first row", Xs[0])
    put(nb, 1, "the last row", Xs[-1])
    Xis = StandardScaler().fit_transform(Xi)
    put(nb, 1, "the first row of standardised Iris", Xis[0])
    put(nb, 1, "the column means of standardised Iris", Xis.mean(axis=0))

    # 2. split
    train, test = train_test_split(X, test_size=0.25, random_state=0)
    put(nb, 2, "the training set", list(train.shape))
    put(nb, 2, "the test set", list(test.shape))
    put(nb, 2, "the first test row", test[0])
    itrain, itest = train_test_split(Xi, test_size=0.25, random_state=0)
    put(nb, 2, "the Iris training set", list(itrain.shape))
    put(nb, 2, "the Iris test set", list(itest.shape))
    put(nb, 2, "the first Iris test row", itest[0])

    # 3. fit three components
    g = gmm(X, 3)
    put(nb, 3, "the number of components", g.n_components)
    put(nb, 3, "the weights", g.weights_)
    put(nb, 3, "the BIC", g.bic(X))
    gi = gmm(Xi, 3)
    put(nb, 3, "the covariance type", gi.covariance_type)
    put(nb, 3, "the weights on Iris", gi.weights_)
    put(nb, 3, "the means on Iris", gi.means_)

    # 4. predict and count
    g2 = gmm(X, 2, random_state=1)
    put(nb, 4, "the labels of the first 20 rows", g2.predict(X[:20]))
    put(nb, 4, "the counts", bincount(g2.predict(X), 2))
    g4 = gmm(Xi, 4)
    put(nb, 4, "the counts on Iris", bincount(g4.predict(Xi), 4))
    put(nb, 4, "the counts of the first five Iris rows", bincount(g4.predict(Xi[:5]), 4))

    # 6. the whole lab
    scaler = StandardScaler()
    Xs = scaler.fit_transform(X)
    train, test = train_test_split(Xs, test_size=0.25, random_state=0)
    g = gmm(train, 3)
    put(nb, 6, "the test set's labels", g.predict(test))
    put(nb, 6, "the means in minutes", scaler.inverse_transform(g.means_))
    put(nb, 6, "the BIC on the training set", g.bic(train))


# ---- 02-choosing-k ----------------------------------------------------------

def choosing_k():
    nb = "02-choosing-k"
    X = StandardScaler().fit_transform(faithful())
    Xi, _ = iris()

    # 1. BIC and AIC of one fit
    g = gmm(X, 2)
    put(nb, 1, "the BIC", g.bic(X))
    put(nb, 1, "the AIC", g.aic(X))
    gi = gmm(Xi, 4)
    put(nb, 1, "the BIC of 4 components on Iris", gi.bic(Xi))
    put(nb, 1, "the AIC of 4 components on Iris", gi.aic(Xi))

    # 2. the sweep
    ks = range(1, 7)
    bics = [gmm(X, k).bic(X) for k in ks]
    aics = [gmm(X, k).aic(X) for k in ks]
    put(nb, 2, "the BICs", bics)
    put(nb, 2, "the AICs", aics)
    put(nb, 2, "the BICs on Iris", [gmm(Xi, k).bic(Xi) for k in (1, 3, 5)])

    # 3. the lowest score
    def lowest(ks, scores):
        best = None
        for k, s in zip(ks, scores):
            if best is None or s < best[1] or (s == best[1] and k < best[0]):
                best = (k, s)
        return best[0]
    put(nb, 3, "the number of components BIC chooses", lowest(ks, np.round(bics, 1)))
    put(nb, 3, "the number of components AIC chooses", lowest(ks, np.round(aics, 1)))
    put(nb, 3, "the choice among unsorted counts", lowest([5, 2, 9, 1], [3.5, -1.0, -4.0, 0.0]))
    put(nb, 3, "the choice on a tie", lowest([4, 2, 3], [1.0, 1.0, 2.0]))

    # 5. why they disagree: the penalty per parameter is ln(N) for BIC, 2 for AIC
    put(nb, 5, "whether your answer is a, b, c or d", True)
    put(nb, 5, "your answer", "b")

    # 6. choose the number of components and the covariance type
    def choose(X, max_k):
        best = None
        for ct in ("spherical", "tied", "diag", "full"):
            for k in range(1, max_k + 1):
                b = gmm(X, k, covariance_type=ct).bic(X)
                if best is None or b < best[0]:
                    best = (b, k, ct)
        return best[1], best[2]
    k, ct = choose(X, 6)
    put(nb, 6, "the number of components", k)
    put(nb, 6, "the covariance type", ct)
    k, ct = choose(blobs(), 6)
    put(nb, 6, "the number of components for the blobs", k)
    put(nb, 6, "the covariance type for the blobs", ct)


# ---- 03-covariance-types ----------------------------------------------------

TYPES = ("spherical", "tied", "diag", "full")  # gmmlab.CovarianceTypes' order


def covariance_types():
    nb = "03-covariance-types"
    Xi, _ = iris()
    B = blobs()

    # 1. one type
    g = gmm(Xi, 3, covariance_type="diag")
    put(nb, 1, "the covariance type", g.covariance_type)
    put(nb, 1, "the weights", g.weights_)
    gb = gmm(B, 3, covariance_type="tied")
    put(nb, 1, "the weights of a tied fit to the blobs", gb.weights_)
    put(nb, 1, "the means of a tied fit to the blobs", gb.means_)

    # 2. parameter counts, as scikit-learn counts them (_n_parameters)
    for ct in TYPES:
        put(nb, 2, f"the number of parameters of 3 {ct} components in 4 dimensions",
            gmm(Xi, 3, covariance_type=ct)._n_parameters())
    for ct in TYPES:
        put(nb, 2, f"the number of parameters of 5 {ct} components in 2 dimensions",
            gmm(B, 5, covariance_type=ct)._n_parameters())
        put(nb, 2, f"the number of parameters of 1 {ct} component in 4 dimensions",
            gmm(Xi, 1, covariance_type=ct)._n_parameters())

    # 3. BIC by type
    put(nb, 3, "the BICs", [gmm(Xi, 3, covariance_type=ct).bic(Xi) for ct in TYPES])
    put(nb, 3, "the BICs of 4 components on the blobs", [gmm(B, 4, covariance_type=ct).bic(B) for ct in TYPES])

    # 4. the best type
    def best(X, k):
        bics = [gmm(X, k, covariance_type=ct).bic(X) for ct in TYPES]
        return TYPES[int(np.argmin(bics))]
    put(nb, 4, "the best covariance type", best(Xi, 3))
    put(nb, 4, "the best covariance type for 2 components", best(Xi, 2))
    put(nb, 4, "the best covariance type for the blobs", best(B, 4))


# ---- 04-sampling-and-density -------------------------------------------------

def transactions():
    """Lesson 06's card transactions: three habits and 15 injected anomalies."""
    Xn, _ = make_blobs(n_samples=[500, 300, 200], centers=[[-0.8, 0.3], [0.7, 1.0], [-0.3, -1.3]],
                       cluster_std=[0.35, 0.45, 0.3], random_state=42)
    Xa = np.random.RandomState(7).uniform(-3.5, 3.5, size=(15, 2))
    truth = np.r_[np.zeros(1000, int), np.ones(15, int)]
    return np.vstack([Xn, Xa]), truth


def other_transactions():
    """The hidden tests' data: two habits and 10 anomalies."""
    Xn, _ = make_blobs(n_samples=[300, 200], centers=[[-1.0, 0.0], [1.0, 0.5]],
                       cluster_std=[0.4, 0.3], random_state=3)
    Xa = np.random.RandomState(5).uniform(-3.0, 3.0, size=(10, 2))
    return np.vstack([Xn, Xa])


def precision_recall(truth, flags):
    truth, flags = np.asarray(truth), np.asarray(flags)
    caught = np.sum((truth == 1) & (flags == 1))
    p = caught / flags.sum() if flags.sum() else 0.0
    r = caught / truth.sum() if truth.sum() else 0.0
    return [float(p), float(r)]


def sampling_and_density():
    nb = "04-sampling-and-density"
    X, truth = transactions()
    g = gmm(X, 4)
    Xf = StandardScaler().fit_transform(faithful())
    gf = gmm(Xf, 3)

    # 1. sample and count
    _, comps = g.sample(1000)
    put(nb, 1, "the counts of 1000 samples", bincount(comps, 4))
    _, comps = gf.sample(500)
    put(nb, 1, "the counts of 500 samples of another model", bincount(comps, 3))

    # 2. densities
    fresh = np.array([[-0.7, 0.4], [2.5, -2.5], [0.7, -1.3]])
    put(nb, 2, "the densities", np.exp(g.score_samples(fresh)))
    pts = np.array([[0.0, 0.0], [1.0, 1.0], [-1.5, -1.0], [2.0, 0.5]])
    put(nb, 2, "the densities of another model", np.exp(gf.score_samples(pts)))

    # 3. percentile threshold
    scores = g.score_samples(X)
    put(nb, 3, "the threshold at the 2nd percentile", np.percentile(scores, 2))
    put(nb, 3, "the 25th percentile of 5, 1, 4, 2, 3", np.percentile([5.0, 1.0, 4.0, 2.0, 3.0], 25))
    put(nb, 3, "the 10th percentile of 1, 2, 4, 8", np.percentile([1.0, 2.0, 4.0, 8.0], 10))
    put(nb, 3, "the 0th and 100th percentiles", [np.percentile(scores, 0), np.percentile(scores, 100)])

    # 4. flags
    flags = (scores < np.percentile(scores, 2)).astype(int)
    put(nb, 4, "the number of flags", len(flags))
    put(nb, 4, "the number of flagged rows", int(flags.sum()))
    put(nb, 4, "the flags of the injected anomalies", flags[1000:])
    flags5 = (scores < np.percentile(scores, 5)).astype(int)
    put(nb, 4, "the number of rows flagged at 5 %", int(flags5.sum()))
    put(nb, 4, "the flags at 5 % of the injected anomalies", flags5[1000:])

    # 5. precision and recall
    put(nb, 5, "the precision and the recall", precision_recall([0, 0, 1, 1, 0, 1], [1, 0, 1, 0, 0, 1]))
    put(nb, 5, "the precision and the recall of the detector", precision_recall(truth, flags))
    put(nb, 5, "the precision and the recall when nothing is flagged", precision_recall([0, 1, 1], [0, 0, 0]))

    # 7. the whole detector
    def detect(X, q):
        best = min((gmm(X, k) for k in range(1, 7)), key=lambda m: m.bic(X))
        s = best.score_samples(X)
        return (s < np.percentile(s, q)).astype(int)
    f = detect(X, 2)
    put(nb, 7, "the number of flagged rows", int(f.sum()))
    put(nb, 7, "the flags of the injected anomalies", f[1000:])
    O = other_transactions()
    f = detect(O, 3)
    put(nb, 7, "the number of rows flagged in other data", int(f.sum()))
    put(nb, 7, "the flags of the other data's anomalies", f[500:])


def main():
    gmm_lab()
    choosing_k()
    covariance_types()
    sampling_and_density()
    path = os.path.join(HERE, "reference.json")
    with open(path, "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)
        f.write("\n")
    n = sum(len(e) for nb in ref.values() for e in nb.values())
    print(f"wrote {path}: {n} expected values")


if __name__ == "__main__":
    main()
