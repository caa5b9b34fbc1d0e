package extract

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/corpus"
)

// TestSharedCorpusKhmer holds the Khmer rules to the quality bar on the
// development set: relaxed F1 ≥ 0.85 and field accuracy ≥ 0.9 for count,
// from_org, to_org and province. The rules are written for the language,
// not for these items; their own sentences are in km_test.go.
func TestSharedCorpusKhmer(t *testing.T) {
	dir := sharedCorpus(t)
	items, err := corpus.ReadDir(filepath.Join(dir, "km"))
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(items)
	var b strings.Builder
	rep.WriteText(&b, testing.Verbose())
	t.Log("\n" + b.String())
	var km *LangEval
	for _, le := range rep.Langs {
		if le.Lang == "km" {
			km = le
		}
	}
	if km == nil {
		t.Fatal("no Khmer items evaluated")
	}
	if km.Relaxed.F1 < 0.85 {
		t.Errorf("relaxed F1 %.3f < 0.85", km.Relaxed.F1)
	}
	for _, f := range []string{"count", "from_org", "to_org", "province"} {
		if a := km.Fields[f]; a.Total > 0 && a.Accuracy < 0.9 {
			t.Errorf("%s accuracy %.3f < 0.9", f, a.Accuracy)
		}
	}
}

// BenchmarkKmCorpus extracts the Khmer items one by one; the split
// sub-benchmark (sentence splitting only) is the baseline of the same run.
func BenchmarkKmCorpus(b *testing.B) {
	dir := sharedCorpus(b)
	items, err := corpus.ReadDir(filepath.Join(dir, "km"))
	if err != nil {
		b.Fatal(err)
	}
	var ins []Input
	size := 0
	for _, it := range items {
		ins = append(ins, InputFromItem(it))
		size += len(it.Text)
	}
	b.Run("split", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, in := range ins {
				NewDoc(in)
			}
		}
	})
	b.Run("extract", func(b *testing.B) {
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, in := range ins {
				Extract(in)
			}
		}
		b.ReportMetric(float64(b.N*len(ins))/b.Elapsed().Seconds(), "docs/s")
	})
}
