package khmer

import (
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// WordKind tells what a segmented word is.
type WordKind uint8

// Kinds of words produced by the Segmenter.
const (
	WordKhmer   WordKind = iota + 1 // a Khmer word found in the dictionary or by a rule
	WordKnown                       // a registered gazetteer word, kept whole
	WordUnknown                     // a run of Khmer clusters no dictionary word covers (often a name)
	WordNumber                      // a run of digits, Khmer or ASCII, with inner separators
	WordLatin                       // a run of letters and digits in another script (English…)
	WordPunct                       // one punctuation mark or symbol, ។ ៕ ៗ included
)

func (k WordKind) String() string {
	switch k {
	case WordKhmer:
		return "khmer"
	case WordKnown:
		return "known"
	case WordUnknown:
		return "unknown"
	case WordNumber:
		return "number"
	case WordLatin:
		return "latin"
	case WordPunct:
		return "punct"
	}
	return "invalid"
}

// Span is one word of a segmented text: byte offsets into the text given
// to the Segmenter (the display text, not its normalised form).
type Span struct {
	Start, End int
	Kind       WordKind
}

// boundPrefixes are Khmer formative prefixes that make one word with the
// word after them (ការ + verb is a noun, អ្នក + verb an agent noun…).
// The list is the grammar's, written by hand.
var boundPrefixes = []string{
	"ការ", "សេចក្តី", "ភាព", "ព្រះ", "កិច្ច", "អំពើ", "អ្នក",
}

// grammarWords are lexicalised grammatical compounds missing from ICU's
// dictionary: ត្រូវបាន is the passive auxiliary, one word.
var grammarWords = []string{"ត្រូវបាន"}

// particles are Khmer grammatical words that stand before a verb or
// noun phrase as words of their own — negation, aspect and modal
// auxiliaries, "also", existential មាន — although ICU's dictionary lists many of their
// combinations (មិនបាន, ក៏បាន, មិនទាន់) as single entries.
var particles = []string{"មិន", "បាន", "ក៏", "នឹង", "កំពុង", "ទើប", "ធ្លាប់", "មាន"}

// markPhrases flags dictionary entries that are a particle followed by a
// dictionary word (មិនបាន, មានការ), so that segmentation reads them as
// two words. Hand-listed grammar words are left alone.
func markPhrases(t *trie, words []trieWord) {
	isDict := func(r []rune) bool {
		n := t.nodeOf(string(r))
		return n >= 0 && t.nodes[n].flags&flagDict != 0
	}
	var parts [][]rune
	for _, p := range particles {
		parts = append(parts, []rune(Normalize(p)))
	}
	grammar := map[string]bool{}
	for _, g := range grammarWords {
		grammar[Normalize(g)] = true
	}
	for _, w := range words {
		if w.flag&flagDict == 0 || grammar[string(w.r)] {
			continue
		}
		phrase := false
		for _, p := range parts {
			if len(w.r) > len(p) && slices.Equal(w.r[:len(p)], p) && isDict(w.r[len(p):]) {
				phrase = true
				break
			}
		}
		if phrase {
			t.nodes[t.nodeOf(string(w.r))].flags |= flagPhrase
		}
	}
}

var (
	baseOnce sync.Once
	baseTrie *trie
	baseErr  error
)

// baseDictionary builds, once per process, the trie of ICU's Khmer words
// and the project's hand-written prefixes.
func baseDictionary() (*trie, error) {
	baseOnce.Do(func() {
		list, err := icuDictionaryWords()
		if err != nil {
			baseErr = err
		}
		words := make([]trieWord, 0, len(list)+len(boundPrefixes))
		for _, w := range list {
			if tw := toTrieWord(w, flagDict); tw != nil {
				words = append(words, *tw)
			}
		}
		for _, w := range grammarWords {
			if tw := toTrieWord(w, flagDict); tw != nil {
				words = append(words, *tw)
			}
		}
		for _, w := range boundPrefixes {
			if tw := toTrieWord(w, flagPrefix); tw != nil {
				words = append(words, *tw)
			}
		}
		baseTrie = buildTrie(words)
		markPhrases(baseTrie, words)
	})
	return baseTrie, baseErr
}

// Segmenter splits text into words: Khmer by dictionary (ICU's Khmer word
// list read from the system ICU data, plus registered gazetteer words,
// which always win), digits, Latin runs and punctuation by their script.
// It is safe for concurrent use, AddWords included.
type Segmenter struct {
	dict  *trie
	err   error
	known atomic.Pointer[trie]
	mu    sync.Mutex
	words []trieWord // registered gazetteer words, for rebuilding known
	pool  sync.Pool  // *segState
}

// NewSegmenter returns a Segmenter that keeps extraWords (names of people,
// parties, bodies, places, titles) whole. The dictionary is loaded once
// per process and shared by all Segmenters.
func NewSegmenter(extraWords ...string) *Segmenter {
	s := &Segmenter{}
	s.dict, s.err = baseDictionary()
	s.known.Store(buildTrie(nil))
	s.AddWords(extraWords...)
	return s
}

// Err reports why the dictionary could not be loaded (ICU data missing or
// a build without cgo), in which case the Segmenter knows only registered
// words and splits the rest of Khmer text by cluster runs.
func (s *Segmenter) Err() error { return s.err }

// AddWords registers gazetteer words that segmentation must keep whole.
// Words are normalised; words with spaces cannot be kept whole across the
// space and are ignored. Adding rebuilds the small gazetteer trie, so add
// many words in one call rather than one per call.
func (s *Segmenter) AddWords(words ...string) {
	if len(words) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range words {
		if tw := toTrieWord(w, flagKnown); tw != nil {
			s.words = append(s.words, *tw)
		}
	}
	cp := make([]trieWord, len(s.words))
	copy(cp, s.words)
	s.known.Store(buildTrie(cp))
}

// DictionarySize returns the number of dictionary and registered words.
func (s *Segmenter) DictionarySize() int {
	return s.dict.words + s.known.Load().words
}

// segState holds the buffers of one segmentation, reused through a pool so
// that segmenting a line allocates nothing in the steady state.
type segState struct {
	bounds []int   // cluster boundaries of the current Khmer run
	cost   []int32 // DP: best cost to reach boundary i
	back   []int32 // DP: start boundary of the last word
	kind   []uint8 // DP: kind of the last word
	final  []bool  // boundary k likely cuts a syllable from its final
	shape  []uint8 // shape of each cluster of the current Khmer run
	hits   []hit   // words found from one start
	hits2  []hit   // words found after a bound prefix
	spans  []Span  // result in normalised offsets
}

// Segment returns the words of text, in order. Whitespace separates words
// and is not returned; each word is a substring of text.
func (s *Segmenter) Segment(text string) []string {
	spans := s.Spans(nil, text)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = text[sp.Start:sp.End]
	}
	return out
}

