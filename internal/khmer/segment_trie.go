package khmer

import (
	"math/bits"
	"sort"
	"strings"
	"unicode/utf8"
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
	tails []byte // UTF-8 of the single-path stretches, see trieNode.tail
	words int
}

// trieNode is one node. A node reached through a stretch of runes that
// every word below shares, with no word ending inside it, holds that
// stretch as tail: the walk compares it byte for byte instead of stepping
// through one node per rune, which saves most cache misses in the long,
// unbranched ends of words.
type trieNode struct {
	set     [2]uint64 // runes U+1780+i that have a child
	kids    uint32    // index of the first child
	tail    uint32    // offset of the node's tail in trie.tails
	tailLen uint16    // length of the tail in bytes, 0 for none
	flags   uint8     // word flags, 0 when no word ends here
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
			// Extend the child over runes all its words share.
			g := ws[i:k]
			e := j.depth + 1
			for shared(g, e) {
				e++
			}
			child := trieNode{tail: uint32(len(t.tails))}
			for _, r := range g[0].r[j.depth+1 : e] {
				t.tails = utf8.AppendRune(t.tails, r)
			}
			child.tailLen = uint16(len(t.tails) - int(child.tail))
			queue = append(queue, job{uint32(len(t.nodes)), g, e})
			t.nodes = append(t.nodes, child)
			i = k
		}
		t.nodes[j.n].kids = first
	}
	return t
}

// shared reports whether every word of g has a rune at index e, the same
// one, and the run stays within a tail's length limit.
func shared(g []trieWord, e int) bool {
	if e-len(g[0].r) >= 0 || e > 2000 {
		return false
	}
	r := g[0].r[e]
	for _, w := range g[1:] {
		if len(w.r) <= e || w.r[e] != r {
			return false
		}
	}
	return true
}

func lessRunes(a, b []rune) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

// lookup returns the flags of word w, 0 when absent.
func (t *trie) lookup(w string) uint8 {
	if n := t.nodeOf(w); n >= 0 {
		return t.nodes[n].flags
	}
	return 0
}

// nodeOf returns the node that w leads to, or -1.
func (t *trie) nodeOf(w string) int32 {
	n := uint32(0)
	for p := 0; p < len(w); {
		r, sz := utf8.DecodeRuneInString(w[p:])
		d := uint32(r - 0x1780)
		if d >= 128 {
			return -1
		}
		nd := &t.nodes[n]
		word := nd.set[d>>6]
		bit := uint64(1) << (d & 63)
		if word&bit == 0 {
			return -1
		}
		rank := bits.OnesCount64(word & (bit - 1))
		if d >= 64 {
			rank += bits.OnesCount64(nd.set[0])
		}
		n = nd.kids + uint32(rank)
		p += sz
		if tl := int(t.nodes[n].tailLen); tl > 0 {
			tail := t.tails[t.nodes[n].tail : int(t.nodes[n].tail)+tl]
			if len(w)-p < tl || w[p:p+tl] != string(tail) {
				return -1
			}
			p += tl
		}
	}
	return int32(n)
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
