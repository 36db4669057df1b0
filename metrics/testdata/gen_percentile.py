"""Generate percentile.json, the reference for metrics.Percentile.

Run with the system Python (numpy 1.24.2, Debian bookworm's python3-numpy):

    /usr/bin/python3 metrics/testdata/gen_percentile.py > metrics/testdata/percentile.json

Each case is an input array, percentiles q and np.percentile(x, q) for each
(method="linear", the default), written with repr so they round-trip exactly.
"""

import json
import sys

import numpy as np

rs = np.random.RandomState(3)
arrays = {
    "normal 101": rs.normal(size=101),
    "cauchy 37": rs.standard_cauchy(size=37) * 10,
    "log-likelihoods 1015": rs.normal(-3, 1.5, size=1015) - rs.exponential(2, size=1015),
    "one": np.array([5.0]),
    "two unsorted": np.array([2.0, 1.0]),
    "ties": np.array([1.0, 1.0, 1.0, 4.0, 4.0, -2.0]),
}
qs = [0, 1, 2, 2.5, 5, 25, 33.3, 50, 63.7, 97.5, 99, 100]
out = []
for name, x in arrays.items():
    out.append({
        "name": name,
        "x": [float(v) for v in x],
        "q": qs,
        "want": [float(np.percentile(x, q)) for q in qs],
    })
json.dump(out, sys.stdout)
print()
