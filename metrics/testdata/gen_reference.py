"""Generate reference values for github.com/gmmlab/gmmlab/metrics.

Run with the system Python that has scikit-learn 1.2.1 and scipy installed:

    /usr/bin/python3 metrics/testdata/gen_reference.py > metrics/testdata/reference.json

Every expected number in metrics/*_test.go comes from the JSON this script
writes. Floats are written with repr, so they round-trip exactly. Values that
scikit-learn cannot produce (a NaN accuracy, or mutual_info_score of empty
input, which raises ValueError) are written as null.
"""

import json
import math
import sys

import numpy as np
import scipy
import sklearn
from scipy.optimize import linear_sum_assignment
from sklearn import metrics
from sklearn.metrics.cluster import contingency_matrix


def ints(a):
    return [int(v) for v in a]


def fnum(x):
    x = float(x)
    return None if math.isnan(x) else x


def labeling_case(name, labels_true, labels_pred):
    t = np.asarray(labels_true, dtype=np.int64)
    p = np.asarray(labels_pred, dtype=np.int64)
    c = contingency_matrix(t, p)
    case = {
        "name": name,
        "labels_true": ints(t),
        "labels_pred": ints(p),
        "contingency": [ints(row) for row in c],
        "true_classes": ints(np.unique(t)),
        "pred_classes": ints(np.unique(p)),
        "adjusted_rand": fnum(metrics.adjusted_rand_score(t, p)),
        "rand": fnum(metrics.rand_score(t, p)),
        "normalized_mutual_info": fnum(metrics.normalized_mutual_info_score(t, p)),
        "adjusted_mutual_info": fnum(metrics.adjusted_mutual_info_score(t, p)),
    }
    try:
        case["mutual_info"] = fnum(metrics.mutual_info_score(t, p))
    except ValueError:
        case["mutual_info"] = None  # sklearn raises for empty input
    h, cpl, v = metrics.homogeneity_completeness_v_measure(t, p)
    case["homogeneity"], case["completeness"], case["v_measure"] = fnum(h), fnum(cpl), fnum(v)
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            case["accuracy"] = fnum(metrics.accuracy_score(t, p))
    # Best one-to-one matching of predicted clusters (rows) to true classes
    # (columns), maximizing the number of samples that agree.
    if len(t) == 0:
        case["matched_accuracy"] = None
        case["mapping"] = []
    else:
        rows, cols = linear_sum_assignment(c.T, maximize=True)
        case["matched_accuracy"] = float(c.T[rows, cols].sum()) / len(t)
        pc, tc = np.unique(p), np.unique(t)
        case["mapping"] = [[int(pc[r]), int(tc[k])] for r, k in zip(rows, cols)]
    labels = np.unique(np.concatenate([t, p]))
    case["confusion_labels"] = ints(labels)
    case["confusion"] = [ints(row) for row in metrics.confusion_matrix(t, p, labels=labels)] if len(labels) else []
    return case


def assignment_case(name, cost):
    cost = np.asarray(cost, dtype=np.float64)
    rows, cols = linear_sum_assignment(cost)
    return {
        "name": name,
        "cost": [[float(v) for v in row] for row in cost],
        "row_ind": ints(rows),
        "col_ind": ints(cols),
        "total": float(cost[rows, cols].sum()),
    }


def noisy(rs, truth, flip, k):
    """Copy truth and replace a fraction flip of the labels with random ids."""
    pred = truth.copy()
    m = rs.rand(len(truth)) < flip
    pred[m] = rs.randint(0, k, m.sum())
    return pred