// AppendLine appends the words of line to dst separated by single spaces,
// the output format of `kamnotra segment`.
func (s *Segmenter) AppendLine(dst []byte, line string) []byte {
	st := s.getState()
	spans := s.spans(st, st.spans[:0], line)
	for i, sp := range spans {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, line[sp.Start:sp.End]...)
	}
	st.spans = spans
	s.pool.Put(st)
	return dst
}

// Spans appends the words of text to dst as byte spans of text.
func (s *Segmenter) Spans(dst []Span, text string) []Span {
	st := s.getState()
	dst = s.spans(st, dst, text)
	s.pool.Put(st)
	return dst
}

func (s *Segmenter) getState() *segState {
	if v := s.pool.Get(); v != nil {
		return v.(*segState)
	}
	return &segState{}
}

func (s *Segmenter) spans(st *segState, dst []Span, text string) []Span {
	if firstChange(text) >= 0 { // invalid UTF-8 included
		n := NormalizeMap(text)
		base := len(dst)
		dst = s.segmentNorm(st, dst, n.Text)
		// Map back to the display text and trim what normalisation
		// dropped at the edges of each word.
		w := base
		for _, sp := range dst[base:] {
			a, b := n.OrigSpan(sp.Start, sp.End)
			for a < b {
				r, m := utf8.DecodeRuneInString(text[a:])
				if !isInvisible(r) && r != 0x17B4 && r != 0x17B5 {
					break
				}
				a += m
			}
			for a < b {
				r, m := utf8.DecodeLastRuneInString(text[a:b])
				if !isInvisible(r) && r != 0x17B4 && r != 0x17B5 {
					break
				}
				b -= m
			}
			if a >= b {
				continue
			}
			// Words that fall in one changed cluster of the display
			// text map to the same span: keep one word.
			if w > base && a < dst[w-1].End {
				dst[w-1].End = max(dst[w-1].End, b)
				continue
			}
			dst[w] = Span{a, b, sp.Kind}
			w++
		}
		return dst[:w]
	}
	return s.segmentNorm(st, dst, text)
}

