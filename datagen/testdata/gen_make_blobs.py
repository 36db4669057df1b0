"""Generate make_blobs.json, the reference for datagen.MakeBlobs (a copy of
the lab's shared reference outputs, which this script reproduces byte for
byte).

Run with the system Python that has scikit-learn 1.2.1 and numpy 1.24.2
(Debian bookworm's python3-sklearn, python3-numpy), or `make fixtures`:

    /usr/bin/python3 datagen/testdata/gen_make_blobs.py > datagen/testdata/make_blobs.json

cases[i].params are the keyword arguments of sklearn.datasets.make_blobs; X
and y are what it returned. Floats are written with repr, so they
round-trip exactly.
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.datasets import make_blobs

cases = []
for params in [
    dict(n_samples=1500, n_features=2, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170),
    dict(n_samples=100, n_features=2, centers=3, cluster_std=1.0, random_state=0),
    dict(n_samples=300, n_features=5, centers=4, cluster_std=1.0, random_state=42),
    dict(n_samples=50, n_features=3, centers=[[0, 0, 0], [5, 5, 5]], cluster_std=0.5, random_state=7),
    dict(n_samples=60, n_features=2, centers=3, cluster_std=1.0, shuffle=False, random_state=5),
]:
    X, y = make_blobs(**params)
    cases.append(dict(params=params, X=X.tolist(), y=y.tolist()))
json.dump(dict(cases=cases, _generated_by=dict(sklearn=sklearn.__version__, numpy=np.__version__)),
          sys.stdout, separators=(",", ":"))
