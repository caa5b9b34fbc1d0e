package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoRecordsTheSamples runs the README's main job without serving and
// checks what a newcomer would then see: documents captured, events in the
// claims ledger, and a search that finds a Khmer word.
func TestDemoRecordsTheSamples(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		getenv := func(k string) string { return "" }
		code := Main(context.Background(), append([]string{"--data", data}, args...), strings.NewReader(""), &out, &errb, getenv)
		if code != 0 {
			t.Fatalf("kamnotra %v: exit %d\n%s\n%s", args, code, out.String(), errb.String())
		}
		return out.String()
	}
	out := run("demo", "--no-serve")
	if !strings.Contains(out, "0 failed") || !strings.Contains(out, "extracted") {
		t.Fatalf("demo output:\n%s", out)
	}
	var ledger struct {
		Total struct {
			ClaimedAsReported int `json:"claimed_as_reported"`
			Reports           int `json:"reports"`
			DistinctEvents    int `json:"distinct_events"`
		} `json:"total"`
	}
	if err := json.Unmarshal([]byte(run("ledger", "--format", "json")), &ledger); err != nil {
		t.Fatal(err)
	}
	if ledger.Total.ClaimedAsReported < 100 || ledger.Total.Reports < 2 || ledger.Total.DistinctEvents < 1 || ledger.Total.DistinctEvents > ledger.Total.Reports {
		t.Errorf("ledger of the samples: %+v", ledger.Total)
	}
	// Running it again changes nothing: the same bytes add nothing.
	again := run("demo", "--no-serve")
	if !strings.Contains(again, "captured 0 new documents") {
		t.Errorf("second demo run captured again:\n%s", again)
	}
	if out := run("reindex"); !strings.Contains(out, "indexed") {
		t.Errorf("reindex: %s", out)
	}
}

// TestReextractIsIdempotent: with the extractor unchanged, reextract finds
// nothing to do and the claims ledger stays as it was.
func TestReextractIsIdempotent(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	run := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		if code := Main(context.Background(), append([]string{"--data", data}, args...), strings.NewReader(""), &out, &errb, func(string) string { return "" }); code != 0 {
			t.Fatalf("kamnotra %v: exit %d\n%s\n%s", args, code, out.String(), errb.String())
		}
		return out.String()
	}
	run("demo", "--no-serve")
	before := run("ledger", "--format", "csv", "--by", "outlet")
	if out := run("reextract"); !strings.Contains(out, "extracted 0 documents") {
		t.Errorf("reextract with an unchanged extractor: %s", out)
	}
	if after := run("ledger", "--format", "csv", "--by", "outlet"); after != before {
		t.Errorf("ledger changed:\n%s\nthen\n%s", before, after)
	}
}
