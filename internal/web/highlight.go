package web

import (
	"sort"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

// mark is one evidence span to highlight in a text.
type mark struct {
	ID   string // the citation's ID, used for the anchor
	Span record.Span
}

// segment is a run of text with the same highlighting.
type segment struct {
	Text string
	// Starts are the citations whose span begins here: an anchor each.
	Starts []string
	// Marked is true inside at least one span; Current is true inside the
	// span of the citation the reader came from.
	Marked  bool
	Current bool
}

// highlight cuts text into segments at every span boundary, so that spans
// which overlap or nest still render as flat, well-formed HTML. Spans out of
// range or not on UTF-8 boundaries cannot be trusted to show the evidence:
// they are left out and their IDs returned so the caller can log them.
func highlight(text string, marks []mark, current string) (segs []segment, bad []string) {
	type edge struct {
		pos   int
		delta int // +1 opens, -1 closes
		id    string
	}
	var edges []edge
	for _, m := range marks {
		s := m.Span
		if !s.Valid(len(text)) || !runeBoundary(text, s.Start) || !runeBoundary(text, s.End) {
			bad = append(bad, m.ID)
			continue
		}
		edges = append(edges, edge{s.Start, +1, m.ID}, edge{s.End, -1, m.ID})
	}
	// Closes sort before opens at the same position, so adjacent spans do
	// not count as overlapping; among opens the input order is kept.
	sort.SliceStable(edges, func(i, j int) bool {
		if edges[i].pos != edges[j].pos {
			return edges[i].pos < edges[j].pos
		}
		return edges[i].delta < edges[j].delta
	})
	open := map[string]int{}
	depth := 0
	pos := 0
	var starts []string
	flush := func(end int) {
		if end <= pos && len(starts) == 0 {
			return
		}
		segs = append(segs, segment{
			Text:    text[pos:end],
			Starts:  starts,
			Marked:  depth > 0,
			Current: current != "" && open[current] > 0,
		})
		starts = nil
		pos = end
	}
	for _, e := range edges {
		if e.pos > pos {
			flush(e.pos)
		}
		if e.delta > 0 {
			// A zero-length span anchors but never marks text.
			starts = append(starts, e.id)
		}
		open[e.id] += e.delta
		depth += e.delta
	}
	flush(len(text))
	return segs, bad
}

func runeBoundary(s string, i int) bool {
	return i == 0 || i == len(s) || utf8.RuneStart(s[i])
}
