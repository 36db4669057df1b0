"""Writes mixture_nd.json: scikit-learn 1.2.1's mixture estimators on data
with 1 to 7 features, the reference of parity_nd_test.go and
bayesian_test.go.

gaussian_mixture.json holds 2-D fits only, and the covariance kernels have
separate two-feature branches; these cases reach the general ones: odd D,
N neither a multiple of 4 nor of the pass's chunk of 256 rows (and above
2048 rows for two data sets, so that the pass runs in parallel blocks),
every covariance type with every initialisation method, restarts whose
lower bounds tie, and the values the API spells gmmlab.Zero (max_iter=0,
tol=0, reg_covar=0).

Run with Debian bookworm's /usr/bin/python3 (python3-sklearn 1.2.1, numpy
1.24.2), or `make fixtures`:

    /usr/bin/python3 gmmlab/testdata/gen_mixture_nd.py > gmmlab/testdata/mixture_nd.json

datasets[name] holds the make_blobs arguments and X. cases[i] names its
estimator, its data set and its keyword arguments, and holds what the fit
reported (expect) or the error it raised (error). expect has the fitted
attributes every estimator shares (weights, means, covariances and
precisions_cholesky in scikit-learn's shape for the covariance type,
converged, n_iter, lower_bound, null for -inf), whether fit warned
(convergence_warning), predict(X) (labels), predict_proba and score_samples
of the first and last three rows, score, sample(7), and the estimator's own extras
(EXTRAS: bic and aic for GaussianMixture; for BayesianGaussianMixture the
posterior's weight_concentration_ (a list of one or two arrays),
mean_precision_ and degrees_of_freedom_ (K values, Tied's one repeated), and
the priors the fit resolved). A case may continue a warm start: warm_from
holds the keyword arguments of a first fit of the same estimator with
warm_start=True, and the case's fit continues it on the same data.

BayesianGaussianMixture's cases (BAYES_CASES) cover both weight priors with
every covariance type on data with 1, 2, 3, 5, 6 and 7 features, each
(covariance type, prior type) with every initialisation method, restarts,
warm starts, max_iter=0, tol=0, reg_covar=0, a given prior of every kind,
and components switched off by a small concentration prior.

OpenBLAS picks its kernels by CPU and they round matrix products differently
in the last bits, so the script asks for its Haswell kernels (any x86-64 CPU
with AVX2 runs them), as every generator here does.
"""
import os

os.environ["OPENBLAS_CORETYPE"] = "Haswell"

import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.datasets import make_blobs  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.mixture import BayesianGaussianMixture, GaussianMixture  # noqa: E402

ESTIMATORS = {"GaussianMixture": GaussianMixture, "BayesianGaussianMixture": BayesianGaussianMixture}

DATASETS = {
    "d1_n2053": dict(n_samples=2053, n_features=1, centers=3, cluster_std=2.0, random_state=11),
    "d3_n1001": dict(n_samples=1001, n_features=3, centers=4, cluster_std=1.3, random_state=21),
    # The restarts of the tie case below reach the same optimum with the
    # components in another order: scikit-learn's two lower bounds are
    # equal, gmmlab's a few ulps apart.
    "d4_n1001": dict(n_samples=1001, n_features=4, centers=5, random_state=1),
    "d5_n2571": dict(n_samples=2571, n_features=5, centers=3, cluster_std=2.5, random_state=5),
    "d7_n767": dict(n_samples=767, n_features=7, centers=4, cluster_std=2.0, random_state=7),
    "d2_n1533": dict(n_samples=1533, n_features=2, centers=4, cluster_std=1.5, random_state=31),
    "d6_n2301": dict(n_samples=2301, n_features=6, centers=3, cluster_std=2.0, random_state=61),
}

COV = ["full", "tied", "diag", "spherical"]
INIT = ["kmeans", "k-means++", "random", "random_from_data"]

CASES = []
# Every covariance type on every data set but the tie case, the init
# methods rotated so that each (covariance type, init) pair appears once.
for i, (data, k) in enumerate([("d1_n2053", 3), ("d3_n1001", 4), ("d5_n2571", 3), ("d7_n767", 4),
                                ("d6_n2301", 3), ("d2_n1533", 4)]):
    for j, ct in enumerate(COV):
        init = INIT[(i + j) % 4]
        CASES.append((f"{data}_{ct}_{init}", "GaussianMixture", data,
                      dict(n_components=k, covariance_type=ct, init_params=init, random_state=100 + 10 * i + j)))
