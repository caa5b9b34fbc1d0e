package khmer

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// TokenKind tells what a search token stands for and which column of an
// index it belongs to: the match column (Bigram, Cluster, Number, Latin)
// decides whether a document matches; the rank column (Word, Name) only
// orders results.
type TokenKind uint8

// Kinds of search tokens.
const (
	TokenBigram  TokenKind = iota + 1 // two adjacent Khmer clusters, normalised; Khmer's positional stream
	TokenCluster                      // one normalised Khmer cluster (KCC)
	TokenNumber                       // a number in ASCII digits, separators dropped
	TokenLatin                        // a Latin word: lowercased, accents folded, Porter-stemmed
	TokenWord                         // a segmented Khmer word, normalised (rank column)
	TokenName                         // a name key: a registered Khmer name, or a capitalised Latin word unstemmed (rank column)
)

func (k TokenKind) String() string {
	switch k {
	case TokenBigram:
		return "bigram"
	case TokenCluster:
		return "cluster"
	case TokenNumber:
		return "number"
	case TokenLatin:
		return "latin"
	case TokenWord:
		return "word"
	case TokenName:
		return "name"
	}
	return "invalid"
}

// Match reports whether tokens of this kind decide matching (the match
// column) rather than ranking.
func (k TokenKind) Match() bool { return k >= TokenBigram && k <= TokenLatin }

// Token is one search token. Text holds no ASCII space or punctuation;
// Khmer and other non-ASCII bytes stay inside it. Position counts tokens
// within its column (match or rank); Start and End are byte offsets of the
// text it came from in the original, display text.
type Token struct {
	Text       string
	Kind       TokenKind
	Position   int
	Start, End int
}

// Tokenizer turns mixed Khmer and English text into search tokens. The
// same Tokenizer must serve indexing and queries. Matching tokens do not
// depend on the segmenter's dictionary, so registering gazetteer words
// later changes ranking tokens only and never invalidates an index.
type Tokenizer struct {
	seg *Segmenter
}

// NewTokenizer returns a Tokenizer whose rank tokens come from seg.
func NewTokenizer(seg *Segmenter) *Tokenizer { return &Tokenizer{seg: seg} }

var (
	defaultOnce sync.Once
	defaultSeg  *Segmenter
	defaultTok  *Tokenizer
)

// DefaultSegmenter returns the process-wide Segmenter used by the
// package-level token functions. Register gazetteer words on it with
// AddWords.
func DefaultSegmenter() *Segmenter {
	defaultOnce.Do(func() {
		defaultSeg = NewSegmenter()
		defaultTok = NewTokenizer(defaultSeg)
	})
	return defaultSeg
}

func defaultTokenizer() *Tokenizer {
	DefaultSegmenter()
	return defaultTok
}

// Tokens tokenises text with the default Tokenizer.
func Tokens(text string) []Token { return defaultTokenizer().Tokens(text) }

// IndexString returns the match column of text for the default Tokenizer.
func IndexString(text string) string { return defaultTokenizer().IndexString(text) }

// RankString returns the rank column of text for the default Tokenizer.
func RankString(text string) string { return defaultTokenizer().RankString(text) }

// QueryTokens returns the phrase groups of a query for the default
// Tokenizer.
func QueryTokens(query string) [][]string { return defaultTokenizer().QueryTokens(query) }

// QueryRankTokens returns the rank tokens of a query for the default
// Tokenizer.
func QueryRankTokens(query string) []string { return defaultTokenizer().QueryRankTokens(query) }

