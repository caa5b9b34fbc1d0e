package khmer

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// markPart is one element of a cluster after its base: a single mark, or a
// coeng with its subscript letter (then sub holds the letter).
type markPart struct {
	r   rune
	sub rune
	cls uint8
}

// order gives the canonical position of a part inside a cluster. Subscripts
// come first with subscript RO last among them, as Khmer is rendered and as
// most keyboards produce it (ស្ត្រី), then register shifters, robat,
// vowels, signs, and reahmuk/yuukaleapintu at the very end.
func (p markPart) order() int {
	switch p.cls {
	case clsCoeng:
		if p.sub == 0x179A {
			return 2
		}
		return 1
	case clsShifter:
		return 3
	case clsRobat:
		return 4
	case clsDepV:
		return 5
	case clsSign:
		return 6
	case clsSignLast:
		return 7
	}
	return 8
}

// Normalized is text in the matching form together with the map between
// its byte offsets and those of the display text it came from.
//
// The map is a list of segments, each covering a run of the display text
// and the run of Text it became. Runs copied unchanged map byte for byte;
// a reordered or folded cluster maps only as a whole, so an offset inside
// it rounds to the cluster's start (ToOrig, ToNorm) or end (the End
// variants). Both sides of the map never decrease.
type Normalized struct {
	Text string
	src  string
	orig []int32 // segment starts in the display text, plus len(src)
	norm []int32 // segment starts in Text, plus len(Text)
	flat []bool  // segment copied byte for byte
}

// identity reports a text normalisation left unchanged: one byte-for-byte
// segment, the common case, mapped without searching.
func (n *Normalized) identity() bool { return len(n.orig) == 2 && n.flat[0] && n.orig[1] == n.norm[1] }

// Source returns the display text that was normalised.
func (n *Normalized) Source() string { return n.src }

// ToOrig maps a start offset of Text to the display text, rounding down
// to the start of a changed cluster. Characters dropped by normalisation
// right at the offset (a ZWSP before a word) are skipped, so a span that
// starts here starts at the visible text. Offsets outside Text are
// clamped.
func (n *Normalized) ToOrig(off int) int {
	if n.identity() {
		return min(max(off, 0), len(n.src))
	}
	k, exact := n.segByNorm(off, true)
	if exact || !n.flat[k] {
		return int(n.orig[k])
	}
	return int(n.orig[k]) + off - int(n.norm[k])
}

// ToOrigEnd maps an end offset of Text to the display text, rounding up
// to the end of a changed cluster and leaving out characters dropped
// right after the offset.
func (n *Normalized) ToOrigEnd(off int) int {
	if n.identity() {
		return min(max(off, 0), len(n.src))
	}
	k, exact := n.segByNorm(off, false)
	if exact {
		return int(n.orig[k])
	}
	if !n.flat[k] {
		return int(n.orig[k+1])
	}
	return int(n.orig[k]) + off - int(n.norm[k])
}

// OrigSpan maps the span [start, end) of Text to the smallest span of the
// display text that holds it.
func (n *Normalized) OrigSpan(start, end int) (int, int) {
	s, e := n.ToOrig(start), n.ToOrigEnd(end)
	if e < s {
		e = s
	}
	return s, e
}

// ToNorm maps a byte offset of the display text to Text, rounding down to
// the start of a changed cluster.
func (n *Normalized) ToNorm(off int) int {
	if n.identity() {
		return min(max(off, 0), len(n.src))
	}
	k, exact := n.segByOrig(off)
	if exact || !n.flat[k] {
		return int(n.norm[k])
	}
	return int(n.norm[k]) + off - int(n.orig[k])
}

// ToNormEnd maps an end offset of the display text to Text, rounding up.
func (n *Normalized) ToNormEnd(off int) int {
	if n.identity() {
		return min(max(off, 0), len(n.src))
	}
	k, exact := n.segByOrig(off)
	if exact {
		return int(n.norm[k])
	}
	if !n.flat[k] {
		return int(n.norm[k+1])
	}
	return int(n.norm[k]) + off - int(n.orig[k])
}

