package search

// SnippetWhole is Snippet analysing the whole text at once: the reference
// the pieces must agree with.
func SnippetWhole(a Analyzer, text string, clauses []Clause, width int) []Fragment {
	return snippet(a, text, clauses, width, len(text))
}
