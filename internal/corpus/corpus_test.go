package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr string
		events  int
	}{
		{"item", `{"id":"x-1","lang":"en","published":"2023-02-03","title":null,"text":"Ten members of the Lotus Party joined.","events":[{"type":"party_join","persons":[],"count":10,"count_qualifier":"exact","from_org":null,"to_org":"Lotus Party","place":{"province":null,"district":null,"commune":null},"date":null,"presided_by":[],"evidence":"Ten members of the Lotus Party joined."}]}`, "", 1},
		{"no text", `{"id":"x-2","text":"  "}`, "has no \"text\"", 0},
		{"not json", `<html>`, "not JSON", 0},
		{"two values", `{"id":"a","text":"t"} {"id":"b","text":"t"}`, "more than one", 0},
		{"bad utf8", "{\"id\":\"a\",\"text\":\"\xff\"}", "not valid UTF-8", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it, err := Parse(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(it.Events) != tt.events {
				t.Fatalf("events = %d, want %d", len(it.Events), tt.events)
			}
			if e := it.Events[0]; e.Count == nil || *e.Count != 10 || *e.ToOrg != "Lotus Party" || e.Place.Province != nil {
				t.Fatalf("event decoded wrongly: %+v", e)
			}
		})
	}
}

func TestLooksLikeItem(t *testing.T) {
	for in, want := range map[string]bool{
		`{"id":"a","text":"t"}`:    true,
		`{"events":[],"text":"t"}`: true,
		`{"text":"t"}`:             false,
		`{"messages":[]}`:          false,
		`[1,2]`:                    false,
	} {
		if got := LooksLikeItem([]byte(in)); got != want {
			t.Errorf("LooksLikeItem(%s) = %v, want %v", in, got, want)
		}
	}
}

func TestReadDirSharedCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("shared corpus not present")
	}
	items, err := ReadDir(filepath.Join(dir, "en"), filepath.Join(dir, "km"))
	if err != nil {
		t.Fatal(err)
	}
	if len(items) < 2 {
		t.Fatalf("read %d items from the shared corpus", len(items))
	}
	for _, it := range items {
		if it.Lang != "en" && it.Lang != "km" {
			t.Errorf("%s: lang %q", it.ID, it.Lang)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"t","events":[{"type":"arrest","count":3}]}`))
	f.Add([]byte(`{"text":""}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		it, err := ParseBytes(data)
		if err == nil && strings.TrimSpace(it.Text) == "" {
			t.Fatal("accepted an item without text")
		}
		LooksLikeItem(data)
	})
}