CASES += [
    ("d3_n1001_full_ninit3", "GaussianMixture", "d3_n1001", dict(n_components=4, n_init=3, random_state=5)),
    ("d4_n1001_full_ninit2_tie", "GaussianMixture", "d4_n1001", dict(n_components=5, n_init=2, random_state=0)),
    # The best of three restarts (the first) stops at max_iter; the third
    # converges: scikit-learn 1.2.1's converged_ is True, and it does not
    # warn.
    ("d3_n1001_full_ninit3_best_unconverged", "GaussianMixture", "d3_n1001",
     dict(n_components=3, n_init=3, max_iter=2, init_params="random", random_state=1)),
    # gmmlab.Zero: max_iter=0 (the initialisation itself), tol=0 (every
    # iteration runs), reg_covar=0.
    ("d5_n2571_full_tol0", "GaussianMixture", "d5_n2571", dict(n_components=3, tol=0.0, max_iter=25, random_state=3)),
    ("d7_n767_diag_reg0", "GaussianMixture", "d7_n767", dict(n_components=4, covariance_type="diag", reg_covar=0.0, random_state=4)),
    ("d7_n767_full_reg0", "GaussianMixture", "d7_n767", dict(n_components=4, reg_covar=0.0, random_state=4)),
]
for ct, init in zip(COV, INIT):
    CASES.append((f"d3_n1001_{ct}_{init}_iter0", "GaussianMixture", "d3_n1001",
                  dict(n_components=4, covariance_type=ct, init_params=init, max_iter=0, n_init=2, random_state=8)))

# reg_covar=0 on data where each component collapses onto identical points:
# scikit-learn raises; gmmlab returns ErrIllDefined. (Not spherical: there
# scikit-learn's variance of identical points rounds to 1.9e-16, not 0, so
# it fits, and only rounding decides.)
COLLAPSED = np.repeat(np.array([[0.0, 1.0, 2.0], [5.0, 5.0, 5.0]]), [6, 5], axis=0)
COLLAPSED_CASES = [("collapsed_reg0_" + ct, "GaussianMixture", dict(n_components=2, covariance_type=ct, reg_covar=0.0, random_state=0))
                   for ct in ["full", "tied", "diag"]]

# BayesianGaussianMixture: every covariance type with both weight priors on
# six data sets (D = 1, 2, 3, 5, 6, 7; N = 2053, 2571 and 2301 above 2048),
# more components than centres so that the surplus ones switch off, the
# init methods rotated so that each (covariance type, prior type) meets
# every one of them.
PRIORS = ["dirichlet_process", "dirichlet_distribution"]
BAYES_DATA = [("d1_n2053", 5), ("d2_n1533", 6), ("d3_n1001", 6), ("d5_n2571", 5), ("d6_n2301", 7), ("d7_n767", 6)]
for i, (data, k) in enumerate(BAYES_DATA):
    for j, ct in enumerate(COV):
        for p, prior in enumerate(PRIORS):
            init = INIT[(i + j + 2 * p) % 4]
            CASES.append((f"bayes_{data}_{ct}_{prior[10:]}_{init}", "BayesianGaussianMixture", data,
                          dict(n_components=k, covariance_type=ct, weight_concentration_prior_type=prior,
                               init_params=init, random_state=200 + 10 * i + 2 * j + p)))
