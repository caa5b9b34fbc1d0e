package khmer

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// matches reports whether query matches doc the way an FTS5 or tsvector
// index over IndexString would answer it: every phrase group of the query
// occurs in the document's match column as consecutive tokens.
func matches(tk *Tokenizer, query, doc string) bool {
	toks := strings.Split(tk.IndexString(doc), " ")
	groups := tk.QueryTokens(query)
	if len(groups) == 0 {
		return false
	}
	for _, g := range groups {
		found := false
		for i := 0; i+len(g) <= len(toks) && !found; i++ {
			found = slices.Equal(toks[i:i+len(g)], g)
		}
		if !found {
			return false
		}
	}
	return true
}

func TestQueryMatchesDocument(t *testing.T) {
	tk := NewTokenizer(NewSegmenter())
	tests := []struct {
		name, query, doc string
		want             bool
	}{
		{"fish does not match official", "ត្រី", "លោកជាមន្ត្រីខេត្ត", false},
		{"fish matches fish", "ត្រី", "គាត់លក់ត្រីនៅផ្សារ", true},
		{"official matches official", "មន្ត្រី", "លោកជាមន្ត្រីខេត្ត", true},
		{"woman, query order 1", "ស្ត្រី", "សិទ្ធិស្រ្តីនិងកុមារ", true},
		{"woman, query order 2", "ស្រ្តី", "សិទ្ធិស្ត្រីនិងកុមារ", true},
		{"woman, query order 3", "ស្រី្ត", "សិទ្ធិស្ត្រីនិងកុមារ", true},
		{"excellency with DA", "ឯកឧត្ដម", "ឯកឧត្តម សុខ វណ្ណា", true},
		{"excellency with TA", "ឯកឧត្តម", "ឯកឧត្ដម សុខ វណ្ណា", true},
		{"ឲ and ឱ", "ឲ្យ", "ផ្តល់ឱ្យប្រជាជន", true},
		{"ZWSP inside a query word", "ក្រ\u200bសួង", "ក្រសួងមហាផ្ទៃ", true},
		{"ZWSP inside a document word", "ក្រសួង", "ក្រ\u200bសួងមហាផ្ទៃ", true},
		{"date number from Khmer digits", "23", "កាលពីថ្ងៃទី២៣ ខែមីនា", true},
		{"Khmer digits in the query", "ថ្ងៃទី២៣", "on 23 March, ថ្ងៃទី 23", true},
		{"wrong day", "24", "កាលពីថ្ងៃទី២៣ ខែមីនា", false},
		{"arrested matches arrest", "arrest", "Police arrested two activists", true},
		{"arrest matches arrested", "arrested", "the arrest of two activists", true},
		{"case and accents", "PHNOM PENH", "Phnôm Pénh municipality", true},
		{"AND of groups", "arrest Takeo", "Police arrested two activists", false},
		{"Khmer word across a space in the document", "ក្រសួងមហាផ្ទៃ", "ក្រសួង មហាផ្ទៃ", true},
		{"query words are ANDed, not a phrase", "ក្រសួង ប្រកាស", "ក្រសួងមហាផ្ទៃបានប្រកាស", true},
		{"cluster order matters", "ជាតិ", "តិជា", false},
		{"number with separators", "1200", "ចំនួន ១,២០០ នាក់", true},
		{"hyphenated word", "stop-gap", "a stop gap measure", true},
	}
	for _, tt := range tests {
		if got := matches(tk, tt.query, tt.doc); got != tt.want {
			t.Errorf("%s: query %q on %q = %v, want %v (groups %q, index %q)", tt.name, tt.query, tt.doc, got, tt.want,
				tk.QueryTokens(tt.query), tk.IndexString(tt.doc))
		}
	}
}

func TestTokens(t *testing.T) {
	text := "ថ្ងៃទី២៣ Police ARRESTED ស្រ្តី"
	ts := NewTokenizer(NewSegmenter()).Tokens(text)
	has := func(kind TokenKind, txt string) bool {
		for _, tok := range ts {
			if tok.Kind == kind && tok.Text == txt {
				return true
			}
		}
		return false
	}
	for _, w := range []struct {
		kind TokenKind
		text string
	}{
		{TokenNumber, "23"}, {TokenLatin, "arrest"}, {TokenLatin, "polic"}, {TokenName, "police"},
		{TokenBigram, "ថ្ងៃទី"}, {TokenCluster, "ថ្ងៃ"}, {TokenCluster, "ទី"}, {TokenCluster, "ស្ត្រី"},
		{TokenWord, "ថ្ងៃទី"}, {TokenWord, "ស្ត្រី"},
	} {
		if !has(w.kind, w.text) {
			t.Errorf("no %v token %q in %+v", w.kind, w.text, ts)
		}
	}
	for _, tok := range ts {
		if tok.Kind == TokenCluster && tok.Text == "ស្ត្រី" && text[tok.Start:tok.End] != "ស្រ្តី" {
			t.Errorf("cluster token span %q, want the display spelling", text[tok.Start:tok.End])
		}
		if tok.Kind == TokenNumber && text[tok.Start:tok.End] != "២៣" {
			t.Errorf("number span %q", text[tok.Start:tok.End])
		}
	}
}

