#!/usr/bin/python3
"""Gaussian mixtures on Iris with 20 % of the entries removed at random, the
Python twin of 13-missing-values.ipynb.

scikit-learn's GaussianMixture refuses NaN, so the usual workarounds are to
drop the incomplete rows or to fill the holes with the column means
(SimpleImputer); both are scikit-learn one-liners below. gmmlab's
GaussianMixture{Missing: gmmlab.Marginalize} integrates the missing
coordinates out instead, an EM scikit-learn does not have: this twin
implements it in numpy (fit_marginalized, a short function) so that the
lesson's numbers for it are compared too, started from scikit-learn's own
initialisation on the mean-imputed data as gmmlab does. Run headless. Each
"# %% cell N" section prints what cell N of the Go lesson prints; make test
compares them value by value (scripts/nbrun.py).
"""
import matplotlib

matplotlib.use("Agg")  # headless: figures are drawn but not shown on a screen
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Ellipse
from scipy.optimize import linear_sum_assignment
from scipy.special import logsumexp
from scipy.stats import multivariate_normal
from sklearn.datasets import load_iris
from sklearn.impute import SimpleImputer
from sklearn.metrics import adjusted_rand_score
from sklearn.mixture import GaussianMixture


def fmt(v, digits):
    """A list printed as Go's fmt prints []float64 with %.<digits>f."""
    return "[" + " ".join(f"{x:.{digits}f}" for x in v) + "]"


def marginal_log_probs(X, weights, means, covs):
    """log w_k + log N(x_o | mu_k[o], S_k[o, o]): each row scored on its
    observed coordinates o (full covariances)."""
    out = np.empty((len(X), len(weights)))
    for i, x in enumerate(X):
        o = ~np.isnan(x)
        for k in range(len(weights)):
            out[i, k] = np.log(weights[k]) + multivariate_normal(means[k][o], covs[k][np.ix_(o, o)]).logpdf(x[o])
    return out


def fit_marginalized(X, n_components, random_state, tol=1e-3, max_iter=100, reg_covar=1e-6):
    """EM with missing values (full covariances), as GaussianMixture{Missing:
    gmmlab.Marginalize}: returns weights, means, covariances, n_iter and the
    lower bound."""
    n, d = X.shape
    start = GaussianMixture(n_components, random_state=random_state, max_iter=0).fit(
        SimpleImputer(strategy="mean").fit_transform(X))
    w, mu, S = start.weights_, start.means_, start.covariances_
    lower_bound = -np.inf
    for n_iter in range(1, max_iter + 1):
        prev = lower_bound
        logp = marginal_log_probs(X, w, mu, S)
        ll = logsumexp(logp, axis=1)
        resp = np.exp(logp - ll[:, None])
        nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
        s1, s2 = np.zeros((n_components, d)), np.zeros((n_components, d, d))
        for i, x in enumerate(X):
            o, m = ~np.isnan(x), np.isnan(x)
            for k in range(n_components):
                # The missing coordinates: their conditional expectation given
                # the observed ones, and their conditional covariance.
                xhat, cond = x.copy(), np.zeros((d, d))
                B = S[k][np.ix_(m, o)] @ np.linalg.inv(S[k][np.ix_(o, o)])
                xhat[m] = mu[k][m] + B @ (x[o] - mu[k][o])
                cond[np.ix_(m, m)] = S[k][np.ix_(m, m)] - B @ S[k][np.ix_(o, m)]
                s1[k] += resp[i, k] * xhat
                s2[k] += resp[i, k] * (np.outer(xhat, xhat) + cond)
        mu = s1 / nk[:, None]
        S = s2 / nk[:, None, None] - np.einsum("ki,kj->kij", mu, mu) + reg_covar * np.eye(d)
        w = nk / nk.sum()
        lower_bound = ll.mean()
        if abs(lower_bound - prev) < tol:
            break
    return w, mu, S, n_iter, lower_bound


def mean_error(means):
    """The largest difference between a mean and the matched mean of the
    complete-data fit (components matched by linear_sum_assignment)."""
    cost = ((complete.means_[:, None, :] - means[None, :, :]) ** 2).sum(axis=2)
    rows, cols = linear_sum_assignment(cost)
    return np.abs(complete.means_[rows] - means[cols]).max()


# %% cell 6
iris = load_iris()
X, y = iris.data, iris.target
X_miss = X.copy()
X_miss[np.random.RandomState(0).rand(*X.shape) < 0.2] = np.nan

missing = np.isnan(X_miss).sum(axis=0)
print(f"{missing.sum()} of {X.size} entries missing ({100 * missing.sum() / X.size:.1f} %)")
print("missing per feature:", missing)
complete_rows = ~np.isnan(X_miss).any(axis=1)
print("complete rows:", complete_rows.sum(), "of", len(X))

