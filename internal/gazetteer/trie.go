package gazetteer

import (
	"sort"
	"unicode/utf8"
)

// trie is a byte trie over folded patterns. Latin patterns are stored in
// lower case; the walk lower-cases ASCII, treats any run of white space as
// one space and a typographic apostrophe as a straight one, and lets white
// space fall between two Khmer letters of a pattern (Khmer writers space
// names freely: គណបក្ស ភ្លើងទៀន).
type trie struct {
	nodes []tnode
	pats  []pattern
	// A filter on the first two runes of Khmer patterns: most positions of
	// a Khmer text start no name, and this rejects them without a walk.
	first  [128]bool
	anyTwo [128]bool // some pattern's second rune is not a Khmer letter
	pairs  [128 * 128 / 64]uint64
}

type tnode struct {
	dense *[256]int32 // child by byte when the node has many (0: none)
	keys  []byte
	next  []int32
	out   []int32 // patterns ending here
}

// pattern is one string of the data with what it stands for.
type pattern struct {
	text  string // as written in the data
	cs    bool   // case-sensitive (abbreviations)
	value int32  // index into the category's table
	aux   int32  // category-specific (place: prefix kind)
}

func newTrie() *trie { return &trie{nodes: []tnode{{}}} }

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// key returns the folded form of a pattern as stored in the trie.
func key(s string) string {
	s = foldString(s)
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			space = true
			i++
			continue
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x99 || s[i+2] == 0x98):
			if space && len(b) > 0 {
				b = append(b, ' ')
			}
			space = false
			b = append(b, '\'')
			i += 3
			continue
		}
		if space && len(b) > 0 {
			b = append(b, ' ')
		}
		space = false
		b = append(b, lowerASCII(c))
		i++
	}
	return string(b)
}

func (t *trie) add(p pattern) {
	k := key(p.text)
	if k == "" {
		return
	}
	if r1, n1 := decode(k, 0); r1 >= 0x1780 && r1 < 0x1800 {
		a := r1 - 0x1780
		t.first[a] = true
		if n1 < len(k) {
			if r2, _ := decode(k, n1); r2 >= 0x1780 && r2 < 0x1800 {
				b := a*128 + r2 - 0x1780
				t.pairs[b/64] |= 1 << (b % 64)
			} else {
				t.anyTwo[a] = true
			}
		} else {
			t.anyTwo[a] = true
		}
	}
	n := int32(0)
	for i := 0; i < len(k); i++ {
		c := k[i]
		nd := &t.nodes[n]
		j := sort.Search(len(nd.keys), func(x int) bool { return nd.keys[x] >= c })
		if j < len(nd.keys) && nd.keys[j] == c {
			n = nd.next[j]
			continue
		}
		t.nodes = append(t.nodes, tnode{})
		child := int32(len(t.nodes) - 1)
		nd = &t.nodes[n]
		nd.keys = append(nd.keys, 0)
		nd.next = append(nd.next, 0)
		copy(nd.keys[j+1:], nd.keys[j:])
		copy(nd.next[j+1:], nd.next[j:])
		nd.keys[j] = c
		nd.next[j] = child
		n = child
	}
	for _, o := range t.nodes[n].out {
		q := t.pats[o]
		if q.value == p.value && q.aux == p.aux && q.cs == p.cs {
			return // the same entry twice after folding
		}
	}
	t.pats = append(t.pats, p)
	t.nodes[n].out = append(t.nodes[n].out, int32(len(t.pats)-1))
}

// finish builds the dense child tables of wide nodes; call after the last
// add.
func (t *trie) finish() {
	for i := range t.nodes {
		nd := &t.nodes[i]
		if len(nd.keys) > 6 {
			var d [256]int32
			for j, k := range nd.keys {
				d[k] = nd.next[j]
			}
			nd.dense = &d
		}
	}
}

