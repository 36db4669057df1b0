"""Generate reference values for github.com/gmmlab/gmmlab/datagen.

Run with the system Python that has scikit-learn 1.2.1 and numpy 1.24.2
(Debian bookworm's python3-sklearn, python3-numpy):

    /usr/bin/python3 datagen/testdata/gen_reference.py > datagen/testdata/reference.json

Every expected number in datagen/*_test.go that is not in make_blobs.json or
numpy_tutorial.json (both copied from the lab's shared reference outputs)
comes from the JSON this script writes. Floats are written with repr, so
they round-trip exactly.

make_moons and make_circles place points with np.cos and np.sin. On a CPU
with AVX-512 (like the one these files were made on) numpy 1.24 computes
those with Intel's SVML, elsewhere with the C library (glibc), and the two
differ in the last bit. So the shapes are written twice: make_moons and
make_circles with numpy as it runs here (SVML), and make_moons_libm and
make_circles_libm from a child process with AVX-512 dispatch disabled
(NPY_DISABLE_CPU_FEATURES), which is what numpy computes on a CPU without
AVX-512 and what datagen computes with cgo.
"""

NO_AVX512 = "AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"

import json
import os
import subprocess
import sys

import numpy as np
import sklearn
from sklearn.datasets import load_iris, make_blobs, make_circles, make_moons
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import MinMaxScaler, StandardScaler


def mat(a):
    return [[float(v) for v in row] for row in np.asarray(a)]


def ints(a):
    return [int(v) for v in a]


def moons():
    cases = []
    for params in [
        dict(n_samples=100, random_state=0),
        dict(n_samples=100, noise=0.1, random_state=0),
        dict(n_samples=500, noise=0.05, random_state=170),
        dict(n_samples=7, noise=0.3, random_state=3),
        dict(n_samples=1, noise=0.1, random_state=1),
        dict(n_samples=2, random_state=4),
        dict(n_samples=31, noise=0.2, shuffle=False, random_state=42),
    ]:
        X, y = make_moons(**params)
        cases.append(dict(params=params, X=mat(X), y=ints(y)))
    return cases


def circles():
    cases = []
    for params in [
        dict(n_samples=100, random_state=0),
        dict(n_samples=100, noise=0.05, factor=0.5, random_state=0),
        dict(n_samples=500, noise=0.05, factor=0.5, random_state=170),
        dict(n_samples=9, noise=0.2, factor=0.3, random_state=11),
        dict(n_samples=1, random_state=2),
        dict(n_samples=40, noise=0.1, factor=0.1, shuffle=False, random_state=5),
    ]:
        X, y = make_circles(**params)
        cases.append(dict(params=params, X=mat(X), y=ints(y)))
    return cases


def blobs_extra():
    """make_blobs cases beyond the shared ones: the list form of n_samples,
    another center_box, one feature, cluster_std per center with explicit
    centers."""
    cases = []
    for params in [
        dict(n_samples=[10, 20, 5], random_state=3),
        dict(n_samples=[4, 6], centers=[[1.0, 2.0], [-3.0, 0.5]], cluster_std=[0.1, 2.0], random_state=9),
        dict(n_samples=25, n_features=1, centers=2, center_box=(0.0, 1.0), random_state=1),
        dict(n_samples=7, centers=5, random_state=2),
    ]:
        X, y = make_blobs(**params)
        p = dict(params)
        if "center_box" in p:
            p["center_box"] = list(p["center_box"])
        cases.append(dict(params=p, X=mat(X), y=ints(y)))
    return cases


def aniso():
    """The transform of scikit-learn's plot_kmeans_assumptions example."""
    X, _ = make_blobs(n_samples=1500, random_state=170)
    A = [[0.6, -0.6], [-0.4, 0.8]]
    return dict(blobs=dict(n_samples=1500, random_state=170), A=A, X=mat(np.dot(X, A)))


