package extract

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/corpus"
)

// sharedCorpus locates ../shared/corpus next to the module root.
func sharedCorpus(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	dir := filepath.Join(root, "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared corpus not present:", dir)
	}
	return dir
}

// TestSharedCorpusEnglish holds the English rules to the quality bar on the
// development set: relaxed F1 ≥ 0.85 and field accuracy ≥ 0.9 for count,
// from_org, to_org and province. (The Khmer rules are held to theirs by
// their own tests.)
func TestSharedCorpusEnglish(t *testing.T) {
	dir := sharedCorpus(t)
	items, err := corpus.ReadDir(filepath.Join(dir, "en"))
	if err != nil {
		t.Fatal(err)
	}
	rep := Evaluate(items)
	var b strings.Builder
	rep.WriteText(&b, testing.Verbose())
	t.Log("\n" + b.String())
	var en *LangEval
	for _, le := range rep.Langs {
		if le.Lang == "en" {
			en = le
		}
	}
	if en == nil {
		t.Fatal("no English items evaluated")
	}
	if en.Relaxed.F1 < 0.85 {
		t.Errorf("relaxed F1 = %.3f, want ≥ 0.85", en.Relaxed.F1)
	}
	for _, f := range []string{"count", "from_org", "to_org", "province"} {
		if a := en.Fields[f]; a.Accuracy < 0.9 {
			t.Errorf("%s accuracy = %.3f (%d/%d), want ≥ 0.9", f, a.Accuracy, a.Right, a.Total)
		}
	}
}
