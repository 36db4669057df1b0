"""Writes missing.json: the reference of missing_test.go for Gaussian
mixtures fitted with missing values (GaussianMixture{Missing:
gmmlab.Marginalize}), computed with numpy and scipy alone.

scikit-learn has no EM with missing values, so this script holds an
independent one: EM that integrates out the missing coordinates of each row
(Ghahramani & Jordan 1994), written from the formulas with numpy and
scipy.stats.multivariate_normal, not from gmmlab's code:

- E-step: row i with observed coordinates o is scored on them alone,
  log w_c + log N(x_o | mu_c[o], S_c[o, o]) (scipy's logpdf of the observed
  sub-vector), and the responsibilities are the normalised exponentials.
- M-step: the missing coordinates m enter through their conditional
  expectation given the observed ones, mu_m + S_mo S_oo^-1 (x_o - mu_o), and
  their conditional covariance S_mm - S_mo S_oo^-1 S_om is added to the
  second moments; the covariance type then keeps what it keeps of them
  (tied: their sum over components; diag: the diagonal; spherical: the
  mean of the diagonal), reg_covar added as scikit-learn does, 10*eps added
  to every component mass, weights normalised to sum 1.
- The loop is scikit-learn 1.2.1's: the lower bound is the mean observed
  log-likelihood of the E-step, EM stops when it changes by less than tol.
- It starts where gmmlab does: scikit-learn's own initialisation
  (GaussianMixture(max_iter=0, random_state=...).fit) on the data with every
  missing entry replaced by its column's mean (SimpleImputer's "mean").

Each data set is make_blobs data with entries removed at random:
mask = RandomState(seed).rand(*X.shape) < share, X[mask] = nan; a row left
with no observed value gets its first coordinate back (gmmlab refuses such
rows). NaN is written as null.

cases[i] holds, for a covariance type, the fit's weights, means,
covariances (scikit-learn's shape for the type, flattened), n_iter,
converged and lower_bound, and score_samples and predict_proba of the first
12 rows under those parameters. marginal holds the independent check of the
marginal log-likelihood: for given parameters (the first case's), the
log-likelihood of each row with a missing coordinate computed term by term
with scipy on the observed sub-vector.

Run with Debian bookworm's /usr/bin/python3 (python3-sklearn 1.2.1, numpy
1.24.2, scipy 1.10.1), or `make fixtures`:

    /usr/bin/python3 gmmlab/testdata/gen_missing.py > gmmlab/testdata/missing.json
"""
import os

os.environ["OPENBLAS_CORETYPE"] = "Haswell"

import json  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from scipy.special import logsumexp  # noqa: E402
from scipy.stats import multivariate_normal  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.impute import SimpleImputer  # noqa: E402
from sklearn.mixture import GaussianMixture  # noqa: E402

EPS10 = 10 * np.finfo(float).eps


def full_covariances(ct, cov, k, d):
    """The K full d×d covariances of scikit-learn's covariances_."""
    if ct == "full":
        return np.array(cov)
    if ct == "tied":
        return np.repeat(np.array(cov)[None], k, axis=0)
    if ct == "diag":
        return np.array([np.diag(c) for c in cov])
    return np.array([np.eye(d) * c for c in cov])


def log_probs(X, weights, covs, means):
    """log w_c + log N(x_o | mu_o, S_oo) for every row and component, one
    scipy distribution per missingness pattern and component."""
    n, k = X.shape[0], len(weights)
    out = np.empty((n, k))
    obs = ~np.isnan(X)
    patterns = {}
    for i in range(n):
        patterns.setdefault(obs[i].tobytes(), []).append(i)
    for rows in patterns.values():
        o = obs[rows[0]]
        for c in range(k):
            dist = multivariate_normal(means[c][o], covs[c][np.ix_(o, o)])
            out[rows, c] = np.log(weights[c]) + np.atleast_1d(dist.logpdf(X[np.ix_(rows, o)]))
    return out


