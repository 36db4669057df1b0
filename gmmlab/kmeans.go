package gmmlab

import (
	"cmp"
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"

	"github.com/gmmlab/gmmlab/internal/numpy"
	"github.com/gmmlab/gmmlab/nprand"
)

// KMeans configures k-means clustering with Lloyd's algorithm and k-means++
// seeding, as scikit-learn's KMeans(algorithm="lloyd"). Its zero value
// means scikit-learn's defaults, with one initialisation.
type KMeans struct {
	// NClusters is the number of clusters. If 0, 8 is used.
	NClusters int
	// NInit is the number of k-means++ seedings; the lowest inertia wins.
	// If 0, 1 is used.
	NInit int
	// MaxIter is the number of Lloyd iterations at most. If 0, 300 is used.
	MaxIter int
	// Tol stops the iterations when the squared centre shift falls to
	// Tol times the mean feature variance. If 0, 1e-4 is used; Zero asks
	// for 0 (tol=0: only unchanged labels stop them).
	Tol float64
	// RandomState seeds the numpy-compatible random stream, as
	// scikit-learn's random_state. It must lie in [0, 2^32); Fit panics
	// with an error wrapping ErrSeed otherwise.
	RandomState int64
}

// KMeansModel is a fitted k-means clustering. It is immutable and safe for
// concurrent use. Every method of the zero KMeansModel, which no fit made,
// panics with ErrNotFitted, except UnmarshalJSON, which fills it, and
// MarshalJSON, which returns ErrNotFitted.
type KMeansModel struct {
	k, d    int
	centers []float64
	labels  []int
	inertia float64
	nIter   int
}

// Fit clusters the rows of X. It returns an error for NaN or Inf in X
// (ErrNonFinite) or fewer samples than clusters (ErrTooFewSamples), and
// panics on a negative setting (ErrSetting). Fit never modifies X.
func (km KMeans) Fit(X mat.Matrix) (*KMeansModel, error) {
	tol := km.checked()
	k := cmp.Or(km.NClusters, 8)
	x, n, d, err := km.data(X, k)
	if err != nil {
		return nil, err
	}
	labels, centers, inertia, nIter := kmeansFit(x, nil, n, d, k, cmp.Or(km.NInit, 1), cmp.Or(km.MaxIter, 300), tol, nprand.NewInt64(km.RandomState), 0)
	return &KMeansModel{k: k, d: d, centers: centers, labels: labels, inertia: inertia, nIter: nIter}, nil
}

// checked panics on an invalid setting and returns the tolerance.
func (km KMeans) checked() float64 {
	tol := zeroOr(km.Tol, 1e-4)
	if km.NClusters < 0 || km.NInit < 0 || km.MaxIter < 0 || !(tol >= 0) {
		panicf(ErrSetting, "gmmlab: KMeans settings must not be negative: NClusters %d, NInit %d, MaxIter %d, Tol %v (0 means the default)",
			km.NClusters, km.NInit, km.MaxIter, km.Tol)
	}
	numpy.CheckSeed("gmmlab: KMeans.RandomState", km.RandomState)
	return tol
}

// data returns the rows of X after the checks of a fit with k clusters.
func (km KMeans) data(X mat.Matrix, k int) (x []float64, n, d int, err error) {
	x, n, d = rowsOf(X)
	if d == 0 {
		return nil, n, d, errorf(ErrShape, "gmmlab: X has %d samples but no features; pass one feature per column", n)
	}
	if n < k {
		return nil, n, d, errorf(ErrTooFewSamples, "gmmlab: KMeans needs at least as many samples as clusters, got %d samples for NClusters = %d; use fewer clusters", n, k)
	}
	if err := checkFinite(x, d); err != nil {
		return nil, n, d, err
	}
	return x, n, d, nil
}

// fitted returns m, and panics with ErrNotFitted for a zero (or nil)
// KMeansModel.
func (m *KMeansModel) fitted() *KMeansModel {
	if m == nil || m.centers == nil {
		notFitted("KMeansModel")
	}
	return m
}

// Labels returns a copy of the cluster of each training sample.
func (m *KMeansModel) Labels() []int { return append([]int(nil), m.fitted().labels...) }

// Centers returns a copy of the cluster centres, K×D.
func (m *KMeansModel) Centers() *mat.Dense {
	m.fitted()
	return mat.NewDense(m.k, m.d, append([]float64(nil), m.centers...))
}

// Inertia returns the sum of squared distances of the samples to their
// closest centre.
func (m *KMeansModel) Inertia() float64 { return m.fitted().inertia }

// NIter returns the number of Lloyd iterations run.
func (m *KMeansModel) NIter() int { return m.fitted().nIter }

