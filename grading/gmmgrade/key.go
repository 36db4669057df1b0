package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"

	"github.com/gmmlab/gmmlab/check"
)

// Run is one executed notebook, as grading/nbexec.py writes it.
type Run struct {
	Learner  string `json:"learner"`
	Notebook string `json:"notebook"`
	// Status is how the run as a whole ended: "ok" (every cell ran),
	// "missing" (no such notebook submitted), "unreadable" (not a
	// notebook), "timeout" (the notebook's time ran out) or "dead" (the
	// kernel died).
	Status  string  `json:"status"`
	Message string  `json:"message,omitempty"`
	Seconds float64 `json:"seconds"`
	// CellTimeout and NotebookTimeout are the limits the run had, in
	// seconds.
	CellTimeout     float64 `json:"cell_timeout"`
	NotebookTimeout float64 `json:"notebook_timeout"`
	Cells           []Cell  `json:"cells"`
}

// Cell is one code cell of a run.
type Cell struct {
	ID   string `json:"id"`
	Role string `json:"role"` // given, answer, check, or "" for a learner's own cell
	// Exercise and Points are set on check cells, from the master's metadata.
	Exercise int     `json:"exercise,omitempty"`
	Points   float64 `json:"points,omitempty"`
	// Status is "ok", "error" (the cell failed: a compile error, a
	// non-zero exit), "timeout" (interrupted after the cell timeout), or
	// "notrun" (the notebook ended before it).
	Status string `json:"status"`
	// Error is the failed cell's error text, shortened.
	Error string `json:"error,omitempty"`
	// Records are the check record lines the cell printed, without
	// check.RecordPrefix.
	Records []string `json:"records,omitempty"`
}

// Key is the answer key of a set of exercise notebooks.
type Key struct {
	Notebooks []NotebookKey `json:"notebooks"`
}

// NotebookKey is the answer key of one notebook.
type NotebookKey struct {
	Notebook  string        `json:"notebook"`
	Exercises []ExerciseKey `json:"exercises"`
}

// ExerciseKey is what grading an exercise needs: its points, its check
// cell, and its checks in the order the cell runs them.
type ExerciseKey struct {
	Exercise int          `json:"exercise"`
	Points   float64      `json:"points"`
	Cell     string       `json:"cell"`
	Checks   []check.Spec `json:"checks"`
}

// Reference holds the expected values computed with scikit-learn:
// notebook → exercise → check description → value.
type Reference map[string]map[string]map[string]json.RawMessage