def splits():
    cases = []
    rs = np.random.RandomState(123)
    for n, d, test_size, seed, with_y in [
        (10, 2, 0.25, 0, True),
        (100, 3, 0.2, 42, True),
        (150, 4, 0.3, 1, True),
        (7, 1, 0.5, 3, False),
        (1500, 2, 0.25, 170, True),
        (33, 2, 0.1, 2**32 - 1, True),
        (20, 2, 5, 7, True),  # int test_size: a count of test samples
    ]:
        X = rs.normal(0, 1, size=(n, d))
        y = rs.randint(0, 3, size=n)
        if with_y:
            Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=test_size, random_state=seed)
        else:
            Xtr, Xte = train_test_split(X, test_size=test_size, random_state=seed)
            ytr = yte = None
        cases.append(
            dict(
                test_size=test_size,
                random_state=seed,
                X=mat(X),
                y=ints(y) if with_y else None,
                X_train=mat(Xtr),
                X_test=mat(Xte),
                y_train=ints(ytr) if with_y else None,
                y_test=ints(yte) if with_y else None,
            )
        )
    return cases


def scalers():
    rs = np.random.RandomState(5)
    datas = {
        "normal": rs.normal(3, 2, size=(50, 3)),
        "constant_column": np.column_stack([rs.uniform(-1, 1, 20), np.full(20, 7.25), rs.normal(0, 1e-3, 20)]),
        "large_offset": rs.normal(1e6, 1.0, size=(30, 2)),
        "one_row": np.array([[1.0, -2.0, 3.5]]),
    }
    X_new = {
        "normal": rs.normal(0, 5, size=(4, 3)),
        "constant_column": rs.normal(0, 5, size=(4, 3)),
        "large_offset": rs.normal(1e6, 5, size=(4, 2)),
        "one_row": rs.normal(0, 5, size=(4, 3)),
    }
    cases = []
    for name, X in datas.items():
        ss = StandardScaler().fit(X)
        case = dict(
            name=name,
            X=mat(X),
            X_new=mat(X_new[name]),
            standard=dict(
                mean=[float(v) for v in ss.mean_],
                var=[float(v) for v in ss.var_],
                scale=[float(v) for v in ss.scale_],
                transform=mat(ss.transform(X)),
                transform_new=mat(ss.transform(X_new[name])),
                inverse_new=mat(ss.inverse_transform(X_new[name])),
            ),
        )
        for label, kw in [("minmax", {}), ("minmax_m1_1", dict(feature_range=(-1, 1))), ("minmax_clip", dict(clip=True))]:
            mm = MinMaxScaler(**kw).fit(X)
            case[label] = dict(
                feature_range=list(mm.feature_range),
                clip=mm.clip,
                data_min=[float(v) for v in mm.data_min_],
                data_max=[float(v) for v in mm.data_max_],
                scale=[float(v) for v in mm.scale_],
                min=[float(v) for v in mm.min_],
                transform=mat(mm.transform(X)),
                transform_new=mat(mm.transform(X_new[name])),
                inverse_new=mat(mm.inverse_transform(X_new[name])),
            )
        cases.append(case)
    return cases


def iris():
    d = load_iris()
    return dict(
        feature_names=list(d.feature_names),
        target_names=[str(s) for s in d.target_names],
        data=mat(d.data),
        target=ints(d.target),
    )


if os.environ.get("GEN_SHAPES_ONLY"):
    json.dump(dict(make_moons=moons(), make_circles=circles()), sys.stdout)
    sys.exit(0)

libm = json.loads(
    subprocess.run(
        [sys.executable, __file__],
        env=dict(os.environ, GEN_SHAPES_ONLY="1", NPY_DISABLE_CPU_FEATURES=NO_AVX512),
        check=True,
        capture_output=True,
    ).stdout
)

json.dump(
    dict(
        _generated_by=dict(sklearn=sklearn.__version__, numpy=np.__version__, script="datagen/testdata/gen_reference.py"),
        make_moons=moons(),
        make_circles=circles(),
        make_moons_libm=libm["make_moons"],
        make_circles_libm=libm["make_circles"],
        make_blobs_extra=blobs_extra(),
        aniso=aniso(),
        train_test_split=splits(),
        scalers=scalers(),
        iris=iris(),
    ),
    sys.stdout,
)
sys.stdout.write("\n")