// abbreviationEnd returns the end of a Khmer abbreviation starting at i
// (គ.ជ.ប, ឧ.): one or two vowelless clusters — initial letters — each
// followed by a dot, the last dot optional once there are two parts. It
// returns i when there is none.
func abbreviationEnd(t string, i int) int {
	parts, j, end := 0, i, i
	for {
		k, n := j, 0
		for n < 2 && k < len(t) && clusterCat(t, k) == catKhmer {
			c := NextCluster(t[k:])
			if clusterHasVowel(t[k : k+c]) {
				return end
			}
			k += c
			n++
		}
		if n == 0 || (k < len(t) && clusterCat(t, k) == catKhmer) {
			return end
		}
		parts++
		if k < len(t) && t[k] == '.' {
			j = k + 1
			end = j
			continue
		}
		if parts >= 2 {
			end = k
		}
		return end
	}
}

// cluster categories for segmentation
const (
	catSpace = iota
	catKhmer
	catDigit
	catLatin
	catPunct
)

func clusterCat(s string, i int) int {
	r, _ := decode(s, i)
	switch c := classOf(r); {
	case c == clsCons || c == clsIndV || isMark(c):
		return catKhmer
	case c == clsDigit:
		return catDigit
	case c == clsPunct || c == clsSymbol:
		return catPunct
	}
	switch {
	case r >= '0' && r <= '9':
		return catDigit
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return catLatin
		}
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f' {
			return catSpace
		}
		return catPunct
	case unicode.IsSpace(r):
		return catSpace
	case unicode.IsDigit(r):
		return catDigit
	case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
		return catLatin
	}
	return catPunct
}

// segmentNorm segments normalised text t, appending spans of t.
func (s *Segmenter) segmentNorm(st *segState, dst []Span, t string) []Span {
	known := s.known.Load()
	base := len(dst)
	for i := 0; i < len(t); {
		cat := clusterCat(t, i)
		n := NextCluster(t[i:])
		switch cat {
		case catSpace:
			i += n
		case catPunct:
			dst = append(dst, Span{i, i + n, WordPunct})
			i += n
		case catDigit:
			j := i + n
			for j < len(t) {
				c := clusterCat(t, j)
				if c == catDigit {
					j += NextCluster(t[j:])
					continue
				}
				// A separator between digits stays inside the number.
				if (t[j] == ',' || t[j] == '.') && j+1 < len(t) && clusterCat(t, j+1) == catDigit {
					j++
					continue
				}
				break
			}
			dst = append(dst, Span{i, j, WordNumber})
			i = j
		case catLatin:
			j := i + n
			for j < len(t) {
				c := clusterCat(t, j)
				if c == catLatin || c == catDigit && t[j] < utf8.RuneSelf {
					j += NextCluster(t[j:])
					continue
				}
				if (t[j] == '\'' || t[j] == '-') && j+1 < len(t) && clusterCat(t, j+1) == catLatin {
					j++
					continue
				}
				break
			}
			dst = append(dst, Span{i, j, WordLatin})
			i = j
		case catKhmer:
			if j := abbreviationEnd(t, i); j > i {
				dst = append(dst, Span{i, j, WordKhmer})
				i = j
				continue
			}
			// One pass finds the run's clusters and their shapes.
			b, sh := st.bounds[:0], st.shape[:0]
			j := i
			for j < len(t) {
				e, shape := scanKhmerCluster(t, j)
				if e == j {
					break
				}
				b, sh = append(b, j), append(sh, shape)
				j = e
			}
			st.bounds, st.shape = append(b, j), sh
			dst = s.segmentKhmer(st, dst, t, j, known)
			i = j
		}
	}
	return dst[:base+len(joinNameSyllables(dst[base:], t))]
}

// Costs of the dynamic programme, per word. The segmentation chosen has
// the least total cost: as few words as possible, a cluster outside every
// word costs more than a word so that dictionary words are used where they
// fit, and a registered word costs least so that it is never split.
const (
	costWord    = 100
	costKnown   = 20
	costUnknown = 140
	// costPrefixed is a bound prefix with its word, which the dictionary
	// rarely lists (ការ + any verb is a noun).
	costPrefixed = 100
	// costSplitFinal is added to a word starting right before a bare
	// consonant that follows a vowel: the consonant is most likely that
	// syllable's final.
	costSplitFinal = 30
	// costPhrase is a dictionary entry that is really two words: dearer
	// than the two words it is made of.
	costPhrase = 2*costWord + 1
)