func readReference(path string) (Reference, error) {
	var ref Reference
	return ref, readJSON(path, &ref)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

func readRuns(paths []string) ([]Run, error) {
	runs := make([]Run, 0, len(paths))
	for _, p := range paths {
		var r Run
		if err := readJSON(p, &r); err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	return runs, nil
}

// records returns the records a cell printed for exercise n.
func (c Cell) records(n int) []check.Record {
	var rs []check.Record
	for _, line := range c.Records {
		if r, ok := check.ParseRecord(check.RecordPrefix + line); ok && r.Exercise == n {
			rs = append(rs, r)
		}
	}
	return rs
}

// buildKey makes the answer key from runs of the master notebooks and
// lists every problem that makes them unfit: a failed cell, a check that
// fails on the master's own solution, an expected value that disagrees
// with the reference or has none.
func buildKey(runs []Run, ref Reference) (Key, []string) {
	var key Key
	var problems []string
	sort.Slice(runs, func(i, j int) bool { return runs[i].Notebook < runs[j].Notebook })
	for _, run := range runs {
		nk := NotebookKey{Notebook: run.Notebook}
		bad := func(format string, args ...any) {
			problems = append(problems, run.Notebook+": "+fmt.Sprintf(format, args...))
		}
		if run.Status != "ok" {
			bad("the run ended early (%s): %s", run.Status, run.Message)
		}
		seen := map[int]bool{}
		for _, cell := range run.Cells {
			if cell.Status != "ok" && cell.Status != "" {
				bad("cell %s: %s %s", cell.ID, cell.Status, cell.Error)
			}
			if cell.Role != "check" {
				continue
			}
			n := cell.Exercise
			if seen[n] {
				bad("exercise %d has two check cells", n)
			}
			seen[n] = true
			ek := ExerciseKey{Exercise: n, Points: cell.Points, Cell: cell.ID}
			if ek.Points <= 0 {
				bad("exercise %d: its check cell gives no points", n)
			}
			ended := false
			for _, r := range cell.records(n) {
				switch r.Event {
				case check.EventEnd:
					ended = true
					if r.Status != check.StatusPass {
						bad("exercise %d fails on the master's solution: %s", n, r.Message)
					}
				case check.EventCheck:
					s, err := keySpec(r, ref[run.Notebook][strconv.Itoa(n)])
					if err != nil {
						bad("exercise %d: %s: %v", n, r.What, err)
						continue
					}
					if ok, msg := s.Judge(r.Got); !ok {
						bad("exercise %d: the master's solution fails its own check: %s", n, msg)
					}
					ek.Checks = append(ek.Checks, s)
				}
			}
			if !ended {
				bad("exercise %d: its check cell printed no verdict record (is its check.Exercise number %d?)", n, n)
			}
			if len(ek.Checks) == 0 {
				bad("exercise %d has no checks", n)
			}
			nk.Exercises = append(nk.Exercises, ek)
		}
		if len(nk.Exercises) == 0 {
			bad("no exercises")
		}
		key.Notebooks = append(key.Notebooks, nk)
	}
	return key, problems
}

// keySpec is the spec of a check recorded by a master run, its expected
// value taken from the reference for a hidden check and checked against it
// for a public one.
func keySpec(r check.Record, ref map[string]json.RawMessage) (check.Spec, error) {
	s := r.Spec
	if s.Kind == check.KindFigure {
		if s.Hidden {
			return s, fmt.Errorf("a figure check cannot be hidden")
		}
		return s, nil
	}
	raw, ok := ref[s.What]
	if !ok {
		return s, fmt.Errorf("no reference value: add it to exercises/reference.py and run it")
	}
	want, err := encodeReference(s.Kind, raw)
	if err != nil {
		return s, fmt.Errorf("reference value: %v", err)
	}
	if s.Hidden {
		s.Want = want
		return s, nil
	}
	if !agrees(s, want) {
		return s, fmt.Errorf("the notebook expects %s but the reference (scikit-learn) says %s", s.Want, want)
	}
	return s, nil
}

// encodeReference writes a reference value as check encodes values of the
// kind: Near's numbers with their shape, other kinds as plain JSON.
func encodeReference(kind string, raw json.RawMessage) (json.RawMessage, error) {
	if kind != check.KindNear {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		return json.Marshal(v)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil, err
	}
	type numbers struct {
		Dims []int `json:"dims"`
		V    []any `json:"v"`
	}
	switch x := v.(type) {
	case float64, string:
		return json.Marshal(numbers{Dims: []int{}, V: []any{x}})
	case []any:
		if len(x) > 0 {
			if _, nested := x[0].([]any); nested {
				n := numbers{Dims: []int{len(x), len(x[0].([]any))}}
				for _, row := range x {
					r, ok := row.([]any)
					if !ok || len(r) != n.Dims[1] {
						return nil, fmt.Errorf("rows of different lengths")
					}
					n.V = append(n.V, r...)
				}
				return json.Marshal(n)
			}
		}
		return json.Marshal(numbers{Dims: []int{len(x)}, V: x})
	}
	return nil, fmt.Errorf("not a number, a list or a matrix")
}

// agrees reports whether a public check's expected value matches the
// reference: within the check's tolerance for Near, exactly otherwise.
func agrees(s check.Spec, ref json.RawMessage) bool {
	if s.Kind == check.KindNear {
		exact := s
		exact.Want = ref
		ok, _ := exact.Judge(s.Want)
		return ok
	}
	var a, b any
	if json.Unmarshal(s.Want, &a) != nil || json.Unmarshal(ref, &b) != nil {
		return false
	}
	return reflect.DeepEqual(a, b)
}

// formatPoints writes points without trailing zeros: 2, 0.5.
func formatPoints(p float64) string {
	if p == math.Trunc(p) {
		return strconv.FormatFloat(p, 'f', 0, 64)
	}
	return strconv.FormatFloat(p, 'f', -1, 64)
}
