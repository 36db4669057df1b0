"""Generate blobs170.json, the data of the golden images: the guide's
make_blobs(n_samples=1500, cluster_std=[1.0, 2.5, 0.5], random_state=170),
the X of gmmlab/testdata/gaussian_mixture.json fits[0].

Run with the system Python that has scikit-learn 1.2.1 (Debian bookworm's
python3-sklearn), or `make fixtures`:

    /usr/bin/python3 plotting/testdata/gen_blobs170.py > plotting/testdata/blobs170.json
"""
import json
import sys

from sklearn.datasets import make_blobs

X, _ = make_blobs(n_samples=1500, n_features=2, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
json.dump({"_source": "gmmlab/testdata/gaussian_mixture.json fits[0] (guide_blobs_170): scikit-learn "
                      "make_blobs(n_samples=1500, cluster_std=[1.0, 2.5, 0.5], random_state=170)",
           "X": X.tolist()}, sys.stdout, separators=(",", ":"))