func TestStemEnglish(t *testing.T) {
	tests := map[string]string{
		"arrested": "arrest", "arrests": "arrest", "arresting": "arrest", "arrest": "arrest",
		"caresses": "caress", "ponies": "poni", "cats": "cat", "feed": "feed", "agreed": "agre",
		"plastered": "plaster", "motoring": "motor", "sing": "sing", "conflated": "conflat",
		"hopping": "hop", "falling": "fall", "filing": "file", "happy": "happi",
		"relational": "relat", "conditional": "condit", "rational": "ration", "digitizer": "digit",
		"electrical": "electr", "hopeful": "hope", "goodness": "good", "revival": "reviv",
		"adjustment": "adjust", "adoption": "adopt", "controll": "control", "generalizations": "gener",
		"elections": "elect", "defected": "defect", "officials": "offici", "is": "is", "CPP": "CPP",
	}
	for in, want := range tests {
		if got := stemEnglish(in); got != want {
			t.Errorf("stemEnglish(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFoldLatin(t *testing.T) {
	tests := map[string]string{
		"Phnôm": "phnom", "PÉNH": "penh", "Straße": "strasse", "e\u0301lan": "elan", "Nguyễn": "nguyen",
		"plain": "plain", "Œuvre": "oeuvre",
	}
	for in, want := range tests {
		if got := foldLatin(in); got != want {
			t.Errorf("foldLatin(%q) = %q, want %q", in, got, want)
		}
	}
	if got := asciiDigits("១,២០០"); got != "1200" {
		t.Errorf("asciiDigits = %q", got)
	}
	if got := asciiDigits("٣٤"); got != "34" { // Arabic-Indic digits
		t.Errorf("asciiDigits(Arabic) = %q", got)
	}
}

func TestTSLiterals(t *testing.T) {
	tk := NewTokenizer(nil)
	if got, want := tk.TSVector("arrested, arrest 23"), "'arrest':1,2 '23':3"; got != want {
		t.Errorf("TSVector = %q, want %q", got, want)
	}
	if got, want := tk.TSQuery("stop-gap ២៣"), "('stop' <-> 'gap') & '23'"; got != want {
		t.Errorf("TSQuery = %q, want %q", got, want)
	}
	if got := tk.TSQuery(" ,; "); got != "" {
		t.Errorf("TSQuery of punctuation = %q", got)
	}
}

// checkTokenSafety asserts the FTS5 'ascii' and tsvector contract.
func checkTokenSafety(t *testing.T, tk *Tokenizer, s string) {
	t.Helper()
	ts := tk.Tokens(s)
	pos := map[bool]int{}
	for _, tok := range ts {
		if !asciiSafe(tok.Text) || !utf8.ValidString(tok.Text) {
			t.Fatalf("unsafe token %q from %q", tok.Text, s)
		}
		if tok.Start < 0 || tok.End > len(s) || tok.Start > tok.End {
			t.Fatalf("bad span %+v in %q", tok, s)
		}
		if tok.Position != pos[tok.Kind.Match()] {
			t.Fatalf("position %d, want %d for %+v in %q", tok.Position, pos[tok.Kind.Match()], tok, s)
		}
		pos[tok.Kind.Match()]++
		if tok.Kind == TokenCluster || tok.Kind == TokenWord {
			if got := Normalize(s[tok.Start:tok.End]); strings.Map(dropSpace, got) != tok.Text {
				t.Fatalf("token %q spans %q (normalised %q) in %q", tok.Text, s[tok.Start:tok.End], got, s)
			}
		}
	}
	for _, g := range tk.QueryTokens(s) {
		if len(g) == 0 {
			t.Fatalf("empty group for %q", s)
		}
	}
	// Literals for PostgreSQL: quoted tokens only, balanced quotes.
	if v := tk.TSVector(s); strings.Count(v, "'")%2 != 0 || strings.ContainsAny(strings.Map(func(r rune) rune {
		if r == '\'' || r == ':' || r == ',' || r == ' ' {
			return -1
		}
		return r
	}, v), "\\\"()&|!<>-") {
		t.Fatalf("TSVector(%q) = %q", s, v)
	}
	if q := tk.TSQuery(s); strings.Count(q, "'")%2 != 0 || strings.Contains(q, "\\") {
		t.Fatalf("TSQuery(%q) = %q", s, q)
	}
	// A text always matches a query made of itself.
	if len(tk.QueryTokens(s)) > 0 && !matches(tk, s, s) {
		t.Fatalf("%q does not match itself: %q vs %q", s, tk.QueryTokens(s), tk.IndexString(s))
	}
}

func dropSpace(r rune) rune {
	if r == ' ' || r == '\t' || r == '\n' {
		return -1
	}
	return r
}

func TestTokenSafety(t *testing.T) {
	tk := NewTokenizer(NewSegmenter("សុខមាលា"))
	for _, s := range append(normalizeSeeds, sampleKhmer, "a'b-c--d ''x O'Neil", "គ.ជ.ប ២៣.៥ 3.14 ÀÉÎ") {
		checkTokenSafety(t, tk, s)
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range normalizeSeeds {
		f.Add(s)
	}
	f.Add(sampleKhmer)
	tk := NewTokenizer(NewSegmenter("សុខមាលា"))
	f.Fuzz(func(t *testing.T, s string) {
		checkTokenSafety(t, tk, s)
	})
}

func BenchmarkTokens(b *testing.B) {
	tk := NewTokenizer(NewSegmenter())
	text := strings.Repeat(sampleKhmer, 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = tk.Tokens(text)
	}
}

func TestColumns(t *testing.T) {
	tk := NewTokenizer(NewSegmenter())
	for _, s := range append(normalizeSeeds, sampleKhmer) {
		m, r := tk.Columns(s)
		if m != tk.IndexString(s) || r != tk.RankString(s) {
			t.Errorf("Columns(%q) = %q, %q; want %q, %q", s, m, r, tk.IndexString(s), tk.RankString(s))
		}
	}
}
