#!/usr/bin/python3
"""Writes numpy_extra.json: reference streams from numpy's legacy RandomState.

Run with Debian bookworm's numpy 1.24.2 (python3-numpy, x86-64, glibc 2.36):

    /usr/bin/python3 gen_extra.py > numpy_extra.json

Each case seeds np.random.RandomState(seed) once and then makes its steps in
order on that one stream, so a step also checks how many words the steps
before it consumed. Integers are written as JSON integers and floats with
repr's shortest round-trip digits, so the Go test can compare with ==.
"""
import json
import sys

import numpy as np

assert np.__version__ == "1.24.2", np.__version__


def run(seed, steps):
    rs = np.random.RandomState(seed)
    out = []
    for op, args in steps:
        if op == "raw":
            got = rs._bit_generator.random_raw(args[0])
        elif op == "random_sample":
            got = rs.random_sample(args[0])
        elif op == "standard_normal":
            got = rs.standard_normal(args[0])
        elif op == "normal":
            got = rs.normal(args[0], args[1], args[2])
        elif op == "uniform":
            got = rs.uniform(args[0], args[1], args[2])
        elif op == "randint":
            got = rs.randint(args[0], args[1], args[2])
            assert got.dtype == np.int64
        elif op == "randint_scalar":
            got = [rs.randint(args[0], args[1])]
        elif op == "permutation":
            got = rs.permutation(args[0])
        elif op == "shuffle":
            got = np.arange(args[0])
            rs.shuffle(got)
        elif op == "choice":
            got = rs.choice(args[0], args[1], replace=args[2], p=args[3])
        elif op == "multinomial":
            got = rs.multinomial(args[0], args[1])
        elif op == "binomial":
            got = rs.binomial(args[0], args[1], args[2])
        else:
            raise ValueError(op)
        out.append({"op": op, "args": args,
                    "want": [x.item() if hasattr(x, "item") else x for x in np.asarray(got).ravel()]})
    return {"seed": seed, "steps": out}


cases = {
    "raw_words": run(5489, [("raw", [700])]),  # crosses one regeneration
    "randint_ranges": run(7, [
        ("randint", [0, 2**40, 20]),          # 64-bit masked path
        ("randint", [-2**62, 2**62, 10]),
        ("randint", [-2**63, 2**63 - 1, 10]),  # widest int64 range
        ("randint", [0, 2**32, 10]),          # rng 0xFFFFFFFF: raw word
        ("randint", [0, 2**32 + 1, 10]),      # first range past 32 bits
        ("randint", [0, 2**31, 10]),
        ("randint", [0, 2**31 + 1, 10]),
        ("randint", [5, 6, 5]),               # one value: draws nothing
        ("randint", [1000, 1017, 12]),        # low > 0
        ("randint", [-50, -3, 12]),
        ("randint_scalar", [3, 100]),
        ("randint", [0, 3, 30]),
        ("random_sample", [3]),
    ]),
    "permutations": run(2024, [
        ("permutation", [1000]),
        ("shuffle", [37]),
        ("permutation", [1]),
        ("permutation", [2]),
        ("random_sample", [2]),
    ]),
    "choices": run(99, [
        ("choice", [10, 25, True, None]),
        ("choice", [7, 12, True, [0.05, 0.1, 0.2, 0.3, 0.15, 0.1, 0.1]]),
        ("choice", [6, 4, False, [0.3, 0.0, 0.25, 0.05, 0.2, 0.2]]),
        ("choice", [200, 30, False, None]),
        ("choice", [50, 50, False, None]),
        ("choice", [4, 4, False, [0.7, 0.1, 0.1, 0.1]]),
        ("random_sample", [2]),
    ]),
    "binomials": run(314, [
        ("binomial", [1000, 0.3, 40]),       # BTPE
        ("binomial", [1000, 0.7, 40]),       # BTPE on 1-p
        ("binomial", [50, 0.9, 40]),         # inversion on 1-p
        ("binomial", [20, 0.25, 40]),        # inversion
        ("binomial", [1000000, 0.4, 40]),    # BTPE far tails
        ("binomial", [0, 0.5, 3]),           # legacy draws even for n == 0
        ("binomial", [10, 0.0, 3]),
        ("binomial", [10, 1.0, 3]),
        ("binomial", [100, 0.5, 40]),
        ("random_sample", [2]),
    ]),
    "multinomials": run(2718, [
        ("multinomial", [1000, [0.2, 0.3, 0.5]]),
        ("multinomial", [100000, [0.1] * 10]),
        ("multinomial", [500, [0.0, 0.5, 0.0, 0.5]]),
        ("multinomial", [60, [0.9, 0.05, 0.05]]),
        ("multinomial", [0, [0.5, 0.5]]),
        ("multinomial", [1000000, [0.25, 0.25, 0.25, 0.25]]),
        ("random_sample", [2]),
    ]),
    "gauss_cache": run(11, [
        ("standard_normal", [3]),            # leaves a cached normal
        ("uniform", [0, 1, 2]),
        ("standard_normal", [1]),            # the cached one
        ("random_sample", [1]),
        ("normal", [2.0, 3.0, 3]),
        ("randint", [0, 10, 3]),
        ("permutation", [5]),
        ("normal", [-1.0, 0.5, 2]),
        ("uniform", [-3, 7, 3]),
        ("standard_normal", [2]),
    ]),
    "many_normals": run(12345, [("standard_normal", [10000])]),
}
json.dump({"_generated_by": {"numpy": np.__version__, "script": "gen_extra.py"},
           "cases": cases}, sys.stdout, separators=(",", ":"))
sys.stdout.write("\n")
