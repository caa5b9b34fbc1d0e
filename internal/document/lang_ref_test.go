package document

import (
	"strings"
	"testing"
)

// soupScoreRef is SoupScore as first written, copying fields and runes:
// the reference the allocation-free version must agree with.
func soupScoreRef(text string) (float64, int) {
	words, weird := 0, 0
	for _, w := range strings.Fields(text) {
		if len(w) < 3 {
			continue
		}
		hasLatin, odd := false, false
		prevLower := false
		rs := []rune(w)
		for i, r := range rs {
			switch {
			case r < 0x80 && ((r|0x20) >= 'a' && (r|0x20) <= 'z'):
				hasLatin = true
				if r >= 'A' && r <= 'Z' && prevLower {
					odd = true
				}
				prevLower = r >= 'a' && r <= 'z'
				continue
			case r >= 0xA1 && r <= 0xFF && r != 0xD7 && r != 0xF7:
				odd = true
			case strings.ContainsRune("[];|\\{}^`<>~", r) && i > 0 && i < len(rs)-1:
				odd = true
			case r >= 0x1780 && r <= 0x17FF:
				hasLatin = false
				odd = false
			}
			prevLower = false
		}
		if hasLatin {
			words++
			if odd {
				weird++
			}
		}
	}
	if words == 0 {
		return 0, 0
	}
	return float64(weird) / float64(words), words
}

func TestSoupScoreMatchesReference(t *testing.T) {
	for _, text := range []string{
		"", "ab", "The governor of Takeo met farmers on Monday.",
		"kMBug rbs; elak ]kBa {Cn", // invented letter soup
		"a[b ab[ [ab a;b; é\xffx ព័ត៌មានabc x~y~",
		"Sok Dara\u00a0visited\u3000Kampot ÀÉÎ café",
	} {
		gs, gn := SoupScore(text)
		ws, wn := soupScoreRef(text)
		if gs != ws || gn != wn {
			t.Errorf("SoupScore(%q) = %v, %d; reference %v, %d", text, gs, gn, ws, wn)
		}
	}
}

func FuzzSoupScoreMatchesReference(f *testing.F) {
	f.Add("kMBug rbs; elak ]kBa {Cn")
	f.Add("a[b ab[ é\xffx ព័ត៌មានabc")
	f.Fuzz(func(t *testing.T, text string) {
		gs, gn := SoupScore(text)
		ws, wn := soupScoreRef(text)
		if gs != ws || gn != wn {
			t.Fatalf("SoupScore(%q) = %v, %d; reference %v, %d", text, gs, gn, ws, wn)
		}
	})
}