func (t *trie) child(n int32, c byte) int32 {
	nd := &t.nodes[n]
	if nd.dense != nil {
		if x := nd.dense[c]; x > 0 {
			return x
		}
		return -1
	}
	keys := nd.keys
	if len(keys) <= 8 {
		for i, k := range keys {
			if k == c {
				return nd.next[i]
			}
		}
		return -1
	}
	j := sort.Search(len(keys), func(x int) bool { return keys[x] >= c })
	if j < len(keys) && keys[j] == c {
		return nd.next[j]
	}
	return -1
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// spaceLen is the length of the white-space run at s[i:], counting
// no-break spaces.
func spaceLen(s string, i int) int {
	j := i
	for j < len(s) {
		if isSpaceByte(s[j]) {
			j++
			continue
		}
		if j+1 < len(s) && s[j] == 0xC2 && s[j+1] == 0xA0 {
			j += 2
			continue
		}
		break
	}
	return j - i
}

// decode is utf8.DecodeRuneInString with a fast path for Khmer letters,
// which are most of the text this package reads.
func decode(s string, i int) (rune, int) {
	if i+2 < len(s) && s[i] == 0xE1 && (s[i+1] == 0x9E || s[i+1] == 0x9F) && s[i+2]&0xC0 == 0x80 {
		return rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F) | 0x1000, 3
	}
	if s[i] < 0x80 {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// decodeLast is utf8.DecodeLastRuneInString(s[:i]) with the same fast path.
func decodeLast(s string, i int) rune {
	if i >= 3 && s[i-3] == 0xE1 && (s[i-2] == 0x9E || s[i-2] == 0x9F) && s[i-1]&0xC0 == 0x80 {
		return rune(s[i-2]&0x3F)<<6 | rune(s[i-1]&0x3F) | 0x1000
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

const coeng = 0x17D2

func isKhmer(r rune) bool { return r >= 0x1780 && r <= 0x17FF || r >= 0x19E0 && r <= 0x19FF }

// isKhmerMark reports whether r cannot begin a cluster.
func isKhmerMark(r rune) bool { return r >= 0x17B4 && r <= 0x17D3 || r == 0x17DD }

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isWordRune is a letter or digit of a Latin-script word.
func isWordRune(r rune) bool {
	if r < 0x80 {
		return isASCIIAlnum(byte(r))
	}
	return r >= 0xC0 && r < 0x250
}

// canStart reports whether a match may begin at s[i].
func canStart(s string, i int) bool {
	r, _ := decode(s, i)
	if isKhmer(r) {
		if isKhmerMark(r) {
			return false
		}
		if i > 0 {
			if decodeLast(s, i) == coeng {
				return false
			}
		}
		return true
	}
	if !isWordRune(r) {
		return false
	}
	if i > 0 {
		if isWordRune(decodeLast(s, i)) {
			return false
		}
	}
	return true
}

// canEnd reports whether a match of a pattern ending in last may end at
// s[j].
func canEnd(s string, j int, last byte) bool {
	if j >= len(s) {
		return true
	}
	r, _ := decode(s, j)
	if isKhmer(r) {
		return !isKhmerMark(r)
	}
	if isASCIIAlnum(last) {
		return !isWordRune(r)
	}
	return true
}

// caseOK checks a case-sensitive pattern: its letters must appear in the
// text with the same case.
func caseOK(text, pat string) bool {
	i, j := 0, 0
	for {
		for i < len(text) && !isASCIIAlnum(text[i]) {
			i++
		}
		for j < len(pat) && !isASCIIAlnum(pat[j]) {
			j++
		}
		if i >= len(text) || j >= len(pat) {
			return i >= len(text) && j >= len(pat)
		}
		if text[i] != pat[j] {
			return false
		}
		i++
		j++
	}
}

// hit is a match in folded text.
type hit struct {
	start, end int
	pats       []int32
}

// longestAt walks from s[i] and returns the end and patterns of the
// longest acceptable match, or -1.
func (t *trie) longestAt(s string, i int) (int, []int32) {
	n := int32(0)
	bestEnd := -1
	var best []int32
	j := i
	var last byte
	prevKhmer := false
	for j < len(s) {
		c := s[j]
		var adv int
		var want byte
		switch {
		case isSpaceByte(c) || c == 0xC2 && j+1 < len(s) && s[j+1] == 0xA0:
			adv = spaceLen(s, j)
			want = ' '
			if t.child(n, ' ') < 0 && prevKhmer && j+adv < len(s) {
				r, _ := decode(s, j+adv)
				if isKhmer(r) && !isKhmerMark(r) {
					j += adv // space inside a Khmer name
					continue
				}
			}
		case c == 0xE2 && j+2 < len(s) && s[j+1] == 0x80 && (s[j+2] == 0x99 || s[j+2] == 0x98):
			adv, want = 3, '\''
		default:
			adv, want = 1, lowerASCII(c)
		}
		if adv == 1 && c >= 0x80 {
			// Walk a whole rune so the Khmer test below sees it.
			r, size := decode(s, j)
			nn := n
			for k := 0; k < size && nn >= 0; k++ {
				nn = t.child(nn, s[j+k])
			}
			if nn < 0 {
				break
			}
			n = nn
			j += size
			prevKhmer = isKhmer(r)
			last = 0x80
		} else {
			n = t.child(n, want)
			if n < 0 {
				break
			}
			j += adv
			prevKhmer = false
			last = want
		}
		if out := t.nodes[n].out; len(out) > 0 && last != ' ' && canEnd(s, j, last) {
			var ok []int32
			for _, o := range out {
				if !t.pats[o].cs || caseOK(s[i:j], t.pats[o].text) {
					ok = append(ok, o)
				}
			}
			if len(ok) > 0 {
				bestEnd, best = j, ok
			}
		}
	}
	return bestEnd, best
}

// scan finds the leftmost-longest non-overlapping matches in folded text.
func (t *trie) scan(s string) []hit {
	var hits []hit
	for i := 0; i < len(s); {
		c := s[i]
		if r, n := decode(s, i); r >= 0x1780 && r < 0x1800 {
			a := r - 0x1780
			if !t.first[a] {
				i += n
				continue
			}
			if !t.anyTwo[a] && i+n < len(s) {
				r2, _ := decode(s, i+n)
				b := a*128 + r2 - 0x1780
				if r2 < 0x1780 || r2 >= 0x1800 || t.pairs[b/64]&(1<<(b%64)) == 0 {
					i += n
					continue
				}
			}
		}
		if t.child(0, lowerASCII(c)) < 0 || !canStart(s, i) {
			_, n := decode(s, i)
			i += n
			continue
		}
		if end, pats := t.longestAt(s, i); end > 0 {
			hits = append(hits, hit{i, end, pats})
			i = end
			continue
		}
		_, n := decode(s, i)
		i += n
	}
	return hits
}
