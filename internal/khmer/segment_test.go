package khmer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestSegmentVectors(t *testing.T) {
	seg := NewSegmenter()
	if err := seg.Err(); err != nil {
		t.Skipf("no ICU dictionary: %v", err)
	}
	tests := []struct {
		in   string
		want []string
	}{
		// Digits, punctuation, repetition sign and Latin are words of their own.
		{"ថ្ងៃទី២៣", []string{"ថ្ងៃទី", "២៣"}},
		{"ផ្សេងៗ។", []string{"ផ្សេង", "ៗ", "។"}},
		{"ចំនួន ១,២០០ នាក់", []string{"ចំនួន", "១,២០០", "នាក់"}},
		{"គណបក្សCPPបាន", []string{"គណបក្ស", "CPP", "បាន"}},
		{"don't stop-gap 3.5", []string{"don't", "stop-gap", "3.5"}},
		// Spaces separate and are dropped.
		{"  ក្រសួង   យុត្តិធម៌  ", []string{"ក្រសួង", "យុត្តិធម៌"}},
		// Bound prefixes join the word after them.
		{"ការអភិវឌ្ឍ", []string{"ការអភិវឌ្ឍ"}},
		// អ្នក before a determiner is the pronoun, not the agent prefix.
		{"អ្នកទាំងនោះបានទៅ", []string{"អ្នក", "ទាំងនោះ", "បាន", "ទៅ"}},
		// The passive auxiliary is one word.
		{"គាត់ត្រូវបានចាប់ខ្លួន", []string{"គាត់", "ត្រូវបាន", "ចាប់ខ្លួន"}},
		// Negation and auxiliaries are words of their own, although ICU
		// lists មិនបាន as one entry.
		{"ខ្ញុំមិនបានទៅទេ", []string{"ខ្ញុំ", "មិន", "បាន", "ទៅ", "ទេ"}},
		// After a title, one-cluster pieces of a name join (invented names).
		{"កញ្ញាសុមេរីបានមកដល់", []string{"កញ្ញា", "សុមេរី", "បាន", "មកដល់"}},
		{"ឯកឧត្តមសំធារ៉ាថ្លែងថា", []string{"ឯកឧត្តម", "សំធារ៉ា", "ថ្លែង", "ថា"}},
		// Abbreviations of initials keep their dots.
		{"គ.ជ.ប", []string{"គ.ជ.ប"}},
		// Variant spellings segment alike and keep their display form.
		{"ស្រ្តីនិងកុមារ", []string{"ស្រ្តី", "និង", "កុមារ"}},
		{"ស្ត្រីនិងកុមារ", []string{"ស្ត្រី", "និង", "កុមារ"}},
		// A ZWSP inside a word does not split it; at a boundary it is dropped.
		{"ក្រសួ\u200bង\u200bការពារ", []string{"ក្រសួ\u200bង", "ការពារ"}},
		{"", nil},
		{"   ", nil},
	}
	for _, tt := range tests {
		got := seg.Segment(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Segment(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSegmenterKeepsGazetteerWords(t *testing.T) {
	// Invented names: without registration they are cut into syllables
	// that happen to be dictionary words.
	names := []string{"សុខមាលាវង្ស", "ចាន់បុប្ផារ៉ា"}
	text := "លោកស្រីចាន់បុប្ផារ៉ាបានជួបលោកសុខមាលាវង្ស"
	plain := NewSegmenter()
	seg := NewSegmenter()
	seg.AddWords(names...)
	got := seg.Segment(text)
	for _, n := range names {
		if !slices.Contains(got, n) {
			t.Errorf("registered %q not kept whole: %q (unregistered: %q)", n, got, plain.Segment(text))
		}
	}
	// Registration is per segmenter.
	if p := plain.Segment(text); slices.Contains(p, names[0]) && slices.Contains(p, names[1]) && seg.DictionarySize() == plain.DictionarySize() {
		t.Errorf("AddWords changed nothing: %q", p)
	}
	// A registered variant spelling matches the other spelling.
	seg2 := NewSegmenter("ឯកឧត្ដមសុខវិចិត្រា")
	if got := seg2.Segment("ឯកឧត្តមសុខវិចិត្រាមកដល់"); got[0] != "ឯកឧត្តមសុខវិចិត្រា" {
		t.Errorf("variant of a registered word split: %q", got)
	}
}

func TestSegmentConcurrentAddWords(t *testing.T) {
	seg := NewSegmenter()
	done := make(chan bool)
	go func() {
		for i := 0; i < 50; i++ {
			seg.AddWords("ស្រុកថ្មី" + strings.Repeat("ក", i%3))
		}
		done <- true
	}()
	for i := 0; i < 200; i++ {
		_ = seg.Segment(sampleKhmer)
	}
	<-done
}

// checkSegment verifies that words are non-empty substrings, in order,
// that together with the dropped whitespace and invisibles give back the
// input.
func checkSegment(t *testing.T, seg *Segmenter, s string) {
	t.Helper()
	strip := func(x string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || isInvisible(r) || r == 0x17B4 || r == 0x17B5 {
				return -1
			}
			return r
		}, x)
	}
	spans := seg.Spans(nil, s)
	prev := 0
	var joined strings.Builder
	for _, sp := range spans {
		if sp.Start < prev || sp.End <= sp.Start || sp.End > len(s) {
			t.Fatalf("bad span %+v after %d in %q (%v)", sp, prev, s, spans)
		}
		for _, r := range s[prev:sp.Start] {
			if !unicode.IsSpace(r) && !isInvisible(r) && r != 0x17B4 && r != 0x17B5 && r != '\uFFFD' {
				// Gaps may hold only what is not output; invalid bytes
				// become U+FFFD in words, never dropped.
				t.Fatalf("dropped %q between words of %q: %v", s[prev:sp.Start], s, spans)
			}
		}
		w := s[sp.Start:sp.End]
		if strings.TrimFunc(w, unicode.IsSpace) != w {
			t.Fatalf("word %q of %q has spaces at its edge", w, s)
		}
		joined.WriteString(strip(w)) // per word: invalid bytes must not join into a rune
		prev = sp.End
	}
	if joined.String() != strip(s) {
		t.Fatalf("words of %q do not join back: %q", s, seg.Segment(s))
	}
	line := string(seg.AppendLine(nil, s))
	if line != strings.Join(seg.Segment(s), " ") {
		t.Fatalf("AppendLine(%q) = %q", s, line)
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range normalizeSeeds {
		f.Add(s)
	}
	f.Add(sampleKhmer)
	seg := NewSegmenter("សុខមាលា")
	f.Fuzz(func(t *testing.T, s string) {
		checkSegment(t, seg, s)
	})
}

// goldPath finds the gold segmentation next to the module root.
func goldPath(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Skip(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	p := filepath.Join(dir, "..", "shared", "khmer-seg", "khpos-train.all2.tagged")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("gold segmentation not present: %v", err)
	}
	return p
}

func readGoldFile(t testing.TB) []GoldSentence {
	f, err := os.Open(goldPath(t))
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	gold, err := ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	return gold
}

func TestSegmentBeatsICUOnGold(t *testing.T) {
	gold := readGoldFile(t)
	icu, err := NewICUSegmenter()
	if err != nil {
		t.Skip(err)
	}
	defer icu.Close()
	seg := NewSegmenter()
	var ours, base SegScore
	var b []int
	var sp []Span
	for _, g := range gold {
		sp = seg.Spans(sp[:0], g.Raw)
		b = SpanBounds(b[:0], sp, len(g.Raw))
		ours.Add(g.Bounds, b)
		if b, err = icu.Boundaries(b[:0], g.Raw); err != nil {
			t.Fatal(err)
		}
		base.Add(g.Bounds, b)
	}
	t.Logf("%d sentences: word F1 %.4f (ICU %.4f), boundary F1 %.4f (ICU %.4f)",
		len(gold), ours.WordF1(), base.WordF1(), ours.BoundaryF1(), base.BoundaryF1())
	if ours.WordF1() <= base.WordF1() {
		t.Errorf("word F1 %.4f does not beat ICU's %.4f", ours.WordF1(), base.WordF1())
	}
	if ours.BoundaryF1() <= base.BoundaryF1() {
		t.Errorf("boundary F1 %.4f does not beat ICU's %.4f", ours.BoundaryF1(), base.BoundaryF1())
	}
}

func TestReadGoldAndScore(t *testing.T) {
	in := "ក្រៅ_ពី/IN នោះ/DT ការ~ងារ/NN //SYM\n\nលោក/PRO ក/PN\n"
	gold, err := ReadGold(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 2 {
		t.Fatalf("got %d sentences, want 2", len(gold))
	}
	if gold[0].Raw != "ក្រៅពីនោះការងារ/" {
		t.Errorf("raw = %q", gold[0].Raw)
	}
	wantB := []int{0, len("ក្រៅពី"), len("ក្រៅពីនោះ"), len("ក្រៅពីនោះការងារ"), len("ក្រៅពីនោះការងារ/")}
	if !slices.Equal(gold[0].Bounds, wantB) {
		t.Errorf("bounds = %v, want %v", gold[0].Bounds, wantB)
	}
	var sc SegScore
	// Prediction merges the first two gold words, gets the last two.
	sc.Add(wantB, []int{0, wantB[2], wantB[3], wantB[4]})
	if sc.WordHits != 2 || sc.GoldWords != 4 || sc.PredWords != 3 || sc.BoundHits != 2 || sc.GoldBounds != 3 || sc.PredBounds != 2 {
		t.Errorf("score = %+v", sc)
	}
	if f := sc.WordF1(); f < 0.57 || f > 0.572 { // 2*(2/3*2/4)/(2/3+2/4) = 0.5714
		t.Errorf("word F1 = %v", f)
	}
}

func TestICUSegmenter(t *testing.T) {
	icu, err := NewICUSegmenter()
	if err != nil {
		t.Skip(err)
	}
	defer icu.Close()
	text := "ខ្ញុំស្រលាញ់កម្ពុជា abc 😀"
	b, err := icu.Boundaries(nil, text)
	if err != nil {
		t.Fatal(err)
	}
	if b[0] != 0 || b[len(b)-1] != len(text) || !slices.IsSorted(b) {
		t.Fatalf("boundaries %v", b)
	}
	if !slices.Contains(b, len("ខ្ញុំ")) {
		t.Errorf("no boundary after ខ្ញុំ: %v", b)
	}
	icu.Close()
	if _, err := icu.Boundaries(nil, text); err == nil {
		t.Error("no error after Close")
	}
}

func BenchmarkSegment(b *testing.B) {
	seg := NewSegmenter()
	text := strings.Repeat(sampleKhmer, 20)
	b.SetBytes(int64(len(text)))
	var buf []byte
	for b.Loop() {
		buf = seg.AppendLine(buf[:0], text)
	}
}

func BenchmarkICUSegment(b *testing.B) {
	icu, err := NewICUSegmenter()
	if err != nil {
		b.Skip(err)
	}
	defer icu.Close()
	text := strings.Repeat(sampleKhmer, 20)
	b.SetBytes(int64(len(text)))
	var bounds []int
	for b.Loop() {
		bounds, _ = icu.Boundaries(bounds[:0], text)
	}
}

func FuzzReadGold(f *testing.F) {
	f.Add("ក្រៅ_ពី/IN នោះ/DT ការ~ងារ/NN //SYM\n\nលោក/PRO ក/PN\n")
	f.Add("a/b/c /x/ _/_ ~\n")
	f.Fuzz(func(t *testing.T, s string) {
		gold, err := ReadGold(strings.NewReader(s))
		if err != nil {
			return // lines too long for the scanner
		}
		for _, g := range gold {
			if g.Raw == "" || g.Bounds[0] != 0 || g.Bounds[len(g.Bounds)-1] != len(g.Raw) {
				t.Fatalf("bad sentence %+v from %q", g, s)
			}
			for i := 1; i < len(g.Bounds); i++ {
				if g.Bounds[i] <= g.Bounds[i-1] {
					t.Fatalf("bounds not increasing %v from %q", g.Bounds, s)
				}
			}
			var sc SegScore
			sc.Add(g.Bounds, g.Bounds)
			if sc.WordF1() != 1 {
				t.Fatalf("gold against itself scores %v", sc.WordF1())
			}
		}
	})
}

func FuzzScanKhmerCluster(f *testing.F) {
	for _, s := range normalizeSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = Normalize(s)
		for i := 0; i < len(s); {
			n := NextCluster(s[i:])
			e, sh := scanKhmerCluster(s, i)
			if e != i {
				cl := s[i : i+n]
				if e != i+n || (sh&shapeVowel != 0) != clusterHasVowel(cl) || (sh&shapeBare != 0) != clusterIsBare(cl) {
					t.Fatalf("scan of %q at %d: end %d shape %b, NextCluster %d vowel %v bare %v", s, i, e, sh, i+n, clusterHasVowel(cl), clusterIsBare(cl))
				}
			} else if clusterCat(s, i) == catKhmer {
				t.Fatalf("scan misses the Khmer cluster at %d of %q", i, s)
			}
			i += n
		}
	})
}
