package search

import (
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/kamnotra/kamnotra/internal/khmer"
)

// MaxTermLen bounds a term's bytes (PostgreSQL refuses lexemes over
// 2047); longer terms — runs of one letter, base64 blobs — are dropped at
// index and query time alike, so they simply never match.
const MaxTermLen = 240

// maxClauses bounds the work of one query.
const maxClauses = 32

// KhmerAnalyzer is the project's one analyzer: the search tokens of
// package khmer (normalised Khmer cluster bigrams and clusters, numbers as
// ASCII, stemmed English) for matching, and romanisation name keys so
// that "Khoung Sreng" finds ឃួង ស្រេង.
type KhmerAnalyzer struct{}

// matchTokenizer makes match tokens only. They do not depend on the
// segmenter's dictionary, so skipping it changes no term; its rank tokens,
// which this analyzer drops anyway, were most of the cost of analysing
// Khmer text (for every indexed document and every snippet).
var matchTokenizer = khmer.NewTokenizer(nil)

// Tokens returns the match tokens of text.
func (KhmerAnalyzer) Tokens(text string) []Token {
	kt := matchTokenizer.Tokens(text)
	out := make([]Token, 0, len(kt))
	for _, t := range kt {
		if !t.Kind.Match() || len(t.Text) > MaxTermLen {
			continue // rank tokens are not used for matching
		}
		out = append(out, Token{Field: FieldTerms, Term: t.Text, Pos: t.Position, Start: t.Start, End: t.End})
	}
	return out
}

// nameTerm prefixes a key so it can never equal a text term.
func nameTerm(key string) string { return "nk" + key }

// NameTerms returns one term per part of the name.
func (KhmerAnalyzer) NameTerms(name string) []string {
	keys := khmer.NameKeys(name)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if len(k) <= MaxTermLen-2 {
			out = append(out, nameTerm(k))
		}
	}
	return out
}

// Query makes one clause per phrase group of each space-separated part;
// a part that is one name-like word may also match as a name key.
func (a KhmerAnalyzer) Query(q string) []Clause {
	var out []Clause
	seen := map[string]bool{}
	for _, part := range strings.Fields(q) {
		groups := khmer.QueryTokens(part)
		var names []string
		if len(groups) == 1 {
			names = a.NameTerms(part)
		}
		for _, g := range groups {
			key := strings.Join(g, " ")
			if seen[key] || len(out) == maxClauses || slices.ContainsFunc(g, func(t string) bool { return len(t) > MaxTermLen }) {
				continue
			}
			seen[key] = true
			c := Clause{{Field: FieldTerms, Terms: g}}
			if len(names) == 1 {
				c = append(c, Phrase{Field: FieldNames, Terms: names})
			}
			out = append(out, c)
		}
	}
	return out
}

// Prepare runs fn on every document on every core, in place: analysing a
// batch's text is the CPU of indexing, and a backend's writer then holds
// its lock only for the writes.
func Prepare[T any](docs []Doc, fn func(d Doc) (T, error)) ([]T, error) {
	out := make([]T, len(docs))
	errs := make([]error, len(docs))
	workers := min(runtime.GOMAXPROCS(0), len(docs))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(docs); i += workers {
				out[i], errs[i] = fn(docs[i])
			}
		})
	}
	wg.Wait()
	return out, errors.Join(errs...)
}
