"""Writes weighted.json: the reference numbers of weighted fits.

- KMeans: scikit-learn 1.2.1's KMeans(n_clusters, n_init=1,
  random_state).fit(X, sample_weight=w): labels, centres, inertia, n_iter.
- EM: R mclust 6.0's weighted EM, me.weighted(data, modelName, z, weights)
  (VVV, EEE, VVI, VII: gmmlab's full, tied, diag, spherical), started from
  z = the one-hot labels of the weighted KMeans above. me.weighted stops on
  its own criterion; to compare a fixed number of iterations the script runs
  me.weighted's loop itself, line for line, with mclust's own mstep, estep
  and dens, for exactly `iterations` passes, and records the parameters of
  the last M-step and the weighted log-likelihood sum(w * dens) under them
  (weights rescaled to a maximum of 1, as me.weighted does). It also runs
  me.weighted itself to its convergence (emControl(tol = 1e-12)) and records
  that fit.

Needs Debian's r-cran-mclust (apt-get install -y r-cran-mclust). Run with
/usr/bin/python3, or `make fixtures`:

    /usr/bin/python3 gmmlab/testdata/gen_weighted.py > gmmlab/testdata/weighted.json
"""
import os

os.environ["OPENBLAS_CORETYPE"] = "Haswell"

import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402

import numpy as np  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402

ITERATIONS = 25
MODELS = {"full": "VVV", "tied": "EEE", "diag": "VVI", "spherical": "VII"}

R_SCRIPT = r"""
suppressMessages(library(mclust))
args <- commandArgs(trailingOnly = TRUE)
data <- as.matrix(read.csv(args[1], header = FALSE))
weights <- scan(args[2], quiet = TRUE)
labels <- scan(args[3], quiet = TRUE)
iterations <- as.integer(args[4])
G <- max(labels) + 1
z <- matrix(0, nrow(data), G)
z[cbind(seq_len(nrow(data)), labels + 1)] <- 1
params <- function(fit) {
  p <- fit$parameters
  list(pro = as.vector(p$pro), mean = unname(t(p$mean)),
       sigma = lapply(seq_len(G), function(k) unname(p$variance$sigma[, , k])))
}
out <- list()
for (modelName in c("VVV", "EEE", "VVI", "VII")) {
  # me.weighted's loop, for a fixed number of iterations.
  w <- weights
  if (max(w) > 1) w <- w / max(w)
  zw <- z * w
  eps <- .Machine$double.eps
  for (iter in seq_len(iterations)) {
    fit.m <- do.call("mstep", list(data = data, z = zw, modelName = modelName))
    fit.m$parameters$pro <- fit.m$parameters$pro / mean(w)
    fit.e <- do.call("estep", c(list(data = data), fit.m))
    zw <- pmax(fit.e$z * w, eps)
    ldens <- do.call("dens", c(list(data = data, logarithm = TRUE), fit.m))
    ll <- sum(w * ldens)
  }
  fixed <- params(fit.m)
  fixed$loglik <- ll
  fixed$weight_sum <- sum(w)
  conv <- suppressWarnings(me.weighted(data, modelName, z, weights, control = emControl(tol = 1e-12, itmax = 10000)))
  converged <- params(conv)
  converged$loglik <- conv$loglik
  out[[modelName]] <- list(fixed = fixed, converged = converged)
}
cat(jsonlite::toJSON(out, digits = NA, auto_unbox = TRUE))
"""


def mclust(X, w, labels):
    with tempfile.TemporaryDirectory() as tmp:
        paths = [os.path.join(tmp, name) for name in ("x.csv", "w.txt", "labels.txt", "me.R")]
        np.savetxt(paths[0], X, delimiter=",", fmt="%.17g")
        np.savetxt(paths[1], w, fmt="%.17g")
        np.savetxt(paths[2], labels, fmt="%d")
        with open(paths[3], "w") as f:
            f.write(R_SCRIPT)
        res = subprocess.run(["Rscript", paths[3], *paths[:3], str(ITERATIONS)],
                             check=True, capture_output=True, text=True)
        return json.loads(res.stdout)


cases = []
for name, d, seed in [("blobs2", 2, 5), ("blobs3", 3, 9)]:
    X, _ = make_blobs(n_samples=300, centers=3, n_features=d, cluster_std=1.5, random_state=seed)
    w = np.random.RandomState(seed).uniform(0.1, 3.0, len(X))
    km = KMeans(n_clusters=3, n_init=1, random_state=0).fit(X, sample_weight=w)
    em = mclust(X, w, km.labels_)
    cases.append({
        "name": name, "X": X.tolist(), "w": w.tolist(),
        "kmeans": {"n_clusters": 3, "random_state": 0, "labels": km.labels_.tolist(),
                   "cluster_centers": km.cluster_centers_.tolist(), "inertia": km.inertia_,
                   "n_iter": int(km.n_iter_)},
        "iterations": ITERATIONS,
        "em": {ct: em[model] for ct, model in MODELS.items()},
    })

# Integer weights with zeros, four clusters: KMeans only.
X, _ = make_blobs(n_samples=200, centers=4, n_features=2, random_state=3)
w = np.random.RandomState(1).randint(0, 4, len(X)).astype(float)
km = KMeans(n_clusters=4, n_init=1, random_state=2).fit(X, sample_weight=w)
cases.append({
    "name": "integer", "X": X.tolist(), "w": w.tolist(),
    "kmeans": {"n_clusters": 4, "random_state": 2, "labels": km.labels_.tolist(),
               "cluster_centers": km.cluster_centers_.tolist(), "inertia": km.inertia_,
               "n_iter": int(km.n_iter_)},
})
json.dump(cases, sys.stdout)
