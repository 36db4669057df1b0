"""Writes sample_reference.json: GaussianMixture(**params).fit(X).sample(n)
with scikit-learn 1.2.1 / numpy 1.24.2 (Debian bookworm) for the first six
fits of gaussian_mixture.json. Run with /usr/bin/python3 from this folder."""
import json

import numpy as np
from sklearn.mixture import GaussianMixture

ref = json.load(open("gaussian_mixture.json"))
out = []
for fit in ref["fits"][:6]:
    gm = GaussianMixture(**fit["params"]).fit(np.array(fit["X"]))
    for n in (7, 250):
        X, y = gm.sample(n)
        out.append({"name": fit["name"], "n": n, "X": X.tolist(), "y": y.tolist()})
json.dump(out, open("sample_reference.json", "w"))
