"""Writes init_example.json: scikit-learn 1.2.1's plot_gmm_init flow. For each
init method a RandomState(1234) is shared by GaussianMixture(max_iter=0) (the
initial means) and the fit that starts from them. Run with /usr/bin/python3, or
`make fixtures`:

    /usr/bin/python3 gmmlab/testdata/gen_init_example.py > gmmlab/testdata/init_example.json

OpenBLAS picks its kernels by CPU and they round matrix products differently
in the last bits, so the script asks for its Haswell kernels (any x86-64 CPU
with AVX2 runs them), as every generator here does.
"""
import os

os.environ["OPENBLAS_CORETYPE"] = "Haswell"

import json  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

X, _ = make_blobs(n_samples=4000, centers=4, cluster_std=0.60, random_state=0)
X = X[:, ::-1]
out = []
for method in ["kmeans", "random_from_data", "k-means++", "random"]:
    r = np.random.RandomState(seed=1234)
    ini = GaussianMixture(n_components=4, init_params=method, tol=1e-9, max_iter=0, random_state=r).fit(X).means_
    gmm = GaussianMixture(n_components=4, means_init=ini, tol=1e-9, max_iter=2000, random_state=r).fit(X)
    out.append({"method": method, "initial_means": ini.tolist(), "n_iter": int(gmm.n_iter_),
                "means": gmm.means_.tolist(), "lower_bound": gmm.lower_bound_,
                "labels_first20": gmm.predict(X)[:20].tolist()})
json.dump(out, sys.stdout)
