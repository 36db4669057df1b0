#!/usr/bin/python3
"""Writes numpy_random.json: what np.random.RandomState(seed) returns from a
fixed sequence of calls, each continuing the same stream, for several seeds,
and the quick-start tutorial's two groups (a copy of the lab's shared
reference outputs, which this script reproduces byte for byte).

Run with Debian bookworm's numpy 1.24.2 (python3-numpy), or `make fixtures`:

    /usr/bin/python3 gen_numpy_random.py > numpy_random.json
"""
import json
import sys

import numpy as np
import sklearn


def stream(seed):
    rs = np.random.RandomState(seed)
    return dict(
        seed=seed,
        random_sample_5=rs.random_sample(5).tolist(),
        normal_0_1_3x2=rs.normal(0, 1, size=(3, 2)).tolist(),
        uniform_m10_10_3x2=rs.uniform(-10, 10, size=(3, 2)).tolist(),
        randint_0_100_8=rs.randint(0, 100, 8).tolist(),
        permutation_10=rs.permutation(10).tolist(),
        choice_10_3_noreplace=rs.choice(10, 3, replace=False).tolist(),
        choice_5_6_p=rs.choice(5, 6, p=[0.1, 0.2, 0.3, 0.25, 0.15]).tolist(),
        multinomial_100=rs.multinomial(100, [0.2, 0.3, 0.5]).tolist(),
        standard_normal_after_all_4=rs.standard_normal(4).tolist(),
    )


np.random.seed(0)
group1 = np.random.normal(0, 1, (100, 2))
group2 = np.random.normal(5, 1, (100, 2))
json.dump(dict(streams=[stream(s) for s in [0, 1, 42, 170, 2**32 - 1]],
               tutorial_two_groups=dict(group1=group1.tolist(), group2=group2.tolist()),
               _generated_by=dict(sklearn=sklearn.__version__, numpy=np.__version__)),
          sys.stdout, separators=(",", ":"))