// NormSpan maps the span [start, end) of the display text to Text.
func (n *Normalized) NormSpan(start, end int) (int, int) {
	s, e := n.ToNorm(start), n.ToNormEnd(end)
	if e < s {
		e = s
	}
	return s, e
}

// segByNorm finds the segment holding offset off of Text. exact is true
// when off is a segment start (or the end of Text). Several segments start
// at the same offset where characters were dropped: last picks the last
// of them (for start offsets), otherwise the first (for end offsets).
func (n *Normalized) segByNorm(off int, last bool) (int, bool) {
	end := len(n.norm) - 1
	if off < 0 {
		off = 0
	}
	if off > int(n.norm[end]) {
		off = int(n.norm[end])
	}
	k := sort.Search(end+1, func(i int) bool { return int(n.norm[i]) >= off })
	if k <= end && int(n.norm[k]) == off {
		if last {
			for k < end && n.norm[k+1] == n.norm[k] {
				k++
			}
		}
		return k, true
	}
	return k - 1, false
}

func (n *Normalized) segByOrig(off int) (int, bool) {
	last := len(n.orig) - 1
	if off <= 0 {
		return 0, true
	}
	if off >= int(n.orig[last]) {
		return last, true
	}
	k := sort.Search(last+1, func(i int) bool { return int(n.orig[i]) >= off })
	if int(n.orig[k]) == off {
		return k, true
	}
	return k - 1, false
}

// Normalize returns the matching form of s (see NormalizeMap). When s is
// already in that form it is returned as is, without allocating.
func Normalize(s string) string {
	if i := firstChange(s); i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	normalizeInto(&b, s, nil)
	return b.String()
}

// NormalizeMap returns the matching form of s with its offset map.
//
// The matching form reorders the marks of every Khmer cluster into one
// canonical order (so ស្ត្រី, ស្រ្តី and ស្រី្ត become one string), folds
// spelling variants that are the same letter (subscript DA to subscript TA,
// ឲ to ឱ, the deprecated ឣ and ឤ to អ and អា, split vowels េ+ី and េ+ា to
// ើ and ោ), drops repeated identical marks and removes invisible
// characters (U+17B4, U+17B5, ZWSP, ZWNJ, ZWJ, word joiner, soft hyphen,
// BOM). Invalid UTF-8 becomes U+FFFD. Everything else, Latin letters and
// their case included, is copied unchanged. Normalisation is idempotent.
func NormalizeMap(s string) *Normalized {
	n := &Normalized{src: s}
	if i := firstChange(s); i < 0 {
		n.Text = s
		n.orig = []int32{0, int32(len(s))}
		n.norm = []int32{0, int32(len(s))}
		n.flat = []bool{true, true}
		return n
	}
	var b strings.Builder
	b.Grow(len(s))
	normalizeInto(&b, s, n)
	n.Text = b.String()
	n.orig = append(n.orig, int32(len(s)))
	n.norm = append(n.norm, int32(b.Len()))
	n.flat = append(n.flat, true)
	return n
}

