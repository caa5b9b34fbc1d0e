package web

import (
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
)

// render writes segments back as text with [id ...] around marked runs, so
// cases can state the expected cut compactly.
func render(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		for _, id := range s.Starts {
			b.WriteString("^" + id)
		}
		switch {
		case s.Current:
			b.WriteString("{" + s.Text + "}")
		case s.Marked:
			b.WriteString("[" + s.Text + "]")
		default:
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

func TestHighlight(t *testing.T) {
	const km = "ក្រសួងមហាផ្ទៃ" // multi-byte runes
	cases := []struct {
		name    string
		text    string
		marks   []mark
		current string
		want    string
		bad     []string
	}{
		{"none", "abc", nil, "", "abc", nil},
		{"one", "hello world", []mark{{"a", record.Span{Start: 6, End: 11}}}, "", "hello ^a[world]", nil},
		{"current", "hello world", []mark{{"a", record.Span{Start: 0, End: 5}}}, "a", "^a{hello} world", nil},
		{"other is current", "hello world", []mark{{"a", record.Span{Start: 0, End: 5}}}, "b", "^a[hello] world", nil},
		{"adjacent", "abcdef", []mark{{"a", record.Span{Start: 0, End: 3}}, {"b", record.Span{Start: 3, End: 6}}}, "", "^a[abc]^b[def]", nil},
		{"overlap", "abcdef", []mark{{"a", record.Span{Start: 0, End: 4}}, {"b", record.Span{Start: 2, End: 6}}}, "b", "^a[ab]^b{cd}{ef}", nil},
		{"nested", "abcdef", []mark{{"a", record.Span{Start: 0, End: 6}}, {"b", record.Span{Start: 2, End: 4}}}, "", "^a[ab]^b[cd][ef]", nil},
		{"same span twice", "abc", []mark{{"a", record.Span{Start: 0, End: 3}}, {"b", record.Span{Start: 0, End: 3}}}, "", "^a^b[abc]", nil},
		{"empty span anchors", "abc", []mark{{"a", record.Span{Start: 1, End: 1}}}, "", "a^abc", nil},
		{"empty span at end", "abc", []mark{{"a", record.Span{Start: 3, End: 3}}}, "", "abc^a", nil},
		{"out of range", "abc", []mark{{"a", record.Span{Start: 1, End: 9}}}, "", "abc", []string{"a"}},
		{"reversed", "abc", []mark{{"a", record.Span{Start: 2, End: 1}}}, "", "abc", []string{"a"}},
		{"negative", "abc", []mark{{"a", record.Span{Start: -1, End: 1}}}, "", "abc", []string{"a"}},
		{"inside a rune", km, []mark{{"a", record.Span{Start: 1, End: 6}}}, "", km, []string{"a"}},
		{"khmer", km, []mark{{"a", record.Span{Start: 0, End: len("ក្រសួង")}}}, "", "^a[ក្រសួង]មហាផ្ទៃ", nil},
		{"good and bad", "abcdef", []mark{{"x", record.Span{Start: 5, End: 99}}, {"a", record.Span{Start: 1, End: 2}}}, "", "a^a[b]cdef", []string{"x"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			segs, bad := highlight(c.text, c.marks, c.current)
			if got := render(segs); got != c.want {
				t.Errorf("highlight = %q, want %q", got, c.want)
			}
			if strings.Join(bad, ",") != strings.Join(c.bad, ",") {
				t.Errorf("bad = %v, want %v", bad, c.bad)
			}
		})
	}
}

// FuzzHighlight checks the invariants on any text and spans: the segments
// spell the text, each valid span anchors once, and exactly the bytes
// inside some valid span are marked.
func FuzzHighlight(f *testing.F) {
	f.Add("ក្រសួងមហាផ្ទៃ បានប្រកាស", 0, 18, 6, 30, 3)
	f.Add("hello world", 0, 5, 3, 11, 0)
	f.Add("", 0, 0, 0, 0, 0)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2, cur int) {
		marks := []mark{{"a", record.Span{Start: s1, End: e1}}, {"b", record.Span{Start: s2, End: e2}}}
		current := []string{"", "a", "b"}[((cur%3)+3)%3]
		segs, bad := highlight(text, marks, current)
		var b strings.Builder
		anchors := map[string]int{}
		pos := 0
		inside := func(id string, p int) bool {
			for _, m := range marks {
				if m.ID == id && m.Span.Start <= p && p < m.Span.End {
					return true
				}
			}
			return false
		}
		badSet := map[string]bool{}
		for _, id := range bad {
			badSet[id] = true
		}
		for _, s := range segs {
			b.WriteString(s.Text)
			for _, id := range s.Starts {
				anchors[id]++
			}
			for i := 0; i < len(s.Text); i++ {
				p := pos + i
				want := (!badSet["a"] && inside("a", p)) || (!badSet["b"] && inside("b", p))
				if s.Marked != want {
					t.Fatalf("byte %d marked=%v, want %v (segments %q)", p, s.Marked, want, render(segs))
				}
				wantCur := current != "" && !badSet[current] && inside(current, p)
				if s.Current != wantCur {
					t.Fatalf("byte %d current=%v, want %v", p, s.Current, wantCur)
				}
			}
			pos += len(s.Text)
		}
		if b.String() != text {
			t.Fatalf("segments spell %q, not the text %q", b.String(), text)
		}
		for _, m := range marks {
			want := 1
			if badSet[m.ID] {
				want = 0
			}
			if anchors[m.ID] != want {
				t.Fatalf("anchor %s appears %d times, want %d", m.ID, anchors[m.ID], want)
			}
		}
	})
}
