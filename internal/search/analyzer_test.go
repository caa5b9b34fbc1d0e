package search

import (
	"testing"

	"github.com/kamnotra/kamnotra/internal/khmer"
)

// TestTokensWithoutSegmenter: the analyzer's match tokens, made without
// the segmenter, are exactly the match tokens of the full tokenizer — an
// index built either way answers the same.
func TestTokensWithoutSegmenter(t *testing.T) {
	texts := append([]string{
		"សមា\u200bជិកថ្មីចំនួនជាង ៣០០ នាក់ ។ ក្រុមការងារស្រ្តីបានជួបប្រជុំ ។",
		"The ministry official (មន្ត្រីក្រសួង) resigned on 23 July 2023, said Sok Dara.",
		"",
	}, snippetTexts...)
	for i, text := range texts {
		var want []Token
		for _, kt := range khmer.Tokens(text) {
			if kt.Kind.Match() && len(kt.Text) <= MaxTermLen {
				want = append(want, Token{Field: FieldTerms, Term: kt.Text, Pos: kt.Position, Start: kt.Start, End: kt.End})
			}
		}
		got := KhmerAnalyzer{}.Tokens(text)
		if len(got) != len(want) {
			t.Fatalf("text %d: %d tokens, want %d", i, len(got), len(want))
		}
		for j := range got {
			if got[j] != want[j] {
				t.Errorf("text %d token %d: %+v, want %+v", i, j, got[j], want[j])
			}
		}
	}
}