// firstChange returns the offset of a cluster that normalisation would
// change, or -1 when it would change nothing. It lets the common, already
// clean text through in one pass over its runes, building nothing; it
// must agree with clusterChanges on whether anything changes.
func firstChange(s string) int {
	base := -1 // start of the current Khmer cluster, -1 outside one
	last := 0  // canonical order of the last mark of the cluster
	var prev, prevSub rune
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			base = -1
			i++
			continue
		}
		var r rune
		var n int
		if i+2 < len(s) && s[i] == 0xE1 && s[i+1]&0xFE == 0x9E && s[i+2]&0xC0 == 0x80 {
			r, n = 0x1780|rune(s[i+1]&1)<<6|rune(s[i+2]&0x3F), 3 // decode, inlined by hand
		} else if r, n = decodeSlow(s, i); r == utf8.RuneError && n == 1 {
			return i
		}
		c := classOf(r)
		switch {
		case c == clsCons || c == clsIndV:
			if r == 0x17A3 || r == 0x17A4 || r == 0x17B2 {
				return i
			}
			base, last, prev, prevSub = i, 0, 0, 0
			i += n
			continue
		case isInvisible(r) || c == clsInvis:
			return i
		case !isMark(c):
			base = -1
			i += n
			continue
		}
		if base < 0 {
			return i // marks with no base
		}
		p := markPart{r: r, cls: c}
		i += n
		if c == clsCoeng {
			if i >= len(s) {
				return base
			}
			r2, m := decode(s, i)
			if c2 := classOf(r2); c2 != clsCons && c2 != clsIndV || r2 == 0x178A {
				return base
			}
			p.sub = r2
			i += m
		}
		o := p.order()
		if o < last || p.r == prev && p.sub == prevSub || prev == 0x17C1 && (p.r == 0x17B8 || p.r == 0x17B6) {
			return base
		}
		last, prev, prevSub = o, p.r, p.sub
	}
	return -1
}

// clusterChanges reports whether normalising cluster cl changes it.
func clusterChanges(cl string, buf []markPart) bool {
	r, n := decode(cl, 0)
	if r == utf8.RuneError && n <= 1 {
		return true
	}
	if isInvisible(r) || r == 0x17A3 || r == 0x17A4 || r == 0x17B2 {
		return true
	}
	c := classOf(r)
	if c != clsCons && c != clsIndV && !isMark(c) {
		// Non-Khmer cluster: only invalid bytes inside it change.
		for _, r := range cl[n:] {
			if r == utf8.RuneError {
				return !utf8.ValidString(cl)
			}
		}
		return false
	}
	if n == len(cl) {
		return c == clsInvis
	}
	return !marksCanonical(cl[n:], c == clsCons || c == clsIndV)
}

// marksCanonical reports whether the marks after a cluster's base are
// already in the matching form: canonical order, no folded letter, no
// repeat, no invisible, no split vowel. It is the hot path of
// normalisation and builds nothing.
func marksCanonical(ms string, hasBase bool) bool {
	if !hasBase {
		return false // orphan marks: let appendCanonical decide
	}
	last := 0
	var prev, prevSub rune
	for i := 0; i < len(ms); {
		r, n := decode(ms, i)
		i += n
		c := classOf(r)
		var p markPart
		switch {
		case c == clsCoeng:
			p = markPart{r: r, cls: clsCoeng}
			if i >= len(ms) {
				return false
			}
			r2, m := decode(ms, i)
			if c2 := classOf(r2); c2 != clsCons && c2 != clsIndV {
				return false
			}
			if r2 == 0x178A {
				return false
			}
			p.sub = r2
			i += m
		case isMark(c) && c != clsInvis:
			p = markPart{r: r, cls: c}
		default:
			return false
		}
		o := p.order()
		if o < last || (p.r == prev && p.sub == prevSub) {
			return false
		}
		if prev == 0x17C1 && (p.r == 0x17B8 || p.r == 0x17B6) {
			return false
		}
		last, prev, prevSub = o, p.r, p.sub
	}
	return true
}

// normalizeInto writes the matching form of s to b, recording segments in
// m when it is not nil.
func normalizeInto(b *strings.Builder, s string, m *Normalized) {
	var parts [24]markPart
	var tmp [96]byte
	flatStart := -1 // start of the pending byte-for-byte run in s
	flatNorm := 0
	flush := func(end int) {
		if flatStart >= 0 && m != nil && end > flatStart {
			m.orig = append(m.orig, int32(flatStart))
			m.norm = append(m.norm, int32(flatNorm))
			m.flat = append(m.flat, true)
		}
		flatStart = -1
	}
	for i := 0; i < len(s); {
		n := NextCluster(s[i:])
		cl := s[i : i+n]
		var out []byte
		changed := false
		if cl[0] < utf8.RuneSelf && n == 1 {
			// ASCII: unchanged.
		} else if clusterChanges(cl, parts[:0]) {
			changed = true
			out = appendCanonical(tmp[:0], cl, parts[:0])
		}
		if !changed {
			if flatStart < 0 {
				flatStart = i
				flatNorm = b.Len()
			}
			b.WriteString(cl)
		} else {
			flush(i)
			if m != nil {
				m.orig = append(m.orig, int32(i))
				m.norm = append(m.norm, int32(b.Len()))
				m.flat = append(m.flat, false)
			}
			b.Write(out)
		}
		i += n
	}
	flush(len(s))
	if m != nil && len(m.orig) == 0 {
		m.orig = append(m.orig, 0)
		m.norm = append(m.norm, 0)
		m.flat = append(m.flat, true)
	}
}