# %% cell 8
complete = GaussianMixture(n_components=3, random_state=0).fit(X)
print("weights:", fmt(complete.weights_, 4))
print("means:")
for row in complete.means_:
    print(fmt(row, 4))
print(f"ARI against the species: {adjusted_rand_score(y, complete.predict(X)):.4f}")

# %% cell 10
dropped = GaussianMixture(n_components=3, random_state=0).fit(X_miss[complete_rows])
imputed = GaussianMixture(n_components=3, random_state=0).fit(SimpleImputer(strategy="mean").fit_transform(X_miss))
mw, mmu, mS, m_iter, m_lb = fit_marginalized(X_miss, 3, 0)
# The fitted marginalising model as a scikit-learn estimator, to predict and
# score complete rows with scikit-learn's own methods.
marginalized = GaussianMixture(n_components=3)
marginalized.weights_, marginalized.means_, marginalized.covariances_ = mw, mmu, mS
marginalized.precisions_cholesky_ = np.linalg.cholesky(np.linalg.inv(mS))
print(f"dropped:      fit on {complete_rows.sum()} rows, {dropped.n_iter_} iterations")
print(f"imputed:      fit on {len(X_miss)} rows, {imputed.n_iter_} iterations")
print(f"marginalized: fit on {len(X_miss)} rows, {m_iter} iterations, lower bound {m_lb:.6f}")
print(f"marginalized weights: {fmt(mw, 4)}")

# %% cell 12
ref = complete.predict(X)
for name, m in [("dropped", dropped), ("imputed", imputed), ("marginalized", marginalized)]:
    labels = m.predict(X)
    print(f"{name:<13} mean error {mean_error(m.means_):.4f}  ARI vs species {adjusted_rand_score(y, labels):.4f}"
          f"  ARI vs complete fit {adjusted_rand_score(ref, labels):.4f}  log-likelihood of X {m.score(X):.4f}")

# Inside the imputed fit: its clusters of the imputed flowers, and each
# component's mean and standard deviation of the petal length (feature 2).
X_imp = SimpleImputer(strategy="mean").fit_transform(X_miss)
print("imputed fit, flowers per component:", np.bincount(imputed.predict(X_imp)))
for k in range(3):
    print(f"  component {k}: petal length {imputed.means_[k, 2]:.4f} ± {np.sqrt(imputed.covariances_[k][2, 2]):.4f} cm")

# %% cell 14
logp = marginal_log_probs(X_miss, mw, mmu, mS)
labels = logp.argmax(axis=1)
print(f"marginalized, the 150 incomplete flowers: ARI vs species {adjusted_rand_score(y, labels):.4f}")
print(f"imputed, the 150 imputed flowers:         ARI vs species {adjusted_rand_score(y, imputed.predict(X_imp)):.4f}")
print(f"mean log-likelihood of the observed values: {logsumexp(logp, axis=1).mean():.4f}")
# The four incomplete flowers whose component is the least certain.
proba = np.exp(logp - logsumexp(logp, axis=1)[:, None])
incomplete = np.flatnonzero(~complete_rows)
for i in incomplete[np.argsort(proba[incomplete].max(axis=1), kind="stable")][:4]:
    gone = ", ".join(np.array(iris.feature_names)[np.isnan(X_miss[i])])
    print(f"flower {i} ({iris.target_names[y[i]]}, missing {gone}): probabilities {fmt(proba[i], 4)}")

# %% cell 16
fig, axes = plt.subplots(2, 2, figsize=(10, 8.5))
colors = ["#440154", "#21918c", "#fde725"]
for ax, (title, m) in zip(axes.ravel(), [("complete data", complete), ("incomplete rows dropped", dropped),
                                         ("mean imputation", imputed), ("Marginalize", marginalized)]):
    labels = m.predict(X)
    # Colour each component like the species it overlaps most.
    match = {k: np.bincount(y[labels == k], minlength=3).argmax() for k in np.unique(labels)}
    for k in range(3):
        cov = m.covariances_[k][np.ix_([2, 3], [2, 3])]
        lam, vec = np.linalg.eigh(cov)
        angle = np.degrees(np.arctan2(vec[1, 1], vec[0, 1]))
        for s in (1, 2, 3):
            ax.add_patch(Ellipse(m.means_[k][[2, 3]], 2 * s * np.sqrt(lam[1]), 2 * s * np.sqrt(lam[0]), angle=angle,
                                 color=colors[match.get(k, k)], alpha=0.15))
    ax.scatter(X[:, 2], X[:, 3], c=[colors[match[k]] for k in labels], s=12)
    ax.set(title=title, xlabel="petal length (cm)", ylabel="petal width (cm)")
plt.show()
