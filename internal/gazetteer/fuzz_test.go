package gazetteer

import (
	"testing"
	"unicode/utf8"
)

// FuzzFind checks that every match has a span inside the text, in order,
// not overlapping, and that the fold's map is consistent.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"សមាជិកគណបក្សភ្លើងទៀនចំនួន៥០នាក់ នៅឃុំស្វាយ ស្រុកបាទី ខេត្តតាកែវ",
		"នៅ\u200bគណបក្ស\u200bភ្លើង\u200bទៀន\u200b ស្រ្តី កណ្ដាល ឲ្យ",
		"The ruling Cambodian People’s Party (CPP) in Bati district’s Komar Reachea commune",
		"Khan Chroy Changvar, Phnom Penh; H.E. Sok; Sangkat Boeung Keng Kang Muoy",
		"\xff\xfe ្្ ឃុំ",
	} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, s string) {
		check := func(kind string, start, end, prevEnd int) {
			if start < prevEnd || start >= end || end > len(s) {
				t.Fatalf("%s: span %d-%d after %d in %q", kind, start, end, prevEnd, s)
			}
			if utf8.ValidString(s) && (!utf8.ValidString(s[start:end])) {
				t.Fatalf("%s: span %d-%d splits a rune in %q", kind, start, end, s)
			}
		}
		prev := 0
		for _, m := range g.FindOrgs(s) {
			check("org", m.Start, m.End, prev)
			prev = m.End
		}
		prev = 0
		for _, m := range g.FindPlaces(s) {
			check("place", m.Start, m.End, prev)
			prev = m.End
		}
		prev = 0
		for _, m := range g.FindRoles(s) {
			check("role", m.Start, m.End, prev)
			prev = m.End
		}
		prev = 0
		for _, m := range g.FindTitles(s) {
			check("title", m.Start, m.End, prev)
			prev = m.End
		}
		if n := g.TitleAt(s); n < 0 || n > len(s) {
			t.Fatalf("TitleAt = %d", n)
		}
		nt := fold(s)
		if nt.start(len(nt.s)) > len(s) || nt.end(len(nt.s)) > len(s) || foldString(nt.s) != nt.s {
			t.Fatalf("fold map or idempotence broken on %q", s)
		}
	})
}
