"""Generate the .npy fixtures of datagen's NPY tests, and cases.json.

Run with the system Python that has numpy (Debian bookworm's python3-numpy,
numpy 1.24.2), from the repository root:

    make fixtures-datagen    # = /usr/bin/python3 datagen/testdata/npy/gen_npy.py

It writes every file of this folder but itself; each file is written by
numpy itself (np.save, numpy.lib.format) or, where numpy cannot write the
case (an old or damaged file), by changing numpy's bytes as said below.
The output does not depend on the time or the machine: run it again and
git sees no change.

cases.json holds, for each fixture, what numpy.load makes of it (the dtype
and shape, or numpy's error), and for those it loads, the values as
datagen must read them: the array as float64, 1-D as one column, each value
as the hex of its 64 bits (so NaN, -0.0 and subnormals are exact). It also
holds the arrays behind the write_*.npy files, which np.save wrote and
datagen.WriteNPY must write byte for byte, and the headers numpy writes for
shapes too large to write out.
"""

import io
import json
import os
import struct
import zipfile

import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))
A = np.random.RandomState(0).standard_normal((5, 3))  # the 5×3 table of most cases


def save_bytes(arr, version=None):
    """What np.save writes for arr (version None: numpy's choice, 1.0)."""
    b = io.BytesIO()
    if version is None:
        np.save(b, arr)
    else:
        npformat.write_array(b, arr, version=version)
    return b.getvalue()


def header_bytes(d, version=(1, 0)):
    """numpy's own header for the dict d, padded as np.save pads it."""
    b = io.BytesIO()
    npformat._write_array_header(b, d, version)
    return b.getvalue()


def hand_header(text, version=(1, 0)):
    """A header of the given dict text with no padding but the newline, as
    a writer other than numpy may make it (the data then start at an odd
    offset)."""
    text = text.encode("latin1") + b"\n"
    fmt = "<H" if version == (1, 0) else "<I"
    return npformat.magic(*version) + struct.pack(fmt, len(text)) + text


def f8_data(arr):
    return np.ascontiguousarray(arr, dtype="<f8").tobytes()


files = {}
files["f8.npy"] = save_bytes(A)
files["f4.npy"] = save_bytes(A.astype(np.float32))
files["f8_v2.npy"] = save_bytes(A, version=(2, 0))
files["f8_v3.npy"] = save_bytes(A, version=(3, 0))
files["f4_v3.npy"] = save_bytes(A.astype(np.float32), version=(3, 0))
files["col_1d.npy"] = save_bytes(np.random.RandomState(1).standard_normal(7))
files["special.npy"] = save_bytes(np.array(
    [[np.nan, np.inf], [-np.inf, -0.0], [5e-324, np.finfo(np.float64).max], [np.finfo(np.float32).tiny, 1.0]]))
files["special_f4.npy"] = save_bytes(np.array(
    [[np.nan, np.inf], [-0.0, np.finfo(np.float32).max], [1e-45, 0.1]], dtype=np.float32))
files["fortran.npy"] = save_bytes(np.asfortranarray(A))
# A 4×1 array marked Fortran order: the same bytes as C order; numpy never
# writes this (a column is C-contiguous too), but a reader must accept it.
files["fortran_col.npy"] = header_bytes(
    {"descr": "<f8", "fortran_order": True, "shape": (4, 1)}) + f8_data(A[:4, :1])
