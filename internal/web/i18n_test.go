package web

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

func TestCataloguesAgree(t *testing.T) {
	cats, err := loadCatalogues(embedded)
	if err != nil {
		t.Fatal(err)
	}
	en, km := cats["en"], cats["km"]
	for k := range en {
		if _, ok := km[k]; !ok {
			t.Errorf("%s: in en, missing in km", k)
		}
	}
	for k := range km {
		if _, ok := en[k]; !ok {
			t.Errorf("%s: in km, missing in en", k)
		}
	}
	// Khmer messages are in Khmer: any message with letters has Khmer ones,
	// except names of languages shown in their own script.
	sameOK := map[string]bool{"lang.self.en": true, "count.exact": true, "list.sep": true}
	for k, v := range km {
		if sameOK[k] {
			continue
		}
		if strings.IndexFunc(v, unicode.IsLetter) >= 0 && strings.IndexFunc(v, func(r rune) bool { return unicode.Is(unicode.Khmer, r) }) < 0 {
			t.Errorf("km %s = %q has no Khmer", k, v)
		}
		if strings.TrimSpace(en[k]) == "" && k != "list.sep" {
			t.Errorf("en %s is empty", k)
		}
		// Placeholders must match.
		ph := regexp.MustCompile(`\{[a-z]+\}`)
		a, b := ph.FindAllString(v, -1), ph.FindAllString(en[k], -1)
		sort.Strings(a)
		sort.Strings(b)
		if strings.Join(a, "") != strings.Join(b, "") {
			t.Errorf("%s: placeholders km %v, en %v", k, a, b)
		}
	}
}

// TestTemplateKeysExist reads every literal message ID in the templates and
// the Go sources and checks both catalogues have it.
func TestTemplateKeysExist(t *testing.T) {
	cats, err := loadCatalogues(embedded)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, pat := range []string{"templates/*.html", "*.go"} {
		m, _ := filepath.Glob(pat)
		files = append(files, m...)
	}
	re := regexp.MustCompile(`(?:\bt|\btf|\.T|\.TF|statusError\(http\.Status\w+,) *\(?"([a-z][a-z0-9_.-]*[a-z0-9_])"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			n++
			for lang, c := range cats {
				if _, ok := c[string(m[1])]; !ok {
					t.Errorf("%s uses %q, missing from %s", f, m[1], lang)
				}
			}
		}
	}
	if n < 100 {
		t.Errorf("found only %d message uses: is the pattern still right?", n)
	}
}

func TestWantsJSON(t *testing.T) {
	cases := []struct {
		path, accept string
		want         bool
	}{
		{"/events", "", false},
		{"/events.json", "", true},
		{"/events", "application/json", true},
		{"/events", "text/html", false},
		{"/events", "text/html, application/json", false},
		{"/events", "text/html;q=0.8, application/json", true},
		{"/events", "application/json;q=0", false},
		{"/events", "*/*", false},
		{"/events", "garbage;;;", false},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", c.path, nil)
		if c.accept != "" {
			r.Header.Set("Accept", c.accept)
		}
		if got := wantsJSON(r); got != c.want {
			t.Errorf("wantsJSON(%s, %q) = %v", c.path, c.accept, got)
		}
	}
}

// FuzzWantsJSON: any Accept header is answered without a panic, and a
// .json path always wins.
func FuzzWantsJSON(f *testing.F) {
	f.Add("text/html;q=0.8, application/json")
	f.Add("application/json;q=abc")
	f.Fuzz(func(t *testing.T, accept string) {
		r := httptest.NewRequest("GET", "/x.json", nil)
		r.Header["Accept"] = []string{accept}
		if !wantsJSON(r) {
			t.Fatal(".json path not JSON")
		}
		r2 := httptest.NewRequest("GET", "/x", nil)
		r2.Header["Accept"] = []string{accept}
		wantsJSON(r2)
	})
}

// FuzzPickLang: whatever the query, cookie and header say, the language is
// one the site has.
func FuzzPickLang(f *testing.F) {
	f.Add("km", "en", "en-US,en;q=0.9")
	f.Add("", "", "km-KH")
	f.Add("xx", "??", ";;;q=")
	f.Fuzz(func(t *testing.T, q, cookie, al string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL.RawQuery = "lang=" + q
		r.Header["Cookie"] = []string{"lang=" + cookie}
		r.Header["Accept-Language"] = []string{al}
		got, _ := pickLang(r, "km")
		if !validLang(got) {
			t.Fatalf("pickLang gave %q", got)
		}
	})
}
