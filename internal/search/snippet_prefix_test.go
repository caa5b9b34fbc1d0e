package search

import (
	"slices"
	"strings"
	"testing"
)

// snippetTexts are invented reports, long enough that the first match can
// fall beyond the first prefix Snippet analyses.
var snippetTexts = []string{
	strings.Repeat("The council met on Monday to discuss the road budget. ", 30) +
		"Police arrested two activists of the Lotus Party in Kampong Cham. " +
		strings.Repeat("Villagers said the water was clean. ", 20),
	"ក្រុមប្រឹក្សាឃុំបានប្រជុំ ។ " + strings.Repeat("អភិបាលខេត្តបានថ្លែងថា ផ្លូវថ្មីនឹងសាងសង់ឆ្នាំក្រោយ ។ ", 25) +
		"មន្ត្រីឃុំចំនួន ១២ នាក់ បានចូលជាសមាជិកគណបក្សឈូក ។ " + strings.Repeat("កសិករលក់ស្រូវ ។ ", 40),
	"Short text about the Lotus Party (គណបក្សឈូក).",
	strings.Repeat("x", 3000) + " Lotus",
}

// TestSnippetPrefixEqualsWhole (kept apart from snippet_test.go, which
// another change rewrote): analysing a growing prefix gives the same
// snippet as analysing the whole text.
func TestSnippetPrefixEqualsWhole(t *testing.T) {
	a := KhmerAnalyzer{}
	queries := []string{"Lotus", "arrested activists", "ឈូក", "សមាជិក", "ផ្លូវ Party", "road", "nothing-here", "ស្រូវ", "ប្រជុំ"}
	for ti, text := range snippetTexts {
		for _, q := range queries {
			for _, width := range []int{40, 200} {
				cl := a.Query(q)
				got := Snippet(a, text, cl, width)
				want := snippet(a, text, cl, width, len(text))
				if !slices.Equal(got, want) {
					t.Errorf("text %d, %q, width %d:\n got %v\nwant %v", ti, q, width, got, want)
				}
			}
		}
	}
}

func FuzzSnippet(f *testing.F) {
	for _, s := range snippetTexts {
		f.Add(s, "Lotus")
	}
	f.Add("ក្រុមការងារស្រ្តីបានជួបប្រជុំ ។", "ស្ត្រី")
	f.Fuzz(func(t *testing.T, text, q string) {
		a := KhmerAnalyzer{}
		cl := a.Query(q)
		got := Snippet(a, text, cl, 60)
		var b strings.Builder
		for i, fr := range got {
			if fr.Text == "…" && (i == 0 || i == len(got)-1) {
				continue
			}
			b.WriteString(fr.Text)
		}
		if !strings.Contains(text, b.String()) {
			t.Fatalf("snippet %q is not a piece of the text", b.String())
		}
		if want := snippet(a, text, cl, 60, len(text)); !slices.Equal(got, want) && strings.ContainsAny(text, " \n") {
			// Cutting at a space must not change which terms are found
			// before the cut.
			t.Fatalf("prefix snippet %v differs from whole-text snippet %v", got, want)
		}
	})
}
