package khmer

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// GoldSentence is one sentence of a gold-segmented corpus: its raw text
// and the byte offsets of its gold word boundaries (0 and len(Raw)
// included).
type GoldSentence struct {
	Raw    string
	Bounds []int
}

// ReadGold reads gold segmentation in the khPOS format: one sentence per
// line, tokens `word/TAG` separated by spaces (split on the last '/'),
// with '_' and '~' inside a word marking compound parts that count as one
// word. Empty lines are skipped.
func ReadGold(r io.Reader) ([]GoldSentence, error) {
	var out []GoldSentence
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<26)
	line := 0
	for sc.Scan() {
		line++
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 {
			continue
		}
		var raw strings.Builder
		bounds := []int{0}
		for _, f := range fields {
			w := f
			if k := strings.LastIndexByte(f, '/'); k > 0 {
				w = f[:k]
			}
			w = strings.NewReplacer("_", "", "~", "").Replace(w)
			if w == "" {
				continue
			}
			raw.WriteString(w)
			bounds = append(bounds, raw.Len())
		}
		if raw.Len() == 0 {
			continue
		}
		out = append(out, GoldSentence{Raw: raw.String(), Bounds: bounds})
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("khmer: reading gold segmentation at line %d: %w", line, err)
	}
	return out, nil
}

// SegScore accumulates word and boundary agreement with gold.
type SegScore struct {
	GoldWords, PredWords, WordHits    int
	GoldBounds, PredBounds, BoundHits int
}

// Add scores one sentence: gold and pred are boundary offsets into the
// same raw text, each including 0 and the text's length. A word counts
// when both its boundaries match; boundary scores leave out the two ends.
func (s *SegScore) Add(gold, pred []int) {
	s.GoldWords += len(gold) - 1
	s.PredWords += len(pred) - 1
	s.GoldBounds += len(gold) - 2
	s.PredBounds += len(pred) - 2
	i, j := 0, 0
	for i < len(gold)-1 && j < len(pred)-1 {
		switch {
		case gold[i] < pred[j]:
			i++
		case gold[i] > pred[j]:
			j++
		default:
			if gold[i+1] == pred[j+1] {
				s.WordHits++
			}
			if i > 0 {
				s.BoundHits++
			}
			i++
			j++
		}
	}
}

// WordF1 is the F1 of words whose two boundaries both match.
func (s SegScore) WordF1() float64 { return f1(s.WordHits, s.GoldWords, s.PredWords) }

// BoundaryF1 is the F1 of inner word boundaries.
func (s SegScore) BoundaryF1() float64 { return f1(s.BoundHits, s.GoldBounds, s.PredBounds) }

func f1(hits, gold, pred int) float64 {
	if hits == 0 || gold == 0 || pred == 0 {
		return 0
	}
	p := float64(hits) / float64(pred)
	r := float64(hits) / float64(gold)
	return 2 * p * r / (p + r)
}

// SpanBounds turns word spans of a text of length n into boundary
// offsets including 0 and n. Gaps between words (spaces) are boundaries
// on both sides.
func SpanBounds(dst []int, spans []Span, n int) []int {
	dst = append(dst, 0)
	for _, sp := range spans {
		if sp.Start != dst[len(dst)-1] {
			dst = append(dst, sp.Start)
		}
		dst = append(dst, sp.End)
	}
	if dst[len(dst)-1] != n {
		dst = append(dst, n)
	}
	return dst
}