def main():
    rs = np.random.RandomState(20230117)
    cases = []
    add = lambda name, t, p: cases.append(labeling_case(name, t, p))

    add("random k=3 vs k=3, n=30", rs.randint(0, 3, 30), rs.randint(0, 3, 30))
    add("random k=2 vs k=5, n=50", rs.randint(0, 2, 50), rs.randint(0, 5, 50))
    add("random k=10 vs k=10, n=200", rs.randint(0, 10, 200), rs.randint(0, 10, 200))
    add("random k=4 vs k=7, n=1000", rs.randint(0, 4, 1000), rs.randint(0, 7, 1000))
    add("random k=20 vs k=15, n=5000", rs.randint(0, 20, 5000), rs.randint(0, 15, 5000))
    add("random k=2 vs k=2, n=8000 (nearly independent)", rs.randint(0, 2, 8000), rs.randint(0, 2, 8000))

    t = rs.randint(0, 4, 60)
    perm = np.array([2, 0, 3, 1])
    add("identical", t, t)
    add("permuted identical", t, perm[t])
    add("permuted identical, shifted ids", t, perm[t] * 10 + 5)

    add("one cluster both", [3] * 12, [7] * 12)
    add("one true class, random pred", [0] * 25, rs.randint(0, 4, 25))
    add("random true, one pred cluster", rs.randint(0, 4, 25), [1] * 25)
    add("all singletons both", np.arange(15), rs.permutation(15))
    add("singletons vs one cluster", np.arange(10), [0] * 10)
    add("one cluster vs singletons", [0, 0, 0, 0], [0, 1, 2, 3])

    add("non-contiguous ids", rs.choice([7, 10, 42, 1000], 40), rs.choice([3, 99, 5], 40))
    add("negative ids", rs.choice([-5, -1, 0, 2], 40), rs.choice([-100, -3, 8], 40))
    add("huge ids", rs.choice([-(1 << 40), 0, 1 << 40], 30), rs.choice([1 << 50, -(1 << 50)], 30))

    truth = np.repeat([0, 1, 2], [90, 9, 1])
    add("unequal sizes 90/9/1", truth, noisy(rs, truth, 0.1, 3))

    blobs = np.repeat([0, 1, 2], 50)
    add("three blobs, permuted with errors", blobs, np.array([1, 2, 0])[noisy(rs, blobs, 0.05, 3)])
    add("three blobs, five clusters", blobs, np.where(rs.rand(150) < 0.2, rs.randint(3, 5, 150), np.array([4, 0, 2])[blobs]))
    add("five classes, two clusters", np.repeat(np.arange(5), 8), np.repeat([0, 0, 1, 1, 1], 8))

    add("sklearn doc: complete not pure", [0, 0, 1, 2], [0, 0, 1, 1])
    add("sklearn doc: pure not complete", [0, 0, 1, 1], [0, 0, 1, 2])
    add("sklearn doc: discordant", [0, 0, 1, 1], [0, 1, 0, 1])
    add("empty", [], [])
    add("single sample", [4], [9])
    add("two samples, split vs joined", [1, 2], [3, 3])
    add("two samples, both split", [1, 2], [3, 4])

    assigns = []
    adda = lambda name, cost: assigns.append(assignment_case(name, cost))
    adda("uniform 3x3", rs.rand(3, 3))
    adda("uniform 5x5", rs.rand(5, 5))
    adda("normal 10x10", rs.randn(10, 10))
    adda("uniform 50x50", rs.rand(50, 50))
    adda("wide 3x5", rs.rand(3, 5))
    adda("tall 5x3", rs.rand(5, 3))
    adda("row 1x4", rs.rand(1, 4))
    adda("column 4x1", rs.rand(4, 1))
    adda("tall 20x7", rs.randn(20, 7) * 100)
    adda("wide 7x20", rs.randn(7, 20) * 100)
    adda("integers with ties 6x6", rs.randint(0, 3, (6, 6)))
    adda("integers with ties 4x7", rs.randint(0, 2, (4, 7)))
    adda("all equal 4x4", np.ones((4, 4)))
    adda("classic 3x3", [[4, 1, 3], [2, 0, 5], [3, 2, 2]])
    adda("large magnitude 6x6", rs.rand(6, 6) * 1e12 - 5e11)

    out = {
        "generator": "metrics/testdata/gen_reference.py",
        "sklearn_version": sklearn.__version__,
        "scipy_version": scipy.__version__,
        "numpy_version": np.__version__,
        "labelings": cases,
        "assignments": assigns,
    }
    # One case per line keeps diffs of this file readable.
    sys.stdout.write("{\n")
    for key in ("generator", "sklearn_version", "scipy_version", "numpy_version"):
        sys.stdout.write(" %s: %s,\n" % (json.dumps(key), json.dumps(out[key])))
    for key in ("labelings", "assignments"):
        sys.stdout.write(" %s: [\n" % json.dumps(key))
        rows = [json.dumps(c) for c in out[key]]
        sys.stdout.write(",\n".join("  " + r for r in rows))
        sys.stdout.write("\n ]%s\n" % ("," if key == "labelings" else ""))
    sys.stdout.write("}\n")


if __name__ == "__main__":
    main()