// Predict returns the closest centre of each row of X. It panics if X has
// the wrong number of columns (ErrShape) or holds NaN or Inf
// (ErrNonFinite).
func (m *KMeansModel) Predict(X mat.Matrix) []int {
	m.fitted()
	x, n := predictRows(X, m.d)
	d := m.d
	labels := make([]int, n)
	cn := rowNormsSq(m.centers, m.k, d)
	forBlocks(n, func(_, _, lo, hi int) {
		assign(x[lo*d:hi*d], hi-lo, d, m.centers, cn, labels[lo:hi])
	})
	return labels
}

// rowNormsSq returns Σ_j x_ij² for each row.
func rowNormsSq(x []float64, n, d int) []float64 {
	out := make([]float64, n)
	rowNormsSqTo(out, x, n, d)
	return out
}

// rowNormsSqTo sets out[i] = Σ_j x_ij² for the n rows of x.
func rowNormsSqTo(out, x []float64, n, d int) {
	for i := range out[:n] {
		s := 0.0
		for _, v := range x[i*d : i*d+d] {
			s += v * v
		}
		out[i] = s
	}
}

// kmeansFit is scikit-learn's KMeans.fit on centred data with a shared
// random stream: it returns the labels, the centres (in the data's
// coordinates), the inertia and the iteration count of the best of nInit
// k-means++ seedings. Its passes run on up to workers goroutines (0:
// GOMAXPROCS). w, if not nil, holds the sample weights: as in scikit-learn
// 1.2.1, they weight Lloyd's centres, its empty-cluster relocation and the
// inertia, not the centring, the tolerance nor the k-means++ seeding.
func kmeansFit(x, w []float64, n, d, k, nInit, maxIter int, tol float64, rs *nprand.RandomState, workers int) ([]int, []float64, float64, int) {
	// Centre the data, and scale the tolerance by the mean variance.
	mu := make([]float64, d)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			mu[j] += x[i*d+j]
		}
	}
	for j := range mu {
		mu[j] /= float64(n)
	}
	xc := make([]float64, n*d)
	variance := 0.0
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			v := x[i*d+j] - mu[j]
			xc[i*d+j] = v
			variance += v * v
		}
	}
	tol *= variance / float64(n) / float64(d)
	xsq := rowNormsSq(xc, n, d)

	var (
		bestLabels  []int
		bestCenters []float64
		bestInertia float64
		bestIter    int
	)
	for init := 0; init < nInit; init++ {
		centers, _ := kmeansPlusPlus(xc, xsq, n, d, k, rs)
		labels, inertia, centers, nIter := lloyd(xc, w, n, d, k, centers, maxIter, tol, workers)
		if bestLabels == nil || (inertia < bestInertia && !sameClustering(labels, bestLabels, k)) {
			bestLabels, bestCenters, bestInertia, bestIter = labels, centers, inertia, nIter
		}
	}
	for c := 0; c < k; c++ {
		for j := 0; j < d; j++ {
			bestCenters[c*d+j] += mu[j]
		}
	}
	return bestLabels, bestCenters, bestInertia, bestIter
}

// kmeansPlusPlus is scikit-learn's greedy k-means++: 2 + ⌊ln k⌋ candidates
// per centre, the one that most lowers the potential wins.
func kmeansPlusPlus(x, xsq []float64, n, d, k int, rs *nprand.RandomState) ([]float64, []int) {
	centers := make([]float64, k*d)
	indices := make([]int, k)
	trials := 2 + int(math.Log(float64(k)))
	first := int(rs.Randint(0, int64(n)))
	copy(centers, x[first*d:first*d+d])
	indices[0] = first
	// closest, cum, and the distances of the candidate and of the best one.
	buf := make([]float64, 4*n)
	closest, cum, dist, bestDist := buf[:n], buf[n:2*n], buf[2*n:3*n], buf[3*n:]
	sqDistances(closest, x[first*d:first*d+d], x, xsq, n, d)
	pot := 0.0
	for _, v := range closest {
		pot += v
	}
	for c := 1; c < k; c++ {
		r := rs.UniformN(0, 1, trials)
		s := 0.0
		for i, v := range closest {
			s += v
			cum[i] = s
		}
		bestPot, bestID := 0.0, -1
		for _, u := range r {
			id := sort.SearchFloat64s(cum, u*pot)
			if id > n-1 {
				id = n - 1
			}
			p := candidatePotential(dist, closest, x[id*d:id*d+d], x, xsq, n, d)
			if bestID < 0 || p < bestPot {
				bestPot, bestID = p, id
				dist, bestDist = bestDist, dist
			}
		}
		pot = bestPot
		closest, bestDist = bestDist, closest
		copy(centers[c*d:], x[bestID*d:bestID*d+d])
		indices[c] = bestID
	}
	return centers, indices
}

