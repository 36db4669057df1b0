"""Writes multivariate_normal.json: numpy 1.24.2's legacy
RandomState(seed).multivariate_normal(mean, cov, size), the reference of
datagen's MultivariateNormal test: the three blobs of scikit-learn's
plot_concentration_prior (diagonal covariances, one stream), a full 3×3
covariance, and a singular one.

Run with Debian bookworm's /usr/bin/python3, or `make fixtures`:

    /usr/bin/python3 datagen/testdata/gen_multivariate_normal.py > datagen/testdata/multivariate_normal.json
"""
import os

os.environ["OPENBLAS_CORETYPE"] = "Haswell"

import json  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402

cases = []
# One stream, three draws in turn: plot_concentration_prior's data.
rng = np.random.RandomState(2)
for mean, cov, n in [([0.0, -0.7], [[0.7, 0.0], [0.0, 0.1]], 20), ([0.0, 0.0], [[0.5, 0.0], [0.0, 0.1]], 50),
                     ([0.0, 0.7], [[0.5, 0.0], [0.0, 0.1]], 20)]:
    cases.append(dict(seed=2, continues=len(cases) > 0, mean=mean, cov=cov, n=n,
                      X=rng.multivariate_normal(mean, cov, n).tolist()))
for seed, mean, cov, n in [
    (7, [1.0, -2.0, 0.5], [[2.0, 0.6, -0.3], [0.6, 1.0, 0.2], [-0.3, 0.2, 0.5]], 11),
    (11, [0.0, 0.0], [[1.0, 1.0], [1.0, 1.0]], 5),  # singular: all draws on a line
    (13, [3.0, 1.0], [[0.1, 0.0], [0.0, 0.7]], 6),  # the larger variance second
]:
    rng = np.random.RandomState(seed)
    cases.append(dict(seed=seed, continues=False, mean=mean, cov=cov, n=n, X=rng.multivariate_normal(mean, cov, n).tolist()))

json.dump(dict(_generated_by=dict(numpy=np.__version__, script="datagen/testdata/gen_multivariate_normal.py"), cases=cases),
          sys.stdout, separators=(",", ":"))
