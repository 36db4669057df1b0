// Package datagen makes and loads the data of the gmmlab notebooks: the
// synthetic data sets of scikit-learn's examples, reproduced bit for bit, two
// classic real data sets, CSV and .npy readers (whole, or as sources of
// rows for data larger than memory), a .npy writer, scalers and a
// train/test split.
//
// # Synthetic data, as in Python
//
// Every random draw comes from package nprand, which reproduces numpy's
// legacy np.random.RandomState, and the generators follow scikit-learn
// 1.2.1's algorithms in numpy's draw order. So
//
//	X, y = make_blobs(n_samples=1500, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170)
//
// and
//
//	X, y, err := datagen.MakeBlobs(datagen.Blobs{
//		NSamples:    1500,
//		Centers:     3,
//		ClusterStd:  []float64{1.0, 2.5, 0.5},
//		RandomState: 170,
//	})
//
// give the same points, and every number computed from them later agrees
// with the Python notebook. The configuration structs (Blobs, Moons,
// Circles) use scikit-learn's argument names; the zero value of a field
// means scikit-learn's default, and an inconsistent configuration is an
// error that says what to change.
//
// MakeMoons and MakeCircles draw the same shuffles and noise as
// scikit-learn; their points use cos and sin, which numpy takes from the C
// library (with cgo, datagen does the same, and the results are identical)
// or, on CPUs with AVX-512, from Intel's SVML (then they agree to about
// 1e-16). Anisotropic stretches blobs as scikit-learn's k-means assumptions
// example does.
//
// Hand-made data in the style of np.random.seed(0); np.random.normal(...)
// use a RandomState, whose draws are matrices filled in numpy's row-major
// order, and VStack (np.vstack):
//
//	rs := datagen.NewRandomState(0)
//	X := datagen.VStack(rs.Normal(0, 1, 100, 2), rs.Normal(5, 1, 100, 2))
//
// MultivariateNormal is rng.multivariate_normal(mean, cov, n), with numpy's
// draws.
//
// # Real data
//
// Iris (Fisher's 150 flowers, 4 measurements, 3 species) and OldFaithful
// (272 eruptions: duration and waiting time) are embedded in the binary, so
// they load without a network. Each returns a *Dataset: X, the labels Y
// where there are some, FeatureNames, TargetNames and a Description with
// the source.
//
// # numpy's one-liners, for notebook cells
//
// A notebook cell should be as short as its Python twin, so the numpy
// expressions the lessons use have a function each: Bincount
// (np.bincount), ValueCounts (np.unique with counts, printed as Python
// prints the dict {0: 100, 1: 100}), Equal and Less (the masks y == l and
// scores < t), CountTrue (np.sum(mask)), Ints (mask.astype(int)),
// SelectRows (X[mask]), ClassMeans ([X[y == i].mean(axis=0) for i in
// range(k)]), Labels ([0] * 500 + [1] * 100), Shift (X + v), Linspace and
// Blobs.Make (make_blobs in one line). ArrayString prints a matrix or a
// slice exactly as numpy's print does, at full precision:
//
//	fmt.Println(datagen.ArrayString(gmm.PredictProba(X.Slice(0, 5, 0, 2))))
//
// # Loading and preprocessing
//
// ReadCSV and ReadCSVFrom read numeric columns of a CSV file with a header
// row, chosen by name or all numeric ones; CSV adds options (drop rows with
// missing values, another separator). A cell that is not a number, a missing
// value, a ragged row or an empty file is an error giving the line and
// column, counted from 1 as a spreadsheet does. Nothing is silently read as
// zero.
//
// ReadNPY and WriteNPY are np.load and np.save for a float64 table in
// numpy's .npy format: WriteNPY writes the very bytes np.save writes, so a
// Python notebook loads the data bit for bit, and ReadNPY reads what np.save
// writes for a float64 or float32 array.
//
// # Data larger than memory
//
// OpenNPY and OpenCSV open a file as a source of rows, read a piece at a
// time, so that a model can be fitted to data that do not fit in memory
// (gmmlab's FitSource streams such a source once per EM iteration):
//
//	src, err := datagen.OpenNPY("x.npy") // or datagen.OpenCSV("x.csv", "eruptions", "waiting")
//	defer src.Close()
//	rows, cols := src.Dims()
//	buf := make([]float64, 4096*cols)
//	for lo := 0; lo < rows; {
//		n, err := src.ReadRows(buf, lo) // rows lo .. lo+n-1, row after row
//		...
//		lo += n
//	}
//
// Both satisfy gmmlab.RowSource (Dims and ReadRows; datagen does not import
// gmmlab, nor gmmlab datagen). ReadRows reads rows lo, lo+1, ... into dst,
// as many as it holds, and returns how many it read: fewer only at the end
// of the table. It reads with ReadAt, never a shared seek position, so
// goroutines may read distinct ranges at once (a shard of a larger data set
// is a range, or a file, of its own). Memory is O(rows asked): an NPYFile
// holds its header, a CSVFile one byte offset every 64 rows.
//
// OpenNPY reads numpy's .npy versions 1.0, 2.0 and 3.0, any header
// padding, a 2-D array of little-endian float64 or float32 values in C
// order (float32 values become the same float64 numbers, exactly), or a
// 1-D array as one column, as X.reshape(-1, 1) would make it. It checks the
// layout at open, and its error says which problem it found: a file that
// is not a well-formed .npy file (bad magic string, unsupported version,
// malformed header dict, truncated, bytes after the array) is
// ErrMalformedNPY; an array that is not such a table (another dtype such
// as '<i8', a big-endian '>f8', Fortran order, 3-D, empty) is
// ErrUnsupportedNPY, with the numpy line that converts it. Values are read
// as stored, NaN included.
//
// OpenCSV reads the same columns and rows as ReadCSV, and refuses a file
// with the same error: it checks every row once at open and notes where
// the rows start, and ReadRows then parses just the rows asked for.
// CSV.Open takes a CSV value's options (DropMissing, Comma). For repeated
// passes over a large CSV file, convert it once: CreateNPY writes a .npy
// file a piece of rows at a time, the same bytes as np.save of the whole.
//
// A read fails, rather than returning other data, if the file has changed
// since it was opened (its size or modification time).
//
// StandardScaler and MinMaxScaler are scikit-learn's, with Fit, Transform,
// FitTransform and InverseTransform. TrainTestSplit is train_test_split with
// a random_state: the same rows land in the same part.
//
// # Conventions
//
// Matrices hold one observation per row. Functions take mat.Matrix and
// return new *mat.Dense values; inputs are never modified. Errors the caller
// could not foresee (bad data in a file, an inconsistent configuration) are
// returned; misuse that the caller controls (a scaler used before Fit, a
// matrix of the wrong width) panics. Messages start with "datagen: ".
// Nothing here is safe for concurrent use of one RandomState or scaler.
package datagen