DP, DD = PRIORS
CASES += [
    # Restarts.
    ("bayes_d3_n1001_full_process_ninit3", "BayesianGaussianMixture", "d3_n1001",
     dict(n_components=6, n_init=3, random_state=7)),
    ("bayes_d5_n2571_diag_distribution_ninit2", "BayesianGaussianMixture", "d5_n2571",
     dict(n_components=5, covariance_type="diag", weight_concentration_prior_type=DD, n_init=2,
          init_params="random", random_state=8)),
    # max_iter=0 (gmmlab.Zero): the last of two initialisations, lower_bound_ -inf.
    ("bayes_d3_n1001_full_process_iter0", "BayesianGaussianMixture", "d3_n1001",
     dict(n_components=5, max_iter=0, n_init=2, init_params="k-means++", random_state=9)),
    ("bayes_d7_n767_spherical_distribution_iter0", "BayesianGaussianMixture", "d7_n767",
     dict(n_components=5, covariance_type="spherical", weight_concentration_prior_type=DD, max_iter=0,
          init_params="random_from_data", random_state=9)),
    # tol=0 (every iteration runs) and reg_covar=0 (the prior keeps the covariances positive definite).
    ("bayes_d4_n1001_tied_distribution_tol0", "BayesianGaussianMixture", "d4_n1001",
     dict(n_components=6, covariance_type="tied", weight_concentration_prior_type=DD, tol=0.0, max_iter=15,
          random_state=10)),
    ("bayes_d2_n1533_full_process_reg0", "BayesianGaussianMixture", "d2_n1533",
     dict(n_components=6, reg_covar=0.0, init_params="random", random_state=11)),
    # Small and large concentration priors: surplus components switched off, or kept.
    ("bayes_d2_n1533_full_process_switchoff", "BayesianGaussianMixture", "d2_n1533",
     dict(n_components=10, weight_concentration_prior=0.01, init_params="random", max_iter=300, random_state=12)),
    ("bayes_d3_n1001_diag_distribution_gamma1000", "BayesianGaussianMixture", "d3_n1001",
     dict(n_components=7, covariance_type="diag", weight_concentration_prior_type=DD,
          weight_concentration_prior=1000.0, random_state=13)),
    ("bayes_d3_n1001_full_distribution_gamma0.001", "BayesianGaussianMixture", "d3_n1001",
     dict(n_components=7, weight_concentration_prior_type=DD, weight_concentration_prior=0.001,
          init_params="random", max_iter=500, random_state=14)),
    # The other priors, given: mean precision and mean, degrees of freedom, and
    # a covariance prior of each type's shape.
    ("bayes_d5_n2571_full_process_meanprior", "BayesianGaussianMixture", "d5_n2571",
     dict(n_components=5, mean_precision_prior=10.0, mean_prior=[1.0, -2.0, 0.5, 3.0, -1.5], random_state=15)),
    ("bayes_d7_n767_diag_process_dof", "BayesianGaussianMixture", "d7_n767",
     dict(n_components=6, covariance_type="diag", degrees_of_freedom_prior=10.5, mean_precision_prior=0.05,
          random_state=16)),
    ("bayes_d6_n2301_spherical_distribution_dof", "BayesianGaussianMixture", "d6_n2301",
     dict(n_components=5, covariance_type="spherical", weight_concentration_prior_type=DD,
          degrees_of_freedom_prior=5.25, random_state=17)),
    ("bayes_d3_n1001_full_process_covprior", "BayesianGaussianMixture", "d3_n1001",
     dict(n_components=6, covariance_prior=[[2.0, 0.5, 0.0], [0.5, 1.0, -0.25], [0.0, -0.25, 1.5]],
          init_params="k-means++", random_state=18)),
    ("bayes_d4_n1001_tied_process_covprior", "BayesianGaussianMixture", "d4_n1001",
     dict(n_components=6, covariance_type="tied",
          covariance_prior=[[1.0, 0.2, 0.0, 0.0], [0.2, 1.0, 0.0, 0.1], [0.0, 0.0, 0.5, 0.0], [0.0, 0.1, 0.0, 2.0]],
          random_state=19)),
    ("bayes_d5_n2571_diag_distribution_covprior", "BayesianGaussianMixture", "d5_n2571",
     dict(n_components=5, covariance_type="diag", weight_concentration_prior_type=DD,
          covariance_prior=[0.5, 1.0, 2.0, 0.25, 4.0], init_params="random_from_data", random_state=20)),
    ("bayes_d7_n767_spherical_process_covprior", "BayesianGaussianMixture", "d7_n767",
     dict(n_components=6, covariance_type="spherical", covariance_prior=0.5, init_params="random",
          random_state=21)),
]

# Warm starts: (name, data, first fit's arguments, the continuing fit's).
# The second continues the first's posterior with its own priors.
WARM_CASES = [
    ("bayes_d4_n1001_full_process_warm", "d4_n1001",
     dict(n_components=6, max_iter=3, random_state=22), dict(n_components=6, random_state=22)),
    ("bayes_d6_n2301_diag_distribution_warm_newprior", "d6_n2301",
     dict(n_components=5, covariance_type="diag", weight_concentration_prior_type=DD, max_iter=4,
          init_params="random", random_state=23),
     dict(n_components=5, covariance_type="diag", weight_concentration_prior_type=DD,
          weight_concentration_prior=5.0, mean_precision_prior=2.0, random_state=23)),
]