const (
	edgeWord uint8 = iota + 1
	edgeKnown
	edgeUnknown
	edgePrefix
)

// segmentKhmer segments a run of Khmer clusters ending at to, whose
// cluster boundaries are in st.bounds.
func (s *Segmenter) segmentKhmer(st *segState, dst []Span, t string, to int, known *trie) []Span {
	b := st.bounds
	m := len(b) - 1
	if cap(st.cost) < m+1 {
		st.cost = make([]int32, m+1)
		st.back = make([]int32, m+1)
		st.kind = make([]uint8, m+1)
	}
	cost, back, kind := st.cost[:m+1], st.back[:m+1], st.kind[:m+1]
	for i := range cost {
		cost[i] = 1 << 30
	}
	cost[0] = 0
	// A boundary between a cluster with a vowel and a bare consonant
	// usually cuts a syllable from its final consonant (បា|ន): such
	// boundaries cost extra, and an unknown stretch may take the final
	// with it.
	if cap(st.final) < m+1 {
		st.final = make([]bool, m+1)
	}
	final := st.final[:m+1]
	final[0], final[m] = false, false
	shape := st.shape
	for k := 1; k < m; k++ {
		final[k] = shape[k-1]&shapeVowel != 0 && shape[k]&shapeBare != 0
	}
	for i := 0; i < m; i++ {
		if cost[i] == 1<<30 {
			continue
		}
		ci := cost[i]
		if final[i] {
			ci += costSplitFinal
		}
		relaxFrom(cost, back, kind, ci, i, i+1, costUnknown, edgeUnknown)
		if i+2 <= m && final[i+1] {
			relaxFrom(cost, back, kind, ci, i, i+2, costUnknown, edgeUnknown)
		}
		for _, tr := range [2]*trie{s.dict, known} {
			if tr.words == 0 {
				continue
			}
			hits := walk(st.hits[:0], tr, t, b, i, to)
			for _, h := range hits {
				k, f := int(h.k), h.f
				switch {
				case f&flagKnown != 0:
					relaxFrom(cost, back, kind, ci, i, k, costKnown, edgeKnown)
				case f&flagPhrase != 0:
					relaxFrom(cost, back, kind, ci, i, k, costPhrase, edgeWord)
				case f&flagDict != 0:
					relaxFrom(cost, back, kind, ci, i, k, costWord, edgeWord)
				}
				if f&flagPrefix != 0 && k < m && !final[k] {
					// A bound prefix and the dictionary word after it
					// are one word (ការ + ងារ…).
					st.hits2 = walk(st.hits2[:0], s.dict, t, b, k, to)
					for _, h2 := range st.hits2 {
						if h2.f&flagDict != 0 && !notAfterPrefix[t[b[k]:b[h2.k]]] {
							relaxFrom(cost, back, kind, ci, i, int(h2.k), costPrefixed, edgeWord)
						}
					}
				}
			}
			st.hits = hits
		}
	}
	// Walk back, then emit in order: reverse the path in place in back.
	start := len(dst)
	for j := m; j > 0; {
		i := int(back[j])
		dst = append(dst, Span{b[i], b[j], edgeKind(kind[j])})
		j = i
	}
	for x, y := start, len(dst)-1; x < y; x, y = x+1, y-1 {
		dst[x], dst[y] = dst[y], dst[x]
	}
	return mergeKhmer(dst, start, t)
}

func relaxFrom(cost, back []int32, kind []uint8, ci int32, i, j int, c int32, k uint8) {
	// Ties go to the later start: the earlier words are then the longer
	// ones, as in maximal matching.
	if v := ci + c; v <= cost[j] {
		cost[j], back[j], kind[j] = v, int32(i), k
	}
}

// hit is a dictionary word ending at cluster boundary k, with its flags.
type hit struct {
	k int32
	f uint8
}

