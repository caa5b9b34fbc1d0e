package outlet

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
)

func TestDefaultValid(t *testing.T) {
	l := Default()
	all := l.All()
	if len(all) < 25 {
		t.Fatalf("default list has %d outlets, want the full list", len(all))
	}
	seen := map[record.OutletKind]int{}
	for _, o := range all {
		seen[o.Kind]++
		if _, ok := o.Names.Best("en"); !ok {
			t.Errorf("%s has no English name", o.ID)
		}
	}
	for _, k := range []record.OutletKind{record.OutletOfficial, record.OutletProGovernment, record.OutletIndependent, record.OutletParty, record.OutletMonitor, record.OutletSocial} {
		if seen[k] == 0 {
			t.Errorf("no outlet of kind %s", k)
		}
	}
	if l.Note("phnom-penh-post") == "" {
		t.Error("the Phnom Penh Post's classification needs its note")
	}
}

func TestByHost(t *testing.T) {
	l := Default()
	tests := []struct{ host, want string }{
		{"freshnewsasia.com", "fresh-news"},
		{"www.freshnewsasia.com", "fresh-news"},
		{"m.phnompenhpost.com", "phnom-penh-post"},
		{"WWW.PhnomPenhPost.com.", "phnom-penh-post"},
		{"postkhmer.com:443", "phnom-penh-post"},
		{"https://www.rfa.org/khmer/news/x.html", "rfa"},
		{"akp.gov.kh", "akp"},
		{"www.mef.gov.kh", "cambodian-government"},
		{"necelect.org.kh", "nec"},
		{"m.facebook.com", "facebook"},
		{"t.me", "telegram"},
		{"lotus-news.example", "daily-lotus-news"},
		{"notfreshnewsasia.com", ""},
		{"example.com", ""},
		{"", ""},
		{"kh", ""},
	}
	for _, tt := range tests {
		o, ok := l.ByHost(tt.host)
		got := ""
		if ok {
			got = o.ID
		}
		if got != tt.want {
			t.Errorf("ByHost(%q) = %q, want %q", tt.host, got, tt.want)
		}
	}
}

func TestByName(t *testing.T) {
	l := Default()
	tests := []struct{ name, want string }{
		{"Fresh News", "fresh-news"},
		{"fresh  news", "fresh-news"},
		{"FRESHNEWS", "fresh-news"},
		{"Phnom Penh Post", "phnom-penh-post"},
		{"The Phnom Penh Post", "phnom-penh-post"},
		{"ភ្នំពេញប៉ុស្តិ៍", "phnom-penh-post"},
		{"រស្មីកម្ពុជា", "rasmei-kampuchea"},
		{"Cambodian People's Party", "cpp"},
		{"cambodian peoples party", "cpp"},
		{"Mekong Watch Weekly", "mekong-watch-weekly"},
		{"កាសែតឈូកប្រចាំថ្ងៃ", "daily-lotus-news"},
		{"Lotus", ""},
		{"", ""},
	}
	for _, tt := range tests {
		o, ok := l.ByName(tt.name)
		got := ""
		if ok {
			got = o.ID
		}
		if got != tt.want {
			t.Errorf("ByName(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"not array", `{"id":"x"}`, "not a JSON array"},
		{"no id", `[{"names":[{"value":"X"}],"kind":"official"}]`, "no \"id\""},
		{"no names", `[{"id":"x","kind":"official"}]`, "no \"names\""},
		{"bad kind", `[{"id":"x","names":[{"value":"X"}],"kind":"friendly"}]`, "kind \"friendly\""},
		{"url domain", `[{"id":"x","names":[{"value":"X"}],"kind":"official","domains":["https://x.org/a"]}]`, "not a host name"},
		{"dup", `[{"id":"x","names":[{"value":"X"}],"kind":"official"},{"id":"x","names":[{"value":"Y"}],"kind":"official"}]`, "listed twice"},
		{"dup domain", `[{"id":"x","names":[{"value":"X"}],"kind":"official","domains":["a.org"]},{"id":"y","names":[{"value":"Y"}],"kind":"official","domains":["A.org"]}]`, "already belongs"},
		{"typo field", `[{"id":"x","names":[{"value":"X"}],"kind":"official","domain":["a.org"]}]`, "unknown field"},
	}
	for _, tt := range tests {
		_, err := Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
		if record.ErrorCode(err) != record.EInvalid {
			t.Errorf("%s: code = %s, want invalid", tt.name, record.ErrorCode(err))
		}
	}
}

func TestLoadOverridesAndExtends(t *testing.T) {
	dir := t.TempDir()
	l, err := LoadDataDir(dir)
	if err != nil || len(l.All()) != len(Default().All()) {
		t.Fatalf("missing file: %v, %d outlets", err, len(l.All()))
	}
	if _, err := Load(filepath.Join(dir, "outlets.json")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing file: %v, want fs.ErrNotExist", err)
	}
	file := `[
	 {"id":"phnom-penh-post","kind":"independent","names":[{"lang":"en","value":"Phnom Penh Post"}],"domains":["phnompenhpost.com"]},
	 {"id":"kampot-herald","kind":"independent","names":[{"lang":"en","value":"Kampot Herald"}],"domains":["kampot-herald.example"]}
	]`
	if err := os.WriteFile(filepath.Join(dir, "outlets.json"), []byte(file), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err = LoadDataDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(l.All()); got != len(Default().All())+1 {
		t.Errorf("merged list has %d outlets, want default+1", got)
	}
	if o, _ := l.ByHost("m.phnompenhpost.com"); o == nil || o.Kind != record.OutletIndependent {
		t.Errorf("override not applied: %+v", o)
	}
	if _, ok := l.ByHost("postkhmer.com"); ok {
		t.Error("the replaced entry's old domains must go with it")
	}
	if o, _ := l.ByName("kampot herald"); o == nil || o.ID != "kampot-herald" {
		t.Errorf("added outlet not found by name: %+v", o)
	}
	if o, _ := l.ByHost("freshnewsasia.com"); o == nil || o.ID != "fresh-news" {
		t.Error("default entries must remain")
	}
	if err := os.WriteFile(filepath.Join(dir, "outlets.json"), []byte(`[{`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadDataDir(dir); err == nil || !strings.Contains(err.Error(), "outlets.json") {
		t.Errorf("broken file: err = %v, want it named", err)
	}
}

func TestNilList(t *testing.T) {
	var l *List
	if _, ok := l.ByHost("freshnewsasia.com"); ok {
		t.Error("nil list found a host")
	}
	if _, ok := l.ByName("Fresh News"); ok {
		t.Error("nil list found a name")
	}
}

func FuzzByHostName(f *testing.F) {
	for _, s := range []string{"freshnewsasia.com", "m.phnompenhpost.com:80", "ភ្នំពេញប៉ុស្តិ៍", "The Cambodia Daily", "[::1]:80", "a@b.c", "\xff."} {
		f.Add(s)
	}
	l := Default()
	f.Fuzz(func(t *testing.T, s string) {
		if o, ok := l.ByHost(s); ok && o.ID == "" {
			t.Fatal("found an outlet without ID")
		}
		if o, ok := l.ByName(s); ok && o.ID == "" {
			t.Fatal("found an outlet without ID")
		}
	})
}