def em_missing(X, ct, weights, means, covs, reg=1e-6, tol=1e-3, max_iter=100):
    """EM with missing values from the given start (covs: K full matrices).
    Returns the parameters, scikit-learn's n_iter_, converged_ and
    lower_bound_."""
    n, d = X.shape
    k = len(weights)
    obs = ~np.isnan(X)
    lower_bound, converged, n_iter = -np.inf, False, 0
    for n_iter in range(1, max_iter + 1):
        prev = lower_bound
        logp = log_probs(X, weights, covs, means)
        ll = logsumexp(logp, axis=1)
        resp = np.exp(logp - ll[:, None])
        nk = resp.sum(axis=0) + EPS10
        s1 = np.zeros((k, d))
        s2 = np.zeros((k, d, d))
        for i in range(n):
            o = obs[i]
            m = ~o
            for c in range(k):
                xhat = X[i].copy()
                cond = np.zeros((d, d))
                if m.any():
                    S = covs[c]
                    B = S[np.ix_(m, o)] @ np.linalg.inv(S[np.ix_(o, o)])
                    xhat[m] = means[c][m] + B @ (X[i][o] - means[c][o])
                    cond[np.ix_(m, m)] = S[np.ix_(m, m)] - B @ S[np.ix_(o, m)]
                s1[c] += resp[i, c] * xhat
                s2[c] += resp[i, c] * (np.outer(xhat, xhat) + cond)
        means = s1 / nk[:, None]
        second = s2 / nk[:, None, None] - np.einsum("ki,kj->kij", means, means)
        if ct == "full":
            cov = second + reg * np.eye(d)
        elif ct == "tied":
            cov = (nk[:, None, None] * second).sum(axis=0) / nk.sum() + reg * np.eye(d)
        elif ct == "diag":
            cov = np.array([np.diag(s) for s in second]) + reg
        else:
            cov = np.array([np.diag(s).mean() for s in second]) + reg
        weights = nk / n
        weights /= weights.sum()
        covs = full_covariances(ct, cov, k, d)
        lower_bound = ll.mean()
        if abs(lower_bound - prev) < tol:
            converged = True
            break
    return weights, means, cov, covs, n_iter, converged, lower_bound


def nan_to_null(X):
    return [[None if np.isnan(v) else float(v) for v in row] for row in X]


def dataset(name, n, d, centers, std, seed, share, mask_seed):
    X, _ = make_blobs(n_samples=n, n_features=d, centers=centers, cluster_std=std, random_state=seed)
    Xm = X.copy()
    Xm[np.random.RandomState(mask_seed).rand(*X.shape) < share] = np.nan
    empty = np.isnan(Xm).all(axis=1)
    Xm[empty, 0] = X[empty, 0]
    return dict(name=name, X=X, X_missing=Xm, share=share, mask_seed=mask_seed, rows_given_back=np.flatnonzero(empty))


DATASETS = [
    dataset("d3_n400", 400, 3, 3, 1.5, 3, 0.2, 0),
    dataset("d5_n300", 300, 5, 3, 2.0, 5, 0.3, 1),
]
CASES = [("d3_n400", ct, 3, 0) for ct in ["full", "tied", "diag", "spherical"]] + [
    ("d5_n300", "full", 3, 1), ("d5_n300", "diag", 3, 1)]

out_cases = []
data = {ds["name"]: ds for ds in DATASETS}
for name, ct, k, seed in CASES:
    Xm = data[name]["X_missing"]
    d = Xm.shape[1]
    imputed = SimpleImputer(strategy="mean").fit_transform(Xm)
    init = GaussianMixture(n_components=k, covariance_type=ct, random_state=seed, max_iter=0).fit(imputed)
    w, mu, cov, covs, n_iter, converged, lb = em_missing(
        Xm, ct, init.weights_, init.means_, full_covariances(ct, init.covariances_, k, d))
    logp = log_probs(Xm[:12], w, covs, mu)
    ll = logsumexp(logp, axis=1)
    out_cases.append(dict(
        data=name, covariance_type=ct, n_components=k, random_state=seed,
        init_means=init.means_.ravel().tolist(),
        weights=w.tolist(), means=mu.ravel().tolist(), covariances=np.ravel(cov).tolist(),
        n_iter=n_iter, converged=converged, lower_bound=float(lb),
        score_samples=ll.tolist(), predict_proba=np.exp(logp - ll[:, None]).ravel().tolist()))

# The marginal log-likelihood of rows with missing coordinates under the
# first case's parameters, each term from scipy on the observed sub-vector.
first = out_cases[0]
Xm = data[first["data"]]["X_missing"]
k, d = first["n_components"], Xm.shape[1]
w = np.array(first["weights"])
mu = np.array(first["means"]).reshape(k, d)
covs = np.array(first["covariances"]).reshape(k, d, d)
rows = [int(i) for i in np.flatnonzero(np.isnan(Xm).any(axis=1))[:20]]
marginal = []
for i in rows:
    o = ~np.isnan(Xm[i])
    terms = [np.log(w[c]) + multivariate_normal(mu[c][o], covs[c][np.ix_(o, o)]).logpdf(Xm[i][o]) for c in range(k)]
    marginal.append(dict(row=i, log_likelihood=float(logsumexp(terms))))

json.dump(dict(
    _generated_by=dict(sklearn=sklearn.__version__, numpy=np.__version__, scipy=scipy.__version__,
                       script="gmmlab/testdata/gen_missing.py"),
    datasets={ds["name"]: dict(X=ds["X"].tolist(), X_missing=nan_to_null(ds["X_missing"]), share=ds["share"],
                               mask_seed=ds["mask_seed"], rows_given_back=ds["rows_given_back"].tolist())
              for ds in DATASETS},
    cases=out_cases,
    marginal=dict(case=0, rows=marginal),
), sys.stdout, indent=None, separators=(",", ":"))
