#!/usr/bin/python3
"""Writes numpy_print.json: what numpy 1.24's print(x) shows for arrays of
several kinds, the reference of datagen.ArrayString's tests.

Run with Debian's /usr/bin/python3 (python3-numpy 1.24.2) from this
directory: /usr/bin/python3 gen_numpy_print.py > numpy_print.json

Each case holds the kind ("float" or "int"), the shape (one or two
dimensions), the values in row-major order (floats as JSON numbers, which
Python writes with repr and so round-trips exactly; NaN and infinities as
the strings "nan", "inf", "-inf") and the text str(x) returns.
"""

import json
import math

import numpy as np
from sklearn.datasets import make_blobs
from sklearn.mixture import GaussianMixture

rs = np.random.RandomState(0)
cases = {}


def add(name, x):
    x = np.asarray(x)
    kind = "int" if x.dtype.kind == "i" else "float"
    vals = []
    for v in x.ravel().tolist():
        if kind == "float" and not math.isfinite(v):
            v = "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
        vals.append(v)
    cases[name] = {"kind": kind, "shape": list(x.shape), "values": vals, "str": str(x)}


# The comprehensive guide's probabilities: tiny values force the exponent form.
X, _ = make_blobs(n_samples=1500, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
gmm = GaussianMixture(n_components=3, random_state=170).fit(X)
add("guide_proba_first5", gmm.predict_proba(X)[:5])
add("guide_weights", gmm.weights_)
add("guide_means", gmm.means_)
add("guide_covariances_0", gmm.covariances_[0])
np.random.seed(0)
Xq = np.vstack([np.random.normal(0, 1, (100, 2)), np.random.normal(5, 1, (100, 2))])
gq = GaussianMixture(n_components=2, random_state=0).fit(Xq)
add("quick_weights", gq.weights_)
add("quick_proba_first5", gq.predict_proba(Xq)[:5])
add("quick_means", gq.means_)

add("rounded_3", np.round(rs.uniform(0, 1, (5, 3)), 3))
add("with_zero_and_one", np.array([[0.853, 0.0, 0.147], [0.0, 1.0, 0.0]]))
add("all_zero", np.zeros(4))
add("negative_zero", np.array([-0.0, 1.5]))
add("one", np.array([1.0]))
add("integers_as_floats", np.array([1.0, 2.0, 30.0]))
add("mixed_signs", rs.normal(0, 3, (4, 2)))
add("eight_digits", np.array([1 / 3, 2 / 3, 0.1]))
add("big", np.array([1.5e8, 2.0, 3.0]))
add("ratio_over_1000", np.array([0.5, 600.0]))
add("small", np.array([5e-5, 0.5]))
add("huge_exponent", np.array([1e-300, 1.0]))
add("wide_vector", rs.normal(0, 1, 30))
add("wide_matrix", rs.normal(0, 1, (3, 12)))
add("nonfinite", np.array([np.nan, 1.25, -np.inf, np.inf]))
add("only_nan", np.array([np.nan, np.nan]))
add("long_vector", rs.normal(0, 1, 1200))
add("tall_matrix", rs.normal(0, 1, (500, 3)))
add("ties", np.array([0.125, 0.375, 1e-9, 2.5e-9]))
add("labels", np.array([1, 1, 1, 1, 1]))
add("int_widths", np.array([1, -20, 300]))
add("int_wide", np.arange(40) * 7)
add("int_long", rs.randint(0, 3, 1500))
add("bincount", np.bincount(rs.randint(0, 4, 200)))

json.dump({"cases": cases}, __import__("sys").stdout, indent=1, sort_keys=True)
print()
