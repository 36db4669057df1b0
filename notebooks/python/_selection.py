"""The model-selection table the Go lessons print (gmmlab's Selection.String),
for the twins: one row per fitted model with its BIC, AIC and ICL, the
lowest BIC marked. ICL is mclust's: BIC plus twice the entropy of the hard
classification, -2 * sum(log(max responsibility))."""

import numpy as np


def icl(model, X):
    return model.bic(X) - 2 * np.log(model.predict_proba(X).max(axis=1)).sum()


def print_selection(models, X):
    """models: (covariance_type, n_components, fitted GaussianMixture), in grid order."""
    bics = [m.bic(X) for _, _, m in models]
    best = int(np.argmin(bics))
    print(f"{'covariance':<10} {'K':>5} {'BIC':>14} {'AIC':>14} {'ICL':>14}")
    for i, (cov_type, n, m) in enumerate(models):
        mark = "  ← best BIC" if i == best else ""
        print(f"{cov_type:<10} {n:>5} {bics[i]:14.3f} {m.aic(X):14.3f} {icl(m, X):14.3f}{mark}")