// appendCanonical appends the matching form of one cluster to dst.
func appendCanonical(dst []byte, cl string, parts []markPart) []byte {
	i := 0
	r, n := decode(cl, 0)
	c := classOf(r)
	if c != clsCons && c != clsIndV && !isMark(c) {
		// A non-Khmer cluster: drop invisibles, repair invalid bytes.
		for i < len(cl) {
			r, n := utf8.DecodeRuneInString(cl[i:])
			if !isInvisible(r) {
				dst = utf8.AppendRune(dst, r)
			}
			i += n
		}
		return dst
	}
	if c == clsCons || c == clsIndV {
		i = n
		switch r {
		case 0x17A3: // deprecated ឣ is អ
			r = 0x17A2
		case 0x17A4: // deprecated ឤ is អា
			r = 0x17A2
			parts = append(parts, markPart{r: 0x17B6, cls: clsDepV})
		case 0x17B2: // ឲ is a variant of ឱ
			r = 0x17B1
		}
		dst = utf8.AppendRune(dst, r)
	}
	for i < len(cl) {
		r, n := decode(cl, i)
		i += n
		c := classOf(r)
		switch {
		case c == clsCoeng:
			p := markPart{r: r, cls: clsCoeng}
			if i < len(cl) {
				if r2, m := decode(cl, i); classOf(r2) == clsCons || classOf(r2) == clsIndV {
					p.sub = r2
					if r2 == 0x178A { // subscript DA and TA are one letter in use
						p.sub = 0x178F
					}
					i += m
				}
			}
			if p.sub == 0 {
				continue // a coeng with no letter to subscript shows nothing
			}
			parts = append(parts, p)
		case c == clsInvis || isInvisible(r):
		case isMark(c):
			parts = append(parts, markPart{r: r, cls: c})
		default:
			// Cannot happen for a cluster from NextCluster; keep the rune.
			parts = append(parts, markPart{r: r, cls: clsOther})
		}
	}
	// Stable insertion sort: clusters are short. Marks without a base are
	// left in their order: moving a subscript to the front would join it
	// to the next cluster and make normalisation unstable.
	for a := 1; a < len(parts) && (c == clsCons || c == clsIndV); a++ {
		for b := a; b > 0 && parts[b].order() < parts[b-1].order(); b-- {
			parts[b], parts[b-1] = parts[b-1], parts[b]
		}
	}
	// Compose split vowels and drop repeated marks.
	w := 0
	for _, p := range parts {
		if w > 0 {
			q := &parts[w-1]
			if q.r == p.r && q.sub == p.sub && p.cls != clsCoeng {
				continue
			}
			if q.r == p.r && q.sub == p.sub && p.cls == clsCoeng && p.sub != 0 {
				continue
			}
			if q.r == 0x17C1 && p.r == 0x17B8 {
				q.r = 0x17BE
				continue
			}
			if q.r == 0x17C1 && p.r == 0x17B6 {
				q.r = 0x17C4
				continue
			}
		}
		parts[w] = p
		w++
	}
	for _, p := range parts[:w] {
		dst = utf8.AppendRune(dst, p.r)
		if p.sub != 0 {
			dst = utf8.AppendRune(dst, p.sub)
		}
	}
	return dst
}