files["big_endian.npy"] = save_bytes(A.astype(">f8"))
files["big_endian_f4.npy"] = save_bytes(A.astype(">f4"))
files["int64.npy"] = save_bytes(np.arange(6, dtype="<i8").reshape(3, 2))
files["float16.npy"] = save_bytes(A.astype(np.float16))
files["complex.npy"] = save_bytes(A.astype(np.complex128))
files["structured.npy"] = save_bytes(np.zeros(3, dtype=[("x", "<f8"), ("y", "<f8")]))
files["3d.npy"] = save_bytes(np.zeros((2, 3, 4)))
files["scalar.npy"] = save_bytes(np.float64(1.5))
files["empty.npy"] = save_bytes(np.zeros((0, 3)))
# Cut short: 100 of the 120 bytes of data (4 whole rows), and within the header.
files["truncated.npy"] = files["f8.npy"][:-20]
files["truncated_header.npy"] = files["f8.npy"][:40]
# np.save called twice on one open file: numpy.load reads the first array
# and ignores the second.
files["trailing.npy"] = files["f8.npy"] + save_bytes(A[:2])
# numpy before 1.14 aligned the data to 16 bytes, not 64 (numpy PR #9025).
npformat.ARRAY_ALIGN = 16
files["pad16.npy"] = save_bytes(A)
npformat.ARRAY_ALIGN = 64
files["no_pad.npy"] = hand_header("{'descr': '<f8', 'fortran_order': False, 'shape': (5, 3)}") + f8_data(A)
files["no_pad_v2.npy"] = hand_header('{"shape":(5,3),"fortran_order":False,"descr":"<f8"}', (2, 0)) + f8_data(A)
# Python 2's numpy wrote shapes with long integers: (5L, 3L).
files["py2_long.npy"] = hand_header("{'descr': '<f8', 'fortran_order': False, 'shape': (5L, 3L), }") + f8_data(A)
files["bad_version.npy"] = files["f8.npy"][:6] + b"\x04\x00" + files["f8.npy"][8:]
files["bad_magic.npy"] = b"a,b\n1,2\n3,4\n"
files["bad_dict.npy"] = hand_header("{'descr': '<f8' 'fortran_order': False, 'shape': (5, 3), }") + f8_data(A)
files["missing_key.npy"] = hand_header("{'descr': '<f8', 'shape': (5, 3), }") + f8_data(A)
files["shape_list.npy"] = hand_header("{'descr': '<f8', 'fortran_order': False, 'shape': [5, 3], }") + f8_data(A)
# An .npz archive (np.savez), written with a fixed date so that it is the
# same every run.
z = io.BytesIO()
with zipfile.ZipFile(z, "w", compression=zipfile.ZIP_STORED) as zf:
    zf.writestr(zipfile.ZipInfo("x.npy", date_time=(2020, 1, 1, 0, 0, 0)), files["f8.npy"])
files["archive.npz"] = z.getvalue()

# What datagen.WriteNPY must write byte for byte: np.save of these arrays.
writes = {
    "write_1x1.npy": np.array([[np.pi]]),
    "write_5x3.npy": A,
    "write_special.npy": np.array([[np.nan, -0.0, np.inf, -np.inf, 5e-324]]),
    "write_40x12.npy": np.random.RandomState(2).standard_normal((40, 12)) * 1e3,
    "write_3x100.npy": np.random.RandomState(3).uniform(-1, 1, (3, 100)),
}
for name, arr in writes.items():
    files[name] = save_bytes(arr)


def bits(arr):
    arr = np.asarray(arr, dtype="<f8")
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    return list(arr.shape), ["%016x" % v for v in arr.reshape(-1).view("<u8").tolist()]


cases = []
for name in sorted(files):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(files[name])
    case = {"file": name}
    try:
        arr = np.load(os.path.join(HERE, name), allow_pickle=False)
        if isinstance(arr, np.lib.npyio.NpzFile):
            case["numpy"] = "loads an .npz archive of arrays %s" % sorted(arr.files)
            cases.append(case)
            continue
        case["numpy"] = "loads %s %s%s" % (arr.dtype.str, arr.shape, " Fortran" if arr.flags.f_contiguous and arr.ndim > 1 and not arr.flags.c_contiguous else "")
        if isinstance(arr, np.ndarray) and arr.dtype.kind == "f" and arr.dtype.itemsize in (4, 8) and arr.ndim in (1, 2) and arr.size > 0:
            case["shape"], case["bits"] = bits(arr)
    except Exception as e:  # numpy's own verdict, for the record
        case["numpy"] = "%s: %s" % (type(e).__name__, str(e).splitlines()[0])
    cases.append(case)

headers = []
for shape in [(1, 1), (5, 3), (12345678901, 7), (10**18, 123456), (3, 10**15)]:
    h = header_bytes({"descr": "<f8", "fortran_order": False, "shape": shape})
    headers.append({"shape": list(shape), "hex": h.hex()})

with open(os.path.join(HERE, "cases.json"), "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases, "headers": headers}, f, indent=1)
    f.write("\n")
