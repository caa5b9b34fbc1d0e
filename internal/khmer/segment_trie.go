package khmer

import (
	"math/bits"
	"sort"
	"strings"
)

// trie is an immutable prefix tree over the runes of the Khmer block,
// built once from a word list. A node's children are allocated together,
// in breadth-first order so that the short prefixes every walk starts
// with share cache lines. Which runes have a child is a 128-bit set, so
// following an edge is a popcount whatever the node's fan-out.
// Segmentation only walks Khmer runs, so words with other runes are never
// stored.
type trie struct {
	nodes []trieNode
	words int
}

type trieNode struct {
	set   [2]uint64 // runes U+1780+i that have a child
	kids  uint32    // index of the first child
	flags uint8     // word flags, 0 when no word ends here
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
	t := &trie{nodes: make([]trieNode, 1, len(words)*2+1)}
	type job struct {
		n     uint32
		words []trieWord
		depth int
	}
	queue := []job{{0, words, 0}}
	for len(queue) > 0 {
		j := queue[0]
		queue = queue[1:]
		ws := j.words
		for len(ws) > 0 && len(ws[0].r) == j.depth {
			if t.nodes[j.n].flags == 0 {
				t.words++
			}
			t.nodes[j.n].flags |= ws[0].flag
			ws = ws[1:]
		}
		first := uint32(len(t.nodes))
		for i := 0; i < len(ws); {
			k := i
			for k < len(ws) && ws[k].r[j.depth] == ws[i].r[j.depth] {
				k++
			}
			d := ws[i].r[j.depth] - 0x1780
			t.nodes[j.n].set[d>>6] |= 1 << (d & 63)
			queue = append(queue, job{uint32(len(t.nodes)), ws[i:k], j.depth + 1})
			t.nodes = append(t.nodes, trieNode{})
			i = k
		}
		t.nodes[j.n].kids = first
	}
	return t
}

func lessRunes(a, b []rune) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// next follows the edge labelled r from node n, returning -1 if none.
func (t *trie) next(n int32, r rune) int32 {
	d := uint32(r - 0x1780)
	if d >= 128 {
		return -1
	}
	s := &t.nodes[n].set
	w := s[d>>6]
	bit := uint64(1) << (d & 63)
	if w&bit == 0 {
		return -1
	}
	rank := bits.OnesCount64(w & (bit - 1))
	if d >= 64 {
		rank += bits.OnesCount64(s[0])
	}
	return int32(t.nodes[n].kids) + int32(rank)
}

// lookup returns the flags of word w, 0 when absent.
func (t *trie) lookup(w string) uint8 {
	n := int32(0)
	for _, r := range w {
		if n = t.next(n, r); n < 0 {
			return 0
		}
	}
	return t.nodes[n].flags
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
