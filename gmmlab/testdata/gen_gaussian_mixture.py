"""Writes gaussian_mixture.json: scikit-learn 1.2.1's GaussianMixture on 2-D
data, the reference of parity_test.go (and of the lab's shared reference
outputs, which this file reproduces byte for byte).

Run with Debian bookworm's /usr/bin/python3 (python3-sklearn 1.2.1, numpy
1.24.2, OpenBLAS 0.3.21), or `make fixtures`:

    /usr/bin/python3 gmmlab/testdata/gen_gaussian_mixture.py > gmmlab/testdata/gaussian_mixture.json

fits[i] is GaussianMixture(**params).fit(X) and what it reports: weights,
means, covariances and precisions_cholesky in scikit-learn's shape for the
covariance type, converged, n_iter, lower_bound, labels (= predict(X)),
proba_first5, score_samples_first5, score, bic, aic. bic_aic_guide_blobs_170
is the BIC/AIC sweep of 1..6 full components (random_state=0) on the data of
fits[0]; kmeans_guide_blobs_170 is KMeans(n_clusters=3, n_init=1,
random_state=170) on the same data.

OpenBLAS picks its kernels by CPU, and they round matrix products
differently in the last bits. This file was first written where OpenBLAS
chose its Haswell kernels, so the script asks for them (before numpy loads
OpenBLAS); any x86-64 CPU with AVX2 runs them.
"""
import os

os.environ["OPENBLAS_CORETYPE"] = "Haswell"

import json  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

guide, _ = make_blobs(n_samples=1500, n_features=2, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
np.random.seed(0)  # the quick-start tutorial's two groups
two_groups = np.vstack([np.random.normal(0, 1, (100, 2)), np.random.normal(5, 1, (100, 2))])
blobs500, _ = make_blobs(n_samples=500, centers=3, random_state=1)
blobs300, _ = make_blobs(n_samples=300, centers=4, cluster_std=1.5, random_state=3)

cases = [
    ("guide_blobs_170", dict(n_components=3, random_state=170), guide),
    ("two_groups_seed0", dict(n_components=2, random_state=0), two_groups),
]
for ct in ["full", "tied", "diag", "spherical"]:
    cases.append(("blobs500_" + ct, dict(n_components=3, covariance_type=ct, random_state=1), blobs500))
for init in ["k-means++", "random", "random_from_data"]:
    cases.append(("blobs300_" + init, dict(n_components=4, init_params=init, random_state=3), blobs300))
cases.append(("blobs300_ninit3", dict(n_components=4, n_init=3, random_state=11), blobs300))

fits = []
for name, params, X in cases:
    gm = GaussianMixture(**params).fit(X)
    fits.append(dict(
        name=name, params=params, X=X.tolist(),
        weights=gm.weights_.tolist(), means=gm.means_.tolist(), covariances=gm.covariances_.tolist(),
        precisions_cholesky=gm.precisions_cholesky_.tolist(),
        converged=bool(gm.converged_), n_iter=int(gm.n_iter_), lower_bound=float(gm.lower_bound_),
        labels=gm.predict(X).tolist(), proba_first5=gm.predict_proba(X)[:5].tolist(),
        score_samples_first5=gm.score_samples(X)[:5].tolist(), score=float(gm.score(X)),
        bic=float(gm.bic(X)), aic=float(gm.aic(X)),
    ))

sweep = []
for k in range(1, 7):
    gm = GaussianMixture(n_components=k, random_state=0).fit(guide)
    sweep.append(dict(n_components=k, bic=float(gm.bic(guide)), aic=float(gm.aic(guide))))

kparams = dict(n_clusters=3, n_init=1, random_state=170)
km = KMeans(**kparams).fit(guide)
out = dict(
    fits=fits,
    bic_aic_guide_blobs_170=sweep,
    kmeans_guide_blobs_170=dict(params=kparams, labels=km.labels_.tolist(), cluster_centers=km.cluster_centers_.tolist(),
                                inertia=float(km.inertia_), n_iter=int(km.n_iter_)),
    _generated_by=dict(sklearn=sklearn.__version__, numpy=np.__version__),
)
json.dump(out, sys.stdout, separators=(",", ":"))