// Tokens returns the tokens of text: first the match column in text order
// (Khmer bigrams, numbers and Latin words interleaved as they come, then
// every Khmer cluster), then the rank column (Khmer words and name keys).
//
// Khmer bigrams run across spaces and ZWSP between Khmer clusters, since
// Khmer spacing is not word spacing: a query typed with or without a space
// finds the same text. Anything else (digits, Latin, punctuation) breaks
// the Khmer stream.
func (tk *Tokenizer) Tokens(text string) []Token {
	n := NormalizeMap(text)
	t := n.Text
	match := make([]Token, 0, len(t)/6+4)
	unigrams := make([]Token, 0, len(t)/8+4)
	var rank []Token
	var stream []int // cluster starts (in t) of the current Khmer stream, then its end pairs
	var ends []int
	flush := func() {
		for i := range stream {
			s, e := stream[i], ends[i]
			os, oe := n.OrigSpan(s, e)
			unigrams = append(unigrams, Token{Text: t[s:e], Kind: TokenCluster, Start: os, End: oe})
			if i+1 < len(stream) {
				s2, e2 := stream[i+1], ends[i+1]
				_, oe2 := n.OrigSpan(s2, e2)
				match = append(match, Token{Text: joinClusters(t, s, e, s2, e2), Kind: TokenBigram, Start: os, End: oe2})
			}
		}
		stream, ends = stream[:0], ends[:0]
	}
	for i := 0; i < len(t); {
		c := NextCluster(t[i:])
		switch clusterCat(t, i) {
		case catSpace:
			i += c
		case catKhmer:
			stream = append(stream, i)
			ends = append(ends, i+c)
			i += c
		case catDigit:
			flush()
			j := digitRunEnd(t, i)
			os, oe := n.OrigSpan(i, j)
			if d := asciiDigits(t[i:j]); d != "" {
				match = append(match, Token{Text: d, Kind: TokenNumber, Start: os, End: oe})
			}
			i = j
		case catLatin:
			flush()
			j := latinRunEnd(t, i)
			match, rank = appendLatin(match, rank, n, t, i, j)
			i = j
		default:
			flush()
			i += c
		}
	}
	flush()
	out := make([]Token, 0, len(match)+len(unigrams)+len(match)/2+len(rank))
	out = append(append(out, match...), unigrams...)
	for i := range out {
		out[i].Position = i
	}
	names := rank // Latin name keys, in text order
	rankStart := len(out)
	if tk.seg != nil {
		st := tk.seg.getState()
		spans := tk.seg.segmentNorm(st, st.spans[:0], t)
		for _, sp := range spans {
			if sp.Kind != WordKhmer && sp.Kind != WordKnown && sp.Kind != WordUnknown {
				continue
			}
			os, oe := n.OrigSpan(sp.Start, sp.End)
			w := t[sp.Start:sp.End]
			if !asciiSafe(w) {
				continue // a Khmer abbreviation's dots
			}
			// Latin name keys before this word keep text order.
			for len(names) > 0 && names[0].Start < os {
				out = append(out, names[0])
				names = names[1:]
			}
			out = append(out, Token{Text: w, Kind: TokenWord, Start: os, End: oe})
			if sp.Kind == WordKnown {
				out = append(out, Token{Text: w, Kind: TokenName, Start: os, End: oe})
			}
		}
		st.spans = spans
		tk.seg.pool.Put(st)
	}
	out = append(out, names...)
	for i := rankStart; i < len(out); i++ {
		out[i].Position = i - rankStart
	}
	return out
}

// joinClusters returns t[s:e] + t[s2:e2] without allocating when the two
// clusters are adjacent in t.
func joinClusters(t string, s, e, s2, e2 int) string {
	if e == s2 {
		return t[s:e2]
	}
	return t[s:e] + t[s2:e2]
}

// digitRunEnd returns the end of the number starting at i, with inner
// separators, as the Segmenter reads it.
func digitRunEnd(t string, i int) int {
	j := i + NextCluster(t[i:])
	for j < len(t) {
		if clusterCat(t, j) == catDigit {
			j += NextCluster(t[j:])
			continue
		}
		if (t[j] == ',' || t[j] == '.') && j+1 < len(t) && clusterCat(t, j+1) == catDigit {
			j++
			continue
		}
		break
	}
	return j
}

// latinRunEnd returns the end of the run of letters, ASCII digits and
// inner apostrophes or hyphens starting at i.
func latinRunEnd(t string, i int) int {
	j := i + NextCluster(t[i:])
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
	return j
}

// appendLatin splits a Latin run into its alphanumeric parts (don't →
// dont, stop-gap → stop gap) and appends their tokens.
func appendLatin(match, rank []Token, n *Normalized, t string, i, j int) ([]Token, []Token) {
	for p := i; p < j; {
		if t[p] == '-' {
			p++
			continue
		}
		q := p
		for q < j && t[q] != '-' {
			q++
		}
		part := t[p:q]
		os, oe := n.OrigSpan(p, q)
		folded := strings.ReplaceAll(foldLatin(part), "'", "")
		folded = stripASCIIPunct(folded)
		if folded != "" {
			if isAllDigits(folded) {
				match = append(match, Token{Text: folded, Kind: TokenNumber, Start: os, End: oe})
			} else {
				match = append(match, Token{Text: stemEnglish(folded), Kind: TokenLatin, Start: os, End: oe})
				if r, _ := utf8.DecodeRuneInString(part); r >= 'A' && r <= 'Z' || r > utf8.RuneSelf && isUpper(r) {
					rank = append(rank, Token{Text: folded, Kind: TokenName, Start: os, End: oe})
				}
			}
		}
		p = q
	}
	return match, rank
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// asciiSafe reports whether s can be a token: no ASCII byte other than a
// letter or digit.
func asciiSafe(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return s != ""
}

func stripASCIIPunct(s string) string {
	if asciiSafe(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			b = append(b, c)
		}
	}
	return string(b)
}

// IndexString returns the match column of text: its match tokens
// separated by single spaces, for SQLite FTS5 with tokenize='ascii' (or
// any engine splitting on spaces). Positions are the token order.
func (tk *Tokenizer) IndexString(text string) string {
	return joinTokens(NewTokenizer(nil).Tokens(text), true)
}

// Columns returns both columns of text from one tokenisation: what an
// indexer stores, IndexString's and RankString's results together.
func (tk *Tokenizer) Columns(text string) (match, rank string) {
	ts := tk.Tokens(text)
	return joinTokens(ts, true), joinTokens(ts, false)
}