// candidatePotential sets dist[i] = min(closest[i], ‖x_i - y‖²), the
// distance as sqDistances computes it, and returns Σ dist[i] in row order:
// the potential if y joins the centres.
func candidatePotential(dist, closest, y, x, xsq []float64, n, d int) float64 {
	p := 0.0
	if d == 2 {
		yy := 0.0
		yy += y[0] * y[0]
		yy += y[1] * y[1]
		y0, y1 := y[0], y[1]
		x, xsq, closest := x[:2*n], xsq[:n], closest[:n]
		for i := range dist[:n] {
			dot := 0.0
			dot += y0 * x[2*i]
			dot += y1 * x[2*i+1]
			v := max(-2*dot+yy+xsq[i], 0)
			if cv := closest[i]; cv < v {
				v = cv
			}
			dist[i] = v
			p += v
		}
		return p
	}
	sqDistances(dist, y, x, xsq, n, d)
	for i, v := range closest {
		if v < dist[i] {
			dist[i] = v
		}
		p += dist[i]
	}
	return p
}

// sqDistances sets out[i] = ‖x_i - y‖² the way scikit-learn's
// euclidean_distances does: -2 x·y + ‖y‖² + ‖x_i‖², clipped at 0.
func sqDistances(out, y, x, xsq []float64, n, d int) {
	yy := 0.0
	for _, v := range y {
		yy += v * v
	}
	for i := 0; i < n; i++ {
		dot := 0.0
		for j, v := range y {
			dot += v * x[i*d+j]
		}
		out[i] = max(-2*dot+yy+xsq[i], 0)
	}
}

// assign sets labels to the closest centre by -2 x·c + ‖c‖², the first on ties.
func assign(x []float64, n, d int, centers, cn []float64, labels []int) {
	k := len(cn)
	if d == 2 {
		assign2(x, n, centers[:2*k], cn, labels)
		return
	}
	for i := 0; i < n; i++ {
		xi := x[i*d : i*d+d]
		best, bestD := 0, 0.0
		for c := 0; c < k; c++ {
			dot := 0.0
			for j, v := range centers[c*d : c*d+d] {
				dot += xi[j] * v
			}
			dist := -2*dot + cn[c]
			if c == 0 || dist < bestD {
				best, bestD = c, dist
			}
		}
		labels[i] = best
	}
}

// sampleWeight returns w[i], or 1 when w is nil.
func sampleWeight(w []float64, i int) float64 {
	if w == nil {
		return 1
	}
	return w[i]
}

// assign2 is assign for two features: four rows at a time with AVX2
// (assign2x4), then two at a time: each running minimum is a chain of
// dependent instructions, and two chains overlap.
func assign2(x []float64, n int, centers, cn []float64, labels []int) {
	k := len(cn)
	x, labels = x[:2*n], labels[:n]
	i := assign2x4(x, centers, cn, labels)
	for ; i+2 <= n; i += 2 {
		a0, a1, b0, b1 := x[2*i], x[2*i+1], x[2*i+2], x[2*i+3]
		bestA, bestB := 0, 0
		dA := -2*(a0*centers[0]+a1*centers[1]) + cn[0]
		dB := -2*(b0*centers[0]+b1*centers[1]) + cn[0]
		for c := 1; c < k; c++ {
			c0, c1, nc := centers[2*c], centers[2*c+1], cn[c]
			eA := -2*(a0*c0+a1*c1) + nc
			eB := -2*(b0*c0+b1*c1) + nc
			if eA < dA { // the branch-free form: a conditional move
				bestA = c
			}
			if eB < dB {
				bestB = c
			}
			dA, dB = min(dA, eA), min(dB, eB)
		}
		labels[i], labels[i+1] = bestA, bestB
	}
	if i < n {
		x0, x1 := x[2*i], x[2*i+1]
		best, bestD := 0, -2*(x0*centers[0]+x1*centers[1])+cn[0]
		for c := 1; c < k; c++ {
			dist := -2*(x0*centers[2*c]+x1*centers[2*c+1]) + cn[c]
			if dist < bestD {
				best = c
			}
			bestD = min(bestD, dist)
		}
		labels[i] = best
	}
}

