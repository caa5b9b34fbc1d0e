package gazetteer

import "github.com/kamnotra/kamnotra/internal/khmer"

// normText is text in matching form with the map back to the display
// text. The matching form is internal/khmer's: marks of every cluster in
// one order (ស្ត្រី, ស្រ្តី and ស្រី្ត are one string), subscript DA as TA,
// ឲ as ឱ, invisible characters dropped. The data is folded the same way,
// so a name matches however it was typed. Cluster boundaries do not move,
// and matches start and end on them, so their spans map back exactly.
type normText struct {
	s string
	m *khmer.Normalized // nil when the text needed no change
}

// fold returns the matching form of s and its offset map.
func fold(s string) normText {
	m := khmer.NormalizeMap(s)
	if m.Text == s {
		return normText{s: s}
	}
	return normText{s: m.Text, m: m}
}

// foldString is fold without the map, for the data.
func foldString(s string) string { return khmer.Normalize(s) }

// start maps an offset of the matching form that starts a span to the
// display text.
func (t *normText) start(p int) int {
	if t.m == nil {
		return p
	}
	return t.m.ToOrig(p)
}

// end maps an offset that ends a span.
func (t *normText) end(p int) int {
	if t.m == nil {
		return p
	}
	return t.m.ToOrigEnd(p)
}
