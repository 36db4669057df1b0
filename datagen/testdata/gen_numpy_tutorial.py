"""Generate numpy_tutorial.json: the two groups of the quick-start tutorial,
np.random.seed(0) then normal(0, 1, (100, 2)) and normal(5, 1, (100, 2)).

Run with the system Python (Debian bookworm's numpy 1.24.2 and
scikit-learn 1.2.1), or `make fixtures`:

    /usr/bin/python3 datagen/testdata/gen_numpy_tutorial.py > datagen/testdata/numpy_tutorial.json
"""
import json
import sys

import numpy as np
import sklearn

np.random.seed(0)
group1 = np.random.normal(0, 1, (100, 2))
group2 = np.random.normal(5, 1, (100, 2))
json.dump(dict(tutorial_two_groups=dict(group1=group1.tolist(), group2=group2.tolist()),
               _generated_by=dict(sklearn=sklearn.__version__, numpy=np.__version__)), sys.stdout)
