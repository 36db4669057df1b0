package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	"github.com/gmmlab/gmmlab/check"
)

// Statuses of a graded exercise, as grades.csv gives them.
const (
	Pass    = "pass"    // every check passed: full points
	Fail    = "fail"    // a check failed, or the exercise is not done
	Error   = "error"   // the check could not run: a compile error, the program ended, the kernel died
	Timeout = "timeout" // the check cell or the notebook ran out of time
	Missing = "missing" // the learner submitted no such notebook
)

// Result is one learner's grade on one exercise.
type Result struct {
	Learner   string
	Notebook  string
	Exercise  int
	Points    float64
	MaxPoints float64
	Status    string
	// Message says what went wrong, for the learner; Hint is the check's
	// advice; Detail is the error text of a failed cell.
	Message string
	Hint    string
	Detail  string
}

// Gradebook is every learner's results, learners in name order, each
// learner's results in the key's order of notebooks and exercises.
type Gradebook struct {
	Key      Key
	Learners []string
	Results  []Result
}

// grade judges every learner's runs against the key. A learner with no run
// of a notebook of the key is graded missing on its exercises.
func grade(key Key, runs []Run) Gradebook {
	byLearner := map[string]map[string]Run{}
	for _, r := range runs {
		if byLearner[r.Learner] == nil {
			byLearner[r.Learner] = map[string]Run{}
		}
		byLearner[r.Learner][r.Notebook] = r
	}
	book := Gradebook{Key: key}
	for l := range byLearner {
		book.Learners = append(book.Learners, l)
	}
	sort.Strings(book.Learners)
	for _, l := range book.Learners {
		for _, nk := range key.Notebooks {
			run, ok := byLearner[l][nk.Notebook]
			if !ok {
				run = Run{Learner: l, Notebook: nk.Notebook, Status: "missing"}
			}
			for _, ek := range nk.Exercises {
				res := judgeExercise(run, ek)
				res.Learner, res.Notebook, res.Exercise, res.MaxPoints = l, nk.Notebook, ek.Exercise, ek.Points
				if res.Status == Pass {
					res.Points = ek.Points
				}
				book.Results = append(book.Results, res)
			}
		}
	}
	return book
}

// judgeExercise grades one exercise of a run from the values the learner's
// code produced in the exercise's check cell, judged with the key's specs.
// Verdicts the learner's program printed count for nothing: only values
// do, and a value recorded twice with two different contents fails.
func judgeExercise(run Run, ek ExerciseKey) Result {
	switch run.Status {
	case "missing":
		return Result{Status: Missing, Message: "this notebook was not submitted"}
	case "unreadable":
		return Result{Status: Error, Message: "the notebook could not be read: " + run.Message}
	}
	var cell *Cell
	for i := range run.Cells {
		if run.Cells[i].ID == ek.Cell {
			cell = &run.Cells[i]
			break
		}
	}
	if cell == nil {
		return Result{Status: Error, Message: "the exercise's check cell was not run"}
	}
	switch cell.Status {
	case "timeout":
		return Result{Status: Timeout, Message: fmt.Sprintf(
			"the check did not finish within %s s and was stopped: does your code loop forever, or wait for something?",
			formatPoints(run.CellTimeout))}
	case "notrun":
		switch run.Status {
		case "timeout":
			return Result{Status: Timeout, Message: fmt.Sprintf(
				"the notebook's time (%s s) ran out before this exercise was checked", formatPoints(run.NotebookTimeout))}
		case "dead":
			return Result{Status: Error, Message: "the kernel stopped before this exercise was checked: " + run.Message}
		}
		return Result{Status: Error, Message: "the exercise's check cell was not run"}
	}

	recs := cell.records(ek.Exercise)
	gots := map[string][]json.RawMessage{}
	var ends []check.Record
	for _, r := range recs {
		switch r.Event {
		case check.EventCheck:
			if !slices.ContainsFunc(gots[r.What], func(x json.RawMessage) bool { return bytes.Equal(x, r.Got) }) {
				gots[r.What] = append(gots[r.What], r.Got)
			}
		case check.EventEnd:
			ends = append(ends, r)
		}
	}
	for _, s := range ek.Checks {
		got := gots[s.What]
		if len(got) > 1 {
			return Result{Status: Fail, Message: fmt.Sprintf(
				"%s was recorded %d times with different values; the check cannot tell which is yours", s.What, len(got))}
		}
		if len(got) == 0 {
			return stoppedBefore(s, ends, cell)
		}
		if ok, msg := s.Judge(got[0]); !ok {
			if s.Hidden {
				msg = fmt.Sprintf("a hidden test failed: %s differ from the expected values", s.What)
			}
			return Result{Status: Fail, Message: msg, Hint: s.Hint}
		}
	}
	return Result{Status: Pass}
}

// stoppedBefore grades an exercise whose check stopped before recording the
// value s judges: the learner's code ended it, or the cell failed.
func stoppedBefore(s check.Spec, ends []check.Record, cell *Cell) Result {
	if len(ends) == 1 {
		e := ends[0]
		switch e.Status {
		case check.StatusNotDone:
			return Result{Status: Fail, Message: "not done yet: the function still holds the // YOUR CODE HERE stub"}
		case check.StatusError, check.StatusPanic:
			return Result{Status: Fail, Message: e.Message}
		}
	}
	if cell.Status == "error" {
		return Result{Status: Error, Message: "the check cell failed; see the error below", Detail: cell.Error}
	}
	return Result{Status: Error, Message: fmt.Sprintf("the check stopped before judging %s: did your code end the program?", s.What),
		Detail: cell.Error}
}

// score returns a learner's points and the most they could have.
func (b Gradebook) score(learner string) (points, max float64) {
	for _, r := range b.Results {
		if r.Learner == learner {
			points += r.Points
			max += r.MaxPoints
		}
	}
	return points, max
}

// summary is the one line make grade prints: learners graded, the mean
// score, and how many exercises errored or timed out.
func (b Gradebook) summary() string {
	var total, max float64
	for _, l := range b.Learners {
		p, m := b.score(l)
		total += p
		max = m
	}
	count := map[string]int{}
	for _, r := range b.Results {
		count[r.Status]++
	}
	mean, pct := 0.0, 0.0
	if n := len(b.Learners); n > 0 {
		mean = total / float64(n)
		if max > 0 {
			pct = 100 * mean / max
		}
	}
	return fmt.Sprintf("graded %d learners: mean score %.1f of %s points (%.0f %%); exercises errored: %d, timed out: %d, missing: %d",
		len(b.Learners), mean, formatPoints(max), pct, count[Error], count[Timeout], count[Missing])
}
