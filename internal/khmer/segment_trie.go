package khmer

import (
	"math/bits"
	"sort"
	"strings"
)

// trie is an immutable prefix tree over the runes of the Khmer block,
// built once from a word list. A node's children are allocated together;
// which runes have a child is a 128-bit set, so following an edge is two
// loads and a popcount, whatever the node's fan-out. Segmentation only
// walks Khmer runs, so words with other runes are never stored.
type trie struct {
	set   [][2]uint64 // per node: runes U+1780+i that have a child
	kids  []uint32    // per node: index of its first child
	flags []uint8     // per node: word flags, 0 when no word ends here
	words int
}

// Word flags stored in the trie.
const (
	flagDict   uint8 = 1 << iota // a dictionary word
	flagKnown                    // a registered gazetteer word: keep whole
	flagPrefix                   // a bound prefix that joins the next word
	flagPhrase                   // a dictionary entry that is a particle + a word: read as two words
)

type trieWord struct {
	r    []rune
	flag uint8
}

// buildTrie builds a trie; words may repeat (their flags are or-ed).
func buildTrie(words []trieWord) *trie {
	sort.Slice(words, func(i, j int) bool { return lessRunes(words[i].r, words[j].r) })
	t := &trie{}
	t.newNodes(1)
	t.build(0, words, 0)
	return t
}

func (t *trie) newNodes(k int) uint32 {
	first := uint32(len(t.flags))
	for ; k > 0; k-- {
		t.set = append(t.set, [2]uint64{})
		t.kids = append(t.kids, 0)
		t.flags = append(t.flags, 0)
	}
	return first
}

func lessRunes(a, b []rune) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// build fills node n from sorted words that share their first depth runes.
func (t *trie) build(n uint32, words []trieWord, depth int) {
	for len(words) > 0 && len(words[0].r) == depth {
		if t.flags[n] == 0 {
			t.words++
		}
		t.flags[n] |= words[0].flag
		words = words[1:]
	}
	var groups [][]trieWord
	for i := 0; i < len(words); {
		j := i
		for j < len(words) && words[j].r[depth] == words[i].r[depth] {
			j++
		}
		groups = append(groups, words[i:j])
		i = j
	}
	if len(groups) == 0 {
		return
	}
	first := t.newNodes(len(groups))
	t.kids[n] = first
	for k, g := range groups {
		d := g[0].r[depth] - 0x1780
		t.set[n][d>>6] |= 1 << (d & 63)
		t.build(first+uint32(k), g, depth+1)
	}
}

// next follows the edge labelled r from node n, returning -1 if none.
func (t *trie) next(n int32, r rune) int32 {
	d := uint32(r - 0x1780)
	if d >= 128 {
		return -1
	}
	s := &t.set[n]
	w := s[d>>6]
	bit := uint64(1) << (d & 63)
	if w&bit == 0 {
		return -1
	}
	rank := bits.OnesCount64(w & (bit - 1))
	if d >= 64 {
		rank += bits.OnesCount64(s[0])
	}
	return int32(t.kids[n]) + int32(rank)
}

// lookup returns the flags of word w, 0 when absent.
func (t *trie) lookup(w string) uint8 {
	n := int32(0)
	for _, r := range w {
		if n = t.next(n, r); n < 0 {
			return 0
		}
	}
	return t.flags[n]
}

// toTrieWord normalises w for the trie. It returns nil for words that
// segmentation could never match whole: empty, or holding anything but
// Khmer letters and marks (spaces, digits, Latin).
func toTrieWord(w string, flag uint8) *trieWord {
	w = Normalize(strings.TrimSpace(w))
	if w == "" {
		return nil
	}
	r := []rune(w)
	for i, c := range r {
		cl := classOf(c)
		if cl != clsCons && cl != clsIndV && !isMark(cl) || i == 0 && isMark(cl) {
			return nil
		}
	}
	return &trieWord{r: r, flag: flag}
}

// node returns the node reached by w, or -1.
func (t *trie) node(w []rune) int32 {
	n := int32(0)
	for _, r := range w {
		if n = t.next(n, r); n < 0 {
			return -1
		}
	}
	return n
}