// walk appends to dst every word of tr that starts at cluster boundary
// b[i] and ends at a cluster boundary.
func walk(dst []hit, tr *trie, t string, b []int, i, to int) []hit {
	m := len(b) - 1
	node := uint32(0)
	k := i + 1
	for p := b[i]; p < to; {
		// Decoding and the edge lookup are written out here, the
		// innermost loop of segmentation: a Khmer rune is E1 9E|9F xx.
		var d uint32
		if p+2 < len(t) && t[p] == 0xE1 && t[p+1]&0xFE == 0x9E {
			d = uint32(t[p+1]&1)<<6 | uint32(t[p+2]&0x3F)
			p += 3
		} else {
			return dst // runs hold only Khmer; anything else ends words
		}
		nd := &tr.nodes[node]
		w := nd.set[d>>6]
		bit := uint64(1) << (d & 63)
		if w&bit == 0 {
			break
		}
		rank := bits.OnesCount64(w & (bit - 1))
		if d >= 64 {
			rank += bits.OnesCount64(nd.set[0])
		}
		node = nd.kids + uint32(rank)
		if tl := int(tr.nodes[node].tailLen); tl > 0 {
			// Shared stretch: no word ends inside it.
			off := int(tr.nodes[node].tail)
			if p+tl > to || t[p:p+tl] != string(tr.tails[off:off+tl]) {
				break
			}
			p += tl
		}
		for k <= m && b[k] < p {
			k++
		}
		if k <= m && b[k] == p {
			if f := tr.nodes[node].flags; f != 0 {
				dst = append(dst, hit{int32(k), f})
			}
		}
	}
	return dst
}

// Cluster shapes found by scanKhmerCluster.
const (
	shapeVowel uint8 = 1 << iota // has a vowel of its own (see clusterHasVowel)
	shapeBare                    // a lone consonant, maybe with a final sign (see clusterIsBare)
)

// scanKhmerCluster returns the end of the Khmer cluster starting at t[i]
// and its shape, or i when no Khmer cluster starts there. On normalised
// text (no invisibles) its clusters are NextCluster's, its shapes those of
// clusterHasVowel and clusterIsBare, in one pass instead of three.
func scanKhmerCluster(t string, i int) (int, uint8) {
	r, n := decode(t, i)
	c := classOf(r)
	var sh uint8
	switch {
	case c == clsCons:
		sh = shapeBare
	case c == clsIndV:
		sh = shapeVowel
	case c == clsCoeng:
		n = 0 // the marks loop takes the subscript with its letter
	case c == clsDepV:
		sh = shapeVowel
	case isMark(c):
	default:
		return i, 0
	}
	j := i + n
	for j < len(t) {
		r, m := decode(t, j)
		c := classOf(r)
		switch {
		case c == clsCoeng:
			j += m
			sh &^= shapeBare
			if j < len(t) {
				if r2, m2 := decode(t, j); classOf(r2) == clsCons || classOf(r2) == clsIndV {
					j += m2
				}
			}
		case c == clsDepV:
			sh = sh&^shapeBare | shapeVowel
			j += m
		case r == 0x17CB || r == 0x17CD || r == 0x17CE || r == 0x17CF:
			j += m
		case isMark(c):
			sh &^= shapeBare
			j += m
		default:
			return j, sh
		}
	}
	return j, sh
}

// clusterHasVowel reports whether a cluster carries a vowel of its own: a
// dependent vowel sign, or an independent vowel as base.
func clusterHasVowel(cl string) bool {
	for i := 0; i < len(cl); {
		r, n := decode(cl, i)
		if c := classOf(r); c == clsDepV || (i == 0 && c == clsIndV) {
			return true
		}
		i += n
	}
	return false
}

// clusterIsBare reports whether a cluster is a lone consonant, possibly
// with a sign that marks it as a final (bantoc ់, toandakhiat ៍):
// the shape of a syllable's final consonant.
func clusterIsBare(cl string) bool {
	r, n := decode(cl, 0)
	if classOf(r) != clsCons {
		return false
	}
	for n < len(cl) {
		r, m := decode(cl, n)
		if r != 0x17CB && r != 0x17CD && r != 0x17CE && r != 0x17CF {
			return false
		}
		n += m
	}
	return true
}

func edgeKind(k uint8) WordKind {
	switch k {
	case edgeKnown:
		return WordKnown
	case edgeUnknown:
		return WordUnknown
	}
	return WordKhmer
}

// mergeKhmer applies the joining rules to the words dst[start:]: runs of
// unknown clusters become one word (an unknown name is one word, not a
// string of letters), and a bound prefix joins the word after it.
func mergeKhmer(dst []Span, start int, t string) []Span {
	w := start
	for r := start; r < len(dst); r++ {
		sp := dst[r]
		if w > start {
			prev := &dst[w-1]
			if prev.Kind == WordUnknown && sp.Kind == WordUnknown {
				prev.End = sp.End
				continue
			}
		}
		dst[w] = sp
		w++
	}
	dst = dst[:w]
	w = start
	for r := start; r < len(dst); r++ {
		sp := dst[r]
		if w > start {
			prev := &dst[w-1]
			if prev.Kind != WordKnown && sp.Kind != WordKnown && isBoundPrefix(t[prev.Start:prev.End]) && !notAfterPrefix[t[sp.Start:sp.End]] {
				prev.End = sp.End
				if sp.Kind == WordUnknown {
					prev.Kind = WordKhmer
				}
				continue
			}
		}
		dst[w] = sp
		w++
	}
	return dst[:w]
}

