package metrics

import (
	"fmt"
	"math"
)

// Hungarian solves the linear sum assignment problem: it pairs rows of cost
// with columns, each row with at most one column and each column with at
// most one row, so that as many pairs as possible are made (min(rows,
// columns) of them) and the sum of their costs is as small as possible.
// It returns, for every row i, the column assigned to it, or -1 when there
// are more rows than columns and row i is left out. To maximize instead,
// negate the costs.
//
// This is scipy.optimize.linear_sum_assignment (Crouse's shortest
// augmenting path variant of the Hungarian method, as in scipy's
// rectangular_lsap.cpp): for r rows and c columns it takes
// O(min(r,c)²·max(r,c)) time, and it breaks ties between optimal
// assignments the same way scipy does. Where scipy returns
// (row_ind, col_ind), Hungarian returns one slice indexed by row:
// result[row_ind[k]] = col_ind[k].
//
// cost is not modified. Hungarian panics if the rows of cost have different
// lengths or if an entry is NaN or infinite. (scipy also accepts +Inf for a
// forbidden pair; give such pairs a large finite cost instead.)
func Hungarian(cost [][]float64) []int {
	nr := len(cost)
	nc := 0
	if nr > 0 {
		nc = len(cost[0])
	}
	for i, row := range cost {
		if len(row) != nc {
			panic(fmt.Sprintf("metrics: cost row %d has %d columns but row 0 has %d", i, len(row), nc))
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				panic(fmt.Sprintf("metrics: cost[%d][%d] is %v; Hungarian needs finite costs", i, j, v))
			}
		}
	}
	result := make([]int, nr)
	for i := range result {
		result[i] = -1
	}
	if nr == 0 || nc == 0 {
		return result
	}
	// Work on a problem with no more rows than columns, as scipy does.
	transpose := nc < nr
	at := func(i, j int) float64 { return cost[i][j] }
	if transpose {
		nr, nc = nc, nr
		at = func(i, j int) float64 { return cost[j][i] }
	}
	col4row := solveLSAP(nr, nc, at)
	if transpose {
		for t, r := range col4row {
			result[r] = t
		}
		return result
	}
	copy(result, col4row)
	return result
}

// solveLSAP assigns each of nr rows a distinct column among nc ≥ nr,
// minimizing the total of at(i, col4row[i]).
func solveLSAP(nr, nc int, at func(i, j int) float64) (col4row []int) {
	u := make([]float64, nr)
	v := make([]float64, nc)
	shortest := make([]float64, nc)
	path := make([]int, nc)
	col4row = make([]int, nr)
	row4col := make([]int, nc)
	for i := range col4row {
		col4row[i] = -1
	}
	for j := range nc {
		path[j], row4col[j] = -1, -1
	}
	inRows := make([]bool, nr) // SR: rows reached by the current search
	inCols := make([]bool, nc) // SC: columns reached by the current search
	remaining := make([]int, nc)

	for cur := range nr {
		// Dijkstra-like search for the shortest augmenting path from row
		// cur to a free column, with reduced costs at(i,j) - u[i] - v[j].
		var minVal float64
		for k := range nc {
			remaining[k] = nc - k - 1
		}
		numRemaining := nc
		clear(inRows)
		clear(inCols)
		for j := range shortest {
			shortest[j] = math.Inf(1)
		}
		sink := -1
		for i := cur; sink == -1; {
			index := -1
			lowest := math.Inf(1)
			inRows[i] = true
			for k := range numRemaining {
				j := remaining[k]
				r := minVal + at(i, j) - u[i] - v[j]
				if r < shortest[j] {
					path[j] = i
					shortest[j] = r
				}
				// Among equally short paths prefer one ending at a free
				// column: this is scipy's tie-break.
				if shortest[j] < lowest || (shortest[j] == lowest && row4col[j] == -1) {
					lowest = shortest[j]
					index = k
				}
			}
			minVal = lowest
			j := remaining[index]
			if row4col[j] == -1 {
				sink = j
			} else {
				i = row4col[j]
			}
			inCols[j] = true
			numRemaining--
			remaining[index] = remaining[numRemaining]
		}

		// Update the dual variables.
		u[cur] += minVal
		for i := range nr {
			if inRows[i] && i != cur {
				u[i] += minVal - shortest[col4row[i]]
			}
		}
		for j := range nc {
			if inCols[j] {
				v[j] -= minVal - shortest[j]
			}
		}

		// Augment along the path back from sink to row cur.
		for j := sink; ; {
			i := path[j]
			row4col[j] = i
			col4row[i], j = j, col4row[i]
			if i == cur {
				break
			}
		}
	}
	return col4row
}
