"""Generate stratified_kfold.json, the reference for datagen.StratifiedKFold.

Run with the system Python that has scikit-learn 1.2.1 and numpy
(Debian bookworm's python3-sklearn):

    /usr/bin/python3 datagen/testdata/gen_stratified.py > datagen/testdata/stratified_kfold.json

Each case is a label vector and n_splits; the folds are
StratifiedKFold(n_splits).split(zeros, y) as lists of indices.
"""

import json
import warnings

import numpy as np
from sklearn.datasets import load_iris
from sklearn.model_selection import StratifiedKFold

warnings.simplefilter("ignore")  # "least populated class has only ..." is expected

cases = [
    ("iris", load_iris().target.tolist(), 4),
    ("iris 5", load_iris().target.tolist(), 5),
    # Labels in no particular order, with values far apart and a class
    # smaller than n_splits.
    ("unordered", [5, 5, 2, 2, 2, 9, 5, 2, 9, 9, 9, 2, 5, 7], 3),
    ("random", np.random.RandomState(0).randint(0, 4, size=53).tolist(), 6),
    ("two", [1, 0] * 7 + [1], 2),
]
out = []
for name, y, k in cases:
    folds = StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)
    out.append({
        "name": name,
        "y": y,
        "n_splits": k,
        "folds": [{"train": tr.tolist(), "test": te.tolist()} for tr, te in folds],
    })
json.dump(out, __import__("sys").stdout)
print()