def bayes_extras(est, X):
    wc = est.weight_concentration_
    k = est.n_components
    cp = est.covariance_prior_
    return dict(
        weight_concentration=[a.tolist() for a in wc] if isinstance(wc, tuple) else [wc.tolist()],
        mean_precision=est.mean_precision_.tolist(),
        degrees_of_freedom=np.broadcast_to(est.degrees_of_freedom_, (k,)).tolist(),
        weight_concentration_prior=float(est.weight_concentration_prior_),
        mean_precision_prior=float(est.mean_precision_prior_),
        mean_prior=est.mean_prior_.tolist(),
        degrees_of_freedom_prior=float(est.degrees_of_freedom_prior_),
        covariance_prior=np.asarray(cp, dtype=float).tolist(),
    )


EXTRAS = {
    "GaussianMixture": lambda est, X: dict(bic=float(est.bic(X)), aic=float(est.aic(X))),
    "BayesianGaussianMixture": bayes_extras,
}


def arrays(params):
    """The keyword arguments with lists (priors) as numpy arrays."""
    return {k: np.array(v) if isinstance(v, list) else v for k, v in params.items()}


def finite_or_none(v):
    v = float(v)
    return v if math.isfinite(v) else None


def expect(est, X, warned):
    rows = np.r_[0:3, len(X) - 3:len(X)]
    out = dict(
        weights=est.weights_.tolist(), means=est.means_.tolist(), covariances=est.covariances_.tolist(),
        precisions_cholesky=est.precisions_cholesky_.tolist(), converged=bool(est.converged_),
        n_iter=int(est.n_iter_), lower_bound=finite_or_none(est.lower_bound_), convergence_warning=warned,
        labels=est.predict(X).tolist(), rows=rows.tolist(), proba=est.predict_proba(X[rows]).tolist(),
        score_samples=est.score_samples(X[rows]).tolist(), score=float(est.score(X)),
    )
    Xs, ys = est.sample(7)
    out.update(sample_X=Xs.tolist(), sample_y=ys.tolist())
    out.update(EXTRAS[type(est).__name__](est, X))
    return out


def fit(estimator, params, X, warm_from=None):
    est = ESTIMATORS[estimator](**arrays(params))
    if warm_from is not None:
        # The first fit, then the case's settings (the first's others back
        # to their defaults) on the fitted estimator.
        defaults = ESTIMATORS[estimator]().get_params()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            est = ESTIMATORS[estimator](warm_start=True, **arrays(warm_from)).fit(X)
        est.set_params(**{k: defaults[k] for k in warm_from if k not in params}, **arrays(params))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        est.fit(X)
    warned = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return expect(est, X, warned)


datasets = {}
for name, params in DATASETS.items():
    X, _ = make_blobs(**params)
    datasets[name] = dict(make_blobs=params, X=X.tolist())
datasets["collapsed"] = dict(make_blobs=None, X=COLLAPSED.tolist())

cases = []
for name, estimator, data, params in CASES:
    X = np.array(datasets[data]["X"])
    cases.append(dict(name=name, estimator=estimator, data=data, params=params, expect=fit(estimator, params, X)))
for name, data, first, params in WARM_CASES:
    X = np.array(datasets[data]["X"])
    cases.append(dict(name=name, estimator="BayesianGaussianMixture", data=data, params=params, warm_from=first,
                      expect=fit("BayesianGaussianMixture", params, X, warm_from=first)))
for name, estimator, params in COLLAPSED_CASES:
    try:
        ESTIMATORS[estimator](**params).fit(COLLAPSED)
        raise SystemExit(name + ": scikit-learn did not raise")
    except ValueError as e:
        cases.append(dict(name=name, estimator=estimator, data="collapsed", params=params, error=str(e)))

json.dump(dict(_generated_by=dict(sklearn=sklearn.__version__, numpy=np.__version__,
                                  script="gmmlab/testdata/gen_mixture_nd.py"),
               datasets=datasets, cases=cases), sys.stdout, separators=(",", ":"))