// nameTitles are the honorifics and words that introduce a person's name.
var nameTitles = map[string]bool{}

// titleLen marks the byte lengths of nameTitles, a cheap first test.
var titleLen [64]bool

// nameStops end the stretch of name words after a title: grammar words
// that never belong to a name.
var nameStops = map[string]bool{}

func init() {
	for _, w := range []string{"លោក", "លោកស្រី", "ឯកឧត្តម", "លោកជំទាវ", "កញ្ញា", "អ្នកនាង", "ឈ្មោះ", "នាង",
		"សម្តេច", "ឧកញ៉ា", "បណ្ឌិត", "អ្នកស្រី", "ព្រះអង្គ", "ស្រី", "ប្រុស"} {
		nameTitles[Normalize(w)] = true
		titleLen[len(Normalize(w))] = true
	}
	for _, w := range []string{"បាន", "និង", "ជា", "នៅ", "ថា", "ដែល", "ក៏", "នឹង", "មាន", "ត្រូវបាន", "គឺ", "ទៅ",
		"មក", "ពី", "ដោយ", "របស់", "ក្នុង", "ហើយ", "ផង", "ដែរ", "នេះ", "នោះ", "ឲ្យ", "ឱ្យ", "មិន", "ទេ", "តែ", "ឬ"} {
		nameStops[Normalize(w)] = true
		notAfterPrefix[Normalize(w)] = true
	}
	for _, w := range []string{"ទាំង", "ទាំងនោះ", "ទាំងនេះ", "ទាំងអស់", "ទាំងពីរ", "ខ្លះ", "ណា", "ឯង"} {
		notAfterPrefix[Normalize(w)] = true
	}
}

// joinNameSyllables applies a regularity of Khmer names to the words after
// a title (លោក, ឯកឧត្តម, កញ្ញា…): a name word is rarely a single
// cluster, so such a cluster — which the dictionary happens to know as a
// word (សុ, មេ, រី, សំ) — joins the name word after it (សុ|ផាត់ →
// សុផាត់), and a run of such clusters is one word (សុ|មេ|រី → សុមេរី).
// A single cluster at the end of the name stays a word.
func joinNameSyllables(dst []Span, t string) []Span {
	w := 0
	zone := 0       // name words still expected after a title
	joined := false // the last word was made by joining
	single := func(x string) bool { return NextCluster(x) == len(x) }
	for r := 0; r < len(dst); r++ {
		sp := dst[r]
		word := t[sp.Start:sp.End]
		khmer := sp.Kind == WordKhmer || sp.Kind == WordUnknown
		// Map lookups only where they can matter: most words are
		// neither near a title nor of a title's length.
		stop := zone > 0 && nameStops[word]
		if w > 0 && zone > 0 && khmer && !stop {
			prev := &dst[w-1]
			pw := t[prev.Start:prev.End]
			if prev.End == sp.Start && prev.Kind != WordKnown && !nameTitles[pw] && !nameStops[pw] &&
				(single(pw) || joined && single(word)) {
				prev.End = sp.End
				prev.Kind = WordUnknown
				joined = true
				zone--
				continue
			}
		}
		switch {
		case khmer && len(word) < len(titleLen) && titleLen[len(word)] && nameTitles[word]:
			zone = 3
		case !khmer || stop:
			zone = 0
		case zone > 0:
			zone--
		}
		joined = false
		dst[w] = sp
		w++
	}
	return dst[:w]
}

// notAfterPrefix are grammar words a bound prefix does not take: after
// them អ្នក is the pronoun "you, the one", not the agent prefix
// (អ្នក|ទាំងនោះ, អ្នក|ដែល).
var notAfterPrefix = map[string]bool{}

func isBoundPrefix(w string) bool {
	for _, p := range normPrefixes {
		if w == p {
			return true
		}
	}
	return false
}

var normPrefixes = func() []string {
	out := make([]string, len(boundPrefixes))
	for i, p := range boundPrefixes {
		out[i] = Normalize(p)
	}
	return out
}()
