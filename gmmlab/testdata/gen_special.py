"""Writes special.json: scipy.special's digamma, gammaln and betaln at the
arguments BayesianGaussianMixture gives them (weight concentrations and
halved degrees of freedom, from near 0 to a million), the reference of
special_test.go.

Run with Debian bookworm's /usr/bin/python3 (python3-scipy 1.10.1), or
`make fixtures`:

    /usr/bin/python3 gmmlab/testdata/gen_special.py > gmmlab/testdata/special.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.special import betaln, digamma, gammaln

# Small, near the root of digamma (1.4616...), integers (scipy sums the
# harmonic series there), around the switch points 1, 2 and 10, large,
# and a few negative non-integers (the reflection formula).
xs = sorted(set(
    [1e-300, 1e-12, 1e-6, 0.001, 0.0625, 0.25, 0.5, 0.75, 0.999999, 1.0, 1.000001, 1.25, 1.4616321449683622,
     1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 5.0, 7.25, 9.999999, 10.0, 10.000001, 10.5, 17.0, 33.3, 100.0, 101.5,
     1234.5678, 1e4, 50000.25, 1e6, 1e10, -0.5, -1.25, -7.75]
    + np.geomspace(1e-3, 1e5, 41).tolist()))
pos = [x for x in xs if x > 0]
pairs = [(a, b) for a in [1e-3, 0.1, 1.0, 1.5, 7.0, 101.5, 1e3, 2571.0, 1e5] for b in [0.01, 0.5, 1.0, 3.25, 60.0, 1e4, 1e6]]

json.dump(dict(
    _generated_by=dict(scipy=scipy.__version__, numpy=np.__version__, script="gmmlab/testdata/gen_special.py"),
    digamma=[[x, float(digamma(x))] for x in xs],
    gammaln=[[x, float(gammaln(x))] for x in pos],
    betaln=[[a, b, float(betaln(a, b))] for a, b in pairs],
), sys.stdout, indent=None, separators=(",", ":"))