// lloyd is scikit-learn's _kmeans_single_lloyd, with the sample weights w
// (nil: all 1).
func lloyd(x, w []float64, n, d, k int, centers []float64, maxIter int, tol float64, workers int) ([]int, float64, []float64, int) {
	_, nb := blocks(n)
	ints := make([]int, 2*n)
	labels, old := ints[:n:n], ints[n:]
	for i := range old {
		old[i] = -1
	}
	// newCenters, weight, shift, the centres' squared norms and one
	// partial sum per block, k×d centre sums then k weights: one block.
	buf := make([]float64, k*d+3*k+nb*k*(d+1))
	newCenters, weight, shift, cn := buf[:k*d:k*d], buf[k*d:k*d+k:k*d+k], buf[k*d+k:k*d+2*k:k*d+2*k], buf[k*d+2*k:k*d+3*k:k*d+3*k]
	partial := make([][]float64, nb)
	for b := range partial {
		lo := k*d + 3*k + b*k*(d+1)
		partial[b] = buf[lo : lo+k*(d+1) : lo+k*(d+1)]
	}
	update := false
	block := func(_, b, lo, hi int) {
		assign(x[lo*d:hi*d], hi-lo, d, centers, cn, labels[lo:hi])
		if !update {
			return
		}
		p := partial[b]
		clear(p)
		if d == 2 && w == nil {
			for i := lo; i < hi; i++ {
				c := labels[i]
				p[2*k+c]++
				p[2*c] += x[2*i]
				p[2*c+1] += x[2*i+1]
			}
			return
		}
		for i := lo; i < hi; i++ {
			c, wi := labels[i], sampleWeight(w, i)
			p[k*d+c] += wi
			row := p[c*d : c*d+d]
			for j, v := range x[i*d : i*d+d] {
				row[j] += v * wi
			}
		}
	}
	step := func(up bool) {
		rowNormsSqTo(cn, centers, k, d)
		update = up
		forBlocksOn(workers, n, block)
		if !update {
			return
		}
		reducePartials(partial, newCenters, weight, k, d)
		relocateEmpty(x, w, n, d, k, centers, newCenters, weight, labels)
		averageCenters(newCenters, centers, weight, shift, k, d)
	}
	strict := false
	i := 0
	for ; i < maxIter; i++ {
		step(true)
		centers, newCenters = newCenters, centers
		if equalInts(labels, old) {
			strict = true
			break
		}
		tot := 0.0
		for _, s := range shift {
			tot += s * s
		}
		if tot <= tol {
			break
		}
		copy(old, labels)
	}
	if !strict {
		step(false)
	}
	inertia := 0.0
	for t := 0; t < n; t++ {
		c, wt := labels[t], sampleWeight(w, t)
		for j := 0; j < d; j++ {
			diff := x[t*d+j] - centers[c*d+j]
			inertia += wt * diff * diff
		}
	}
	return labels, inertia, centers, min(i+1, maxIter)
}

// reducePartials adds the per-block sums of a Lloyd step, K×D sums of
// rows then K weights each, in block order into sums and weight.
func reducePartials(partial [][]float64, sums, weight []float64, k, d int) {
	clear(sums)
	clear(weight)
	for _, p := range partial {
		for i, v := range p[:k*d] {
			sums[i] += v
		}
		for c, v := range p[k*d:] {
			weight[c] += v
		}
	}
}

// averageCenters turns the sums of a Lloyd step into the new centres
// (clusters of weight 0 keep their sums) and sets shift[c] to how far
// centre c moved from centers.
func averageCenters(sums, centers, weight, shift []float64, k, d int) {
	for c := 0; c < k; c++ {
		if weight[c] > 0 {
			alpha := 1 / weight[c]
			for j := 0; j < d; j++ {
				sums[c*d+j] *= alpha
			}
		}
		s := 0.0
		for j := 0; j < d; j++ {
			diff := sums[c*d+j] - centers[c*d+j]
			s += diff * diff
		}
		shift[c] = math.Sqrt(s)
	}
}

// relocateEmpty moves each empty cluster (of weight 0) onto the sample
// farthest from its centre, with that sample's weight (w nil: 1), as
// scikit-learn's _relocate_empty_clusters_dense.
func relocateEmpty(x, w []float64, n, d, k int, old, centers, weight []float64, labels []int) {
	var empty []int
	for c, w := range weight {
		if w == 0 {
			empty = append(empty, c)
		}
	}
	if len(empty) == 0 {
		return
	}
	dist := make([]float64, n)
	far := make([]int, n)
	for i := 0; i < n; i++ {
		c := labels[i]
		for j := 0; j < d; j++ {
			v := x[i*d+j] - old[c*d+j]
			dist[i] += v * v
		}
		far[i] = i
	}
	sort.SliceStable(far, func(a, b int) bool { return dist[far[a]] > dist[far[b]] })
	for t, c := range empty {
		f := far[t]
		from, wf := labels[f], sampleWeight(w, f)
		for j := 0; j < d; j++ {
			centers[from*d+j] -= x[f*d+j] * wf
			centers[c*d+j] = x[f*d+j] * wf
		}
		weight[c] = wf
		weight[from] -= wf
	}
}

func equalInts(a, b []int) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// sameClustering reports whether two labelings are equal up to renaming.
func sameClustering(a, b []int, k int) bool {
	m := make([]int, k)
	for i := range m {
		m[i] = -1
	}
	for i, v := range a {
		if m[v] == -1 {
			m[v] = b[i]
		} else if m[v] != b[i] {
			return false
		}
	}
	return true
}
