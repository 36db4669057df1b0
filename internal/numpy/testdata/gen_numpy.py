"""Generate numpy.json, the reference of internal/numpy's tests: np.sum
(pairwise summation), np.mean, np.linspace and scipy.special.logsumexp on
inputs chosen so that a different order of additions would round
differently.

Run with Debian bookworm's /usr/bin/python3 (numpy 1.24.2, scipy 1.10.1), or
`make fixtures`:

    /usr/bin/python3 internal/numpy/testdata/gen_numpy.py > internal/numpy/testdata/numpy.json

Floats are written with repr, so they round-trip exactly.
"""
import json
import sys

import numpy as np
import scipy
from scipy.special import logsumexp

rs = np.random.RandomState(2024)
sums = []
for n in [0, 1, 7, 8, 9, 16, 127, 128, 129, 255, 256, 1000, 4097]:
    # Magnitudes from 1e-8 to 1e8 with both signs: the order of the
    # additions shows in the last bits.
    x = rs.normal(size=n) * 10.0 ** rs.uniform(-8, 8, size=n)
    sums.append(dict(x=x.tolist(), sum=float(np.sum(x)), mean=float(np.mean(x)) if n else None))
linspaces = []
for start, stop, num, endpoint in [(0.0, 1.0, 5, True), (0.0, np.pi, 50, True), (0.0, 2 * np.pi, 50, False),
                                   (-3.7, 12.1, 100, True), (1e8, 1e8 + 1, 7, False), (2.5, 2.5, 4, True),
                                   (1.0, -1.0, 9, True), (0.0, 1.0, 1, True), (0.0, 1.0, 1, False),
                                   (0.0, 1.0, 0, True), (-1e-300, 1e-300, 5, True)]:
    linspaces.append(dict(start=start, stop=stop, num=num, endpoint=endpoint,
                          y=np.linspace(start, stop, num, endpoint=endpoint).tolist()))
lses = []
for v in [[0.0], [1.0, 2.0, 3.0], [-1000.0, -1000.5, -999.0], [700.0, 710.0, 705.0], [-np.inf, 0.0, -3.0],
          (rs.normal(size=40) * 300).tolist(), [-745.0, -746.0, -744.5], [1e-20, -1e-20]]:
    lses.append(dict(v=[float(x) if np.isfinite(x) else None for x in v], lse=float(logsumexp(v))))
json.dump(dict(_generated_by=dict(numpy=np.__version__, scipy=scipy.__version__), sums=sums,
               linspace=linspaces, logsumexp=lses), sys.stdout, separators=(",", ":"))
