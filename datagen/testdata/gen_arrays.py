#!/usr/bin/python3
"""Writes numpy_arrays.json: what numpy 1.24.2 returns for the one-liners
that datagen's arrays.go reproduces (np.bincount, np.unique with counts and
its dict, X[mask], masks, astype(int), class means, linspace, the shifted
normal draws of scikit-learn's plot_gmm_selection example).

Run from this directory: /usr/bin/python3 gen_arrays.py > numpy_arrays.json
"""

import json
import sys

import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import StratifiedKFold

rs = np.random.RandomState(3)
out = {}

labels = rs.randint(0, 5, 40)
out["bincount"] = {"labels": labels.tolist(), "want": np.bincount(labels).tolist()}
signed = rs.randint(-2, 3, 25)
u, c = np.unique(signed, return_counts=True)
out["unique"] = {"labels": signed.tolist(), "values": u.tolist(), "counts": c.tolist(),
                 "str": str(dict(zip(u, c)))}

X = rs.normal(0, 1, (12, 3))
y = rs.randint(0, 3, 12)
scores = rs.normal(0, 1, 12)
scores[4] = np.nan
t = 0.1
out["masks"] = {
    "X": X.ravel().tolist(), "rows": 12, "cols": 3, "y": y.tolist(), "scores": [None if np.isnan(s) else s for s in scores],
    "t": t,
    "equal1": (y == 1).tolist(),
    "less": (scores < t).tolist(),
    "count_less": int(np.sum(scores < t)),
    "less_as_int": (scores < t).astype(int).tolist(),
    "X_y_is_1": X[y == 1].ravel().tolist(),
}

iris = load_iris()
train, _ = next(iter(StratifiedKFold(n_splits=4).split(iris.data, iris.target)))
Xt, yt = iris.data[train], iris.target[train]
out["iris_class_means"] = np.array([Xt[yt == i].mean(axis=0) for i in range(3)]).ravel().tolist()

out["linspace"] = {"0.5,2,5": np.linspace(0.5, 2, 5).tolist(), "0,1,7": np.linspace(0, 1, 7).tolist(),
                   "-3,3,1": np.linspace(-3, 3, 1).tolist()}

np.random.seed(0)
np.random.randn(500, 2)
out["shifted"] = (0.7 * np.random.randn(500, 2) + np.array([-4, 1])).ravel().tolist()

json.dump(out, sys.stdout, indent=1)
print()
