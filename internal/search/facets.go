package search

import (
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Both backends count facets over up to MaxFacetRows matches, reading
// each row's facets column: for a common word, thousands of rows a
// search, so the parse is worth making cheap.

// CountFacets adds one row's facets to counts, a row whose facets
// cannot be read adding nothing. The column holds what
// json.Marshal made of a map[string][]string: {"name":["value",...],...}.
// Parsing that shape by hand is several times cheaper than
// encoding/json; anything else (an escaped character, say) goes to
// countJSON, so the counts are the same either way.
func CountFacets(counts map[string]map[string]int, raw string) {
	if !plain(raw) || !countPlain(counts, raw) {
		countJSON(counts, raw)
	}
}

// plain reports whether raw has nothing encoding/json would read
// differently from its bytes: no escape, no control character, no
// invalid UTF-8 (which it replaces).
func plain(raw string) bool {
	for i := 0; i < len(raw); i++ {
		if c := raw[i]; c == '\\' || c < 0x20 {
			return false
		} else if c >= 0x80 {
			return utf8.ValidString(raw[i:]) && !strings.ContainsFunc(raw[i:], func(r rune) bool { return r < 0x20 || r == '\\' })
		}
	}
	return true
}

// countPlain parses raw when it has no escapes; on anything unexpected it
// returns false having added nothing. Like countJSON, it makes a
// facet's map even when the row has no value for it.
func countPlain(counts map[string]map[string]int, raw string) bool {
	type pair struct {
		name, value string
		none        bool // the facet, without a value
	}
	var buf [16]pair
	found := buf[:0]
	s := raw
	str := func() (string, bool) {
		if len(s) == 0 || s[0] != '"' {
			return "", false
		}
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", false
		}
		v := s[1 : 1+end]
		s = s[end+2:]
		return v, true
	}
	next := func(b byte) bool {
		if len(s) == 0 || s[0] != b {
			return false
		}
		s = s[1:]
		return true
	}
	if !next('{') {
		return false
	}
	if !next('}') {
		for {
			name, ok := str()
			if !ok || !next(':') {
				return false
			}
			for _, p := range found {
				if p.name == name {
					return false // encoding/json keeps the last; leave it to it
				}
			}
			if next('n') { // null
				if !strings.HasPrefix(s, "ull") {
					return false
				}
				s = s[3:]
				found = append(found, pair{name: name, none: true})
			} else {
				if !next('[') {
					return false
				}
				if next(']') {
					found = append(found, pair{name: name, none: true})
				} else {
					for {
						v, ok := str()
						if !ok {
							return false
						}
						found = append(found, pair{name: name, value: v})
						if next(']') {
							break
						}
						if !next(',') {
							return false
						}
					}
				}
			}
			if next('}') {
				break
			}
			if !next(',') {
				return false
			}
		}
	}
	if len(s) != 0 {
		return false
	}
	for _, p := range found {
		m := counts[p.name]
		if m == nil {
			m = map[string]int{}
			counts[p.name] = m
		}
		if !p.none {
			m[p.value]++
		}
	}
	return true
}

// countJSON is CountFacets by encoding/json: the reference, and the way
// for rows the hand parser leaves alone.
func countJSON(counts map[string]map[string]int, raw string) {
	var f map[string][]string
	if json.Unmarshal([]byte(raw), &f) != nil {
		return
	}
	for name, values := range f {
		if counts[name] == nil {
			counts[name] = map[string]int{}
		}
		for _, v := range values {
			counts[name][v]++
		}
	}
}