// Columns returns both columns of text for the default Tokenizer.
func Columns(text string) (match, rank string) { return defaultTokenizer().Columns(text) }

// RankString returns the rank column of text: Khmer words and name keys
// separated by spaces, to be indexed in a second, weighted column.
func (tk *Tokenizer) RankString(text string) string {
	return joinTokens(tk.Tokens(text), false)
}

func joinTokens(ts []Token, match bool) string {
	var b strings.Builder
	n := 0
	for _, t := range ts {
		if t.Kind.Match() == match {
			n += len(t.Text) + 1
		}
	}
	b.Grow(n)
	for _, t := range ts {
		if t.Kind.Match() != match {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// QueryTokens turns a query into phrase groups over the match column: a
// document matches when every group occurs in it as consecutive tokens.
// Each space-separated Khmer part is one group, its bigrams (or its only
// cluster); each Latin word part and each number is a group of its own.
// Duplicate groups are dropped.
func (tk *Tokenizer) QueryTokens(query string) [][]string {
	var groups [][]string
	seen := map[string]bool{}
	add := func(g []string) {
		if len(g) == 0 {
			return
		}
		key := strings.Join(g, " ")
		if !seen[key] {
			seen[key] = true
			groups = append(groups, g)
		}
	}
	plain := NewTokenizer(nil)
	for _, part := range strings.Fields(query) {
		ts := plain.Tokens(part)
		// Match tokens come in text order, clusters last. Bigrams of one
		// Khmer stream overlap by a cluster; a gap or another token
		// between them starts a new phrase.
		var phrase []string
		prevEnd, prevLatin := -1, -1
		for _, t := range ts {
			if t.Kind != TokenNumber && t.Kind != TokenLatin && prevLatin >= 0 {
				add(phrase)
				phrase, prevLatin = nil, -1
			}
			switch t.Kind {
			case TokenBigram:
				if prevEnd >= 0 && t.Start >= prevEnd {
					add(phrase)
					phrase = nil
				}
				phrase = append(phrase, t.Text)
				prevEnd = t.End
			case TokenNumber, TokenLatin:
				// Parts of one hyphenated word stay a phrase.
				if prevLatin >= 0 && part[prevLatin:t.Start] == "-" {
					phrase = append(phrase, t.Text)
				} else {
					add(phrase)
					phrase = []string{t.Text}
				}
				prevEnd, prevLatin = -1, t.End
				continue
			case TokenCluster:
				// A stream of one cluster has no bigram: the cluster is
				// the group.
				covered := false
				for _, b := range ts {
					if b.Kind == TokenBigram && b.Start <= t.Start && t.End <= b.End {
						covered = true
						break
					}
				}
				if !covered {
					add(phrase)
					phrase, prevEnd = nil, -1
					add([]string{t.Text})
				}
			}
		}
		add(phrase)
	}
	return groups
}

// QueryRankTokens returns the rank tokens of a query (its Khmer words and
// name keys), to be OR-ed against the rank column for ordering.
func (tk *Tokenizer) QueryRankTokens(query string) []string {
	var out []string
	for _, t := range tk.Tokens(query) {
		if !t.Kind.Match() {
			out = append(out, t.Text)
		}
	}
	return out
}

// TSVector returns a PostgreSQL tsvector literal of the match column of
// text, with positions (capped at PostgreSQL's 16383), to be cast with
// ::tsvector. Tokens hold no quote or backslash, so none is escaped.
func (tk *Tokenizer) TSVector(text string) string {
	pos := map[string][]int{}
	var order []string
	for _, t := range NewTokenizer(nil).Tokens(text) {
		if !t.Kind.Match() {
			continue
		}
		if _, ok := pos[t.Text]; !ok {
			order = append(order, t.Text)
		}
		if p := t.Position + 1; p <= 16383 && len(pos[t.Text]) < 256 {
			pos[t.Text] = append(pos[t.Text], p)
		}
	}
	var b strings.Builder
	for i, w := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('\'')
		b.WriteString(w)
		b.WriteByte('\'')
		for k, p := range pos[w] {
			if k == 0 {
				b.WriteByte(':')
			} else {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p))
		}
	}
	return b.String()
}

// TSQuery returns a PostgreSQL tsquery literal for a query: its phrase
// groups joined with &, the tokens of a group with <-> (followed by). It
// returns "" for a query without tokens.
func (tk *Tokenizer) TSQuery(query string) string {
	var b strings.Builder
	for i, g := range tk.QueryTokens(query) {
		if i > 0 {
			b.WriteString(" & ")
		}
		if len(g) > 1 {
			b.WriteByte('(')
		}
		for k, w := range g {
			if k > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteByte('\'')
			b.WriteString(w)
			b.WriteByte('\'')
		}
		if len(g) > 1 {
			b.WriteByte(')')
		}
	}
	return b.String()
}
