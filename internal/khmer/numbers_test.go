package khmer

import (
	"strings"
	"testing"
)

func TestDigitsConversion(t *testing.T) {
	tests := []struct{ km, ascii string }{
		{"០១២៣៤៥៦៧៨៩", "0123456789"},
		{"ថ្ងៃទី២៣", "ថ្ងៃទី23"},
		{"ចំនួន ១.៦០០ នាក់", "ចំនួន 1.600 នាក់"},
		{"no digits", "no digits"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := DigitsToASCII(tt.km); got != tt.ascii {
			t.Errorf("DigitsToASCII(%q) = %q, want %q", tt.km, got, tt.ascii)
		}
		if got := ToKhmerDigits(tt.ascii); got != tt.km {
			t.Errorf("ToKhmerDigits(%q) = %q, want %q", tt.ascii, got, tt.km)
		}
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"0", 0, true},
		{"៦៤៧៣", 6473, true},
		{"៦.៤៧៣", 6473, true},
		{"៦,៤៧៣", 6473, true},
		{"6,473", 6473, true},
		{"1,200", 1200, true},
		{"1.200.000", 1200000, true},
		{"១.៦៥២", 1652, true},
		{"  ១២០  ", 120, true},
		{"1.5", 0, false},        // a decimal is not a count
		{"23.07.2023", 0, false}, // a date
		{"23/07/2023", 0, false},
		{"2023-07-23", 0, false},
		{"1,20", 0, false}, // 1.2 in Khmer style: not whole
		{"1,2000", 0, false},
		{"12:30", 0, false},
		{"បួន", 4, true},
		{"ដប់", 10, true},
		{"ម្ភៃ", 20, true},
		{"ម្ភៃប្រាំ", 25, true},
		{"ដប់ប្រាំមួយ", 16, true},
		{"ប្រាំពីរ", 7, true},
		{"សាមសិបប្រាំបួន", 39, true},
		{"កៅសិបប្រាំបី", 98, true},
		{"រយ", 100, true},
		{"មួយរយ", 100, true},
		{"ប្រាំមួយរយ", 600, true},
		{"បីរយហាសិប", 350, true},
		{"ពីរពាន់", 2000, true},
		{"ពីរពាន់ប្រាំរយ", 2500, true},
		{"បីម៉ឺន", 30000, true},
		{"ប្រាំសែន", 500000, true},
		{"ពីរលានប្រាំសែន", 2500000, true},
		{"មួយពាន់លាន", 1000000000, true},
		{"៦រយ", 600, true},
		{"៦ រយ", 600, true},
		{"២ពាន់", 2000, true},
		{"៣ លាន", 3000000, true},
		{"១,៥ លាន", 1500000, true},
		{"១.៥លាន", 1500000, true},
		{"១ពាន់២រយ", 1200, true},
		{"២ពាន់ប្រាំរយ", 2500, true},
		{"៥ម៉ឺន", 50000, true},
		{"ពីរបី", 0, false}, // "a few"
		{"four", 4, true},
		{"Twelve", 12, true},
		{"twenty-five", 25, true},
		{"twenty five", 25, true},
		{"six hundred", 600, true},
		{"a hundred", 100, true},
		{"a dozen", 12, true},
		{"two dozen", 24, true},
		{"one hundred and twenty", 120, true},
		{"three thousand five hundred", 3500, true},
		{"1.2 million", 1200000, true},
		{"2 million", 2000000, true},
		{"1,200 thousand", 1200000, true},
		{"hundreds", 0, false},
		{"twelve apples", 0, false},
		{"", 0, false},
		{"abc", 0, false},
		{"-5", -5, true},
	}
	for _, tt := range tests {
		got, ok := ParseNumber(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseNumber(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

type wantNum struct {
	text  string // the number's own text
	value int64
	qual  Qualifier
	qtext string // the qualifier's text
	src   NumberSource
}

func TestFindNumbers(t *testing.T) {
	tests := []struct {
		text string
		want []wantNum
	}{
		{"សមាជិកចំនួន១២០រូប បានចូលរួម", []wantNum{{"១២០", 120, QualExact, "", FromDigits}}},
		{"បេក្ខជនជាង ១.៦០០ នាក់", []wantNum{{"១.៦០០", 1600, QualMoreThan, "ជាង", FromDigits}}},
		{"ប្រមាណចំនួន ៣០០នាក់", []wantNum{{"៣០០", 300, QualAbout, "ប្រមាណ", FromDigits}}},
		{"ប្រហែល ៥០ គ្រួសារ", []wantNum{{"៥០", 50, QualAbout, "ប្រហែល", FromDigits}}},
		{"ជិត ២០០ នាក់", []wantNum{{"២០០", 200, QualAbout, "ជិត", FromDigits}}},
		{"យ៉ាងហោចណាស់ ១០ នាក់", []wantNum{{"១០", 10, QualAtLeast, "យ៉ាងហោចណាស់", FromDigits}}},
		{"សកម្មជនមិនតិចជាង ៥០ នាក់", []wantNum{{"៥០", 50, QualAtLeast, "មិនតិចជាង", FromDigits}}},
		{"មនុស្សប្រមាណជាង ៦រយនាក់", []wantNum{{"៦រយ", 600, QualMoreThan, "ប្រមាណជាង", FromMixed}}},
		{"សកម្មជនប្រាំមួយរយនាក់", []wantNum{{"ប្រាំមួយរយ", 600, QualExact, "", FromWords}}},
		{"អ្នកភូមិពីរនាក់", []wantNum{{"ពីរ", 2, QualExact, "", FromWords}}},
		// Not numbers: ពី+រដ្ឋ "from the state", ជាមួយ "with", រយៈ "duration", សែន "very".
		{"ជំនួយពីរដ្ឋាភិបាល", nil},
		{"ជាមួយគណបក្ស", nil},
		{"រយៈពេលខ្លី", nil},
		{"សែនសប្បាយ", nil},
		{"ពិន័យ ៣ លានរៀល", []wantNum{{"៣ លាន", 3000000, QualExact, "", FromMixed}}},
		{"នៅថ្ងៃទី២៣.០៧.២០២៣ មាន ៥ នាក់", []wantNum{{"៥", 5, QualExact, "", FromDigits}}},
		{"on 23/07/2023 about 40 people", []wantNum{{"40", 40, QualAbout, "about", FromDigits}}},
		{"More than 600 members joined", []wantNum{{"600", 600, QualMoreThan, "More than", FromDigits}}},
		{"more than six hundred members", []wantNum{{"six hundred", 600, QualMoreThan, "more than", FromWords}}},
		{"at least a dozen activists", []wantNum{{"a dozen", 12, QualAtLeast, "at least", FromWords}}},
		{"nearly 1,200 supporters", []wantNum{{"1,200", 1200, QualAbout, "nearly", FromDigits}}},
		{"some 1.2 million voters", []wantNum{{"1.2 million", 1200000, QualAbout, "some", FromMixed}}},
		{"over 300 villagers", []wantNum{{"300", 300, QualMoreThan, "over", FromDigits}}},
		{"four officials were arrested", []wantNum{{"four", 4, QualExact, "", FromWords}}},
		{"a 1.5 percent rise", nil},
		{"the G20 summit", nil},
		{"between 10-15 people", []wantNum{{"10", 10, QualExact, "", FromDigits}, {"15", 15, QualExact, "", FromDigits}}},
		{"published 2016-08-18 by", nil},
		{"300+ activists", []wantNum{{"300", 300, QualMoreThan, "+", FromDigits}}},
		{"២ពាន់ ហើយ ៣ នាក់", []wantNum{{"២ពាន់", 2000, QualExact, "", FromMixed}, {"៣", 3, QualExact, "", FromDigits}}},
	}
	for _, tt := range tests {
		got := FindNumbers(tt.text)
		if len(got) != len(tt.want) {
			t.Errorf("FindNumbers(%q): got %d matches %+v, want %d", tt.text, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if txt := tt.text[g.Start:g.End]; txt != w.text || g.Value != w.value || g.Qualifier != w.qual || g.Source != w.src {
				t.Errorf("FindNumbers(%q)[%d] = %q %d %s %s, want %q %d %s %s", tt.text, i, txt, g.Value, g.Qualifier, g.Source, w.text, w.value, w.qual, w.src)
			}
			if qt := tt.text[g.QualifierStart:g.QualifierEnd]; qt != w.qtext {
				t.Errorf("FindNumbers(%q)[%d] qualifier text %q, want %q", tt.text, i, qt, w.qtext)
			}
		}
	}
}

func TestFindNumbersOrdinal(t *testing.T) {
	for _, tt := range []struct {
		text    string
		ordinal bool
	}{
		{"ថ្ងៃទី២៣", true},
		{"អាណត្តិទី ៥", true},
		{"the 3rd round", true},
		{"៥ នាក់", false},
		{"3 rounds", false},
	} {
		got := FindNumbers(tt.text)
		if len(got) != 1 || got[0].Ordinal != tt.ordinal {
			t.Errorf("FindNumbers(%q) = %+v, want one match with Ordinal=%v", tt.text, got, tt.ordinal)
		}
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int64
		km, en string
	}{
		{0, "០", "0"},
		{7, "៧", "7"},
		{999, "៩៩៩", "999"},
		{1000, "១.០០០", "1,000"},
		{6473, "៦.៤៧៣", "6,473"},
		{1200000, "១.២០០.០០០", "1,200,000"},
		{-45000, "-៤៥.០០០", "-45,000"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.n, "km"); got != tt.km {
			t.Errorf("FormatNumber(%d, km) = %q, want %q", tt.n, got, tt.km)
		}
		if got := FormatNumber(tt.n, "en"); got != tt.en {
			t.Errorf("FormatNumber(%d, en) = %q, want %q", tt.n, got, tt.en)
		}
		for _, lang := range []string{"km", "en"} {
			if back, ok := ParseNumber(FormatNumber(tt.n, lang)); !ok || back != tt.n {
				t.Errorf("ParseNumber(FormatNumber(%d, %s)) = %d, %v", tt.n, lang, back, ok)
			}
		}
	}
}

// numRuneBoundary reports whether i is where Go's decoding of text starts a
// rune (invalid bytes decode one at a time), or the end of text.
func numRuneBoundary(text string, i int) bool {
	if i == len(text) {
		return true
	}
	for j := range text {
		if j == i {
			return true
		}
		if j > i {
			return false
		}
	}
	return false
}

// numCheckSpans fails when a span is not a valid rune-aligned range of text.
func numCheckSpans(t *testing.T, text string, what string, spans ...[2]int) {
	t.Helper()
	for _, sp := range spans {
		s, e := sp[0], sp[1]
		if s < 0 || e < s || e > len(text) {
			t.Fatalf("%s: span [%d,%d) outside text of %d bytes", what, s, e, len(text))
		}
		if !numRuneBoundary(text, s) || !numRuneBoundary(text, e) {
			t.Fatalf("%s: span [%d,%d) not on rune boundaries in %q", what, s, e, text)
		}
	}
}

func FuzzFindNumbers(f *testing.F) {
	for _, s := range []string{
		"ជាង ១.៦០០ នាក់", "more than six hundred", "23.07.2023", "១ពាន់២រយ", "ពីរលានប្រាំសែន",
		"1.2 million", "a dozen", "ទី៣", "៣ លានរៀល", "10-15", "300+", "\xe1\x9f", "ជា\u200bមួយ",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms := FindNumbers(text)
		prev := 0
		for _, m := range ms {
			numCheckSpans(t, text, "FindNumbers", [2]int{m.Start, m.End}, [2]int{m.QualifierStart, m.QualifierEnd})
			if m.Start < prev {
				t.Fatalf("matches overlap or go backwards: %+v", ms)
			}
			prev = m.End
			if m.Start == m.End {
				t.Fatalf("empty number match %+v", m)
			}
		}
		if v, ok := ParseNumber(text); ok && v >= 0 && v <= 1e15 {
			for _, lang := range []string{"km", "en"} {
				if back, ok := ParseNumber(FormatNumber(v, lang)); !ok || back != v {
					t.Fatalf("FormatNumber(%d, %s) does not parse back: %d %v", v, lang, back, ok)
				}
			}
		}
	})
}

func FuzzFormatNumber(f *testing.F) {
	for _, n := range []int64{0, 1, 999, 1000, 6473, 1e15, -1} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int64) {
		if n > 1e15 || n < -1e15 {
			n %= 1e15
		}
		for _, lang := range []string{"km", "en"} {
			s := FormatNumber(n, lang)
			back, ok := ParseNumber(s)
			if !ok || back != n {
				t.Fatalf("ParseNumber(FormatNumber(%d, %s) = %q) = %d, %v", n, lang, s, back, ok)
			}
		}
	})
}

func BenchmarkFindNumbers(b *testing.B) {
	benchCPU(b, len(benchText), func() { FindNumbers(benchText) })
}

func FuzzDigits(f *testing.F) {
	for _, s := range []string{"០១២៣៤៥៦៧៨៩", "ថ្ងៃទី23", "abc", "\xe1\x9f", "1.600 នាក់"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a := DigitsToASCII(s)
		if strings.ContainsFunc(a, func(r rune) bool { return r >= 0x17E0 && r <= 0x17E9 }) {
			t.Fatalf("DigitsToASCII(%q) = %q keeps Khmer digits", s, a)
		}
		k := ToKhmerDigits(s)
		if strings.ContainsAny(k, "0123456789") {
			t.Fatalf("ToKhmerDigits(%q) = %q keeps ASCII digits", s, k)
		}
		if DigitsToASCII(k) != DigitsToASCII(s) || ToKhmerDigits(a) != ToKhmerDigits(s) {
			t.Fatalf("digit conversions of %q do not commute", s)
		}
	})
}
