"""Writes sample_reference.json: GaussianMixture(**params).fit(X).sample(n)
with scikit-learn 1.2.1 / numpy 1.24.2 (Debian bookworm) for the first six
fits of gaussian_mixture.json. Run with /usr/bin/python3 (from any folder),
or `make fixtures`:

    /usr/bin/python3 gmmlab/testdata/gen_sample.py > gmmlab/testdata/sample_reference.json

OpenBLAS picks its kernels by CPU and they round matrix products differently
in the last bits, so the script asks for its Haswell kernels (any x86-64 CPU
with AVX2 runs them), as every generator here does.
"""
import os

os.environ["OPENBLAS_CORETYPE"] = "Haswell"
os.chdir(os.path.dirname(os.path.abspath(__file__)))

import json  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

ref = json.load(open("gaussian_mixture.json"))
out = []
for fit in ref["fits"][:6]:
    gm = GaussianMixture(**fit["params"]).fit(np.array(fit["X"]))
    for n in (7, 250):
        X, y = gm.sample(n)
        out.append({"name": fit["name"], "n": n, "X": X.tolist(), "y": y.tolist()})
json.dump(out, sys.stdout)
