package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func runMain(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	c := Main(context.Background(), args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return c, out.String(), errb.String()
}

func TestExtractCommandJSON(t *testing.T) {
	text := "More than 600 members of the Candlelight Party in Kampot joined the CPP on Saturday.\n" +
		"Candlelight spokesman Thy Chanthou denied that 300 members had defected."
	code, out, errs := runMain(t, text, "extract", "--format", "json", "-", "--published", "2024-03-12", "--outlet", "Test Daily")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Events  []map[string]json.RawMessage `json:"events"`
		Denials []map[string]json.RawMessage `json:"denials"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(got.Events) != 1 || len(got.Denials) != 1 {
		t.Fatalf("%d events and %d denials, want 1 and 1:\n%s", len(got.Events), len(got.Denials), out)
	}
	var keys []string
	for k := range got.Events[0] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := "claimant confidence count count_qualifier date evidence evidence_grade from_org persons place presided_by role_class span stance to_org type"
	if strings.Join(keys, " ") != want {
		t.Errorf("fields %v, want %s", keys, want)
	}
	e := got.Events[0]
	var place bytes.Buffer
	json.Compact(&place, e["place"])
	e["place"] = place.Bytes()
	for k, v := range map[string]string{
		"type": `"defection"`, "count": "600", "count_qualifier": `"more_than"`, "from_org": `"Candlelight Party"`,
		"to_org": `"Cambodian People's Party"`, "date": `"2024-03-09"`, "claimant": `"Test Daily"`,
		"place": `{"province":"Kampot","district":null,"commune":null}`,
	} {
		if string(e[k]) != v {
			t.Errorf("%s = %s, want %s", k, e[k], v)
		}
	}
}

func TestExtractCommandText(t *testing.T) {
	dir := t.TempDir()
	html := `<!doctype html><html lang="en"><head><title>Arrest</title></head><body><article><h1>Activist arrested</h1>` +
		`<p>Police arrested Candlelight Party activist Sok Vannak in Kampot province on Monday, his lawyer said.</p></article></body></html>`
	p := filepath.Join(dir, "page.html")
	if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runMain(t, "", "extract", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "arrest") || !strings.Contains(out, "Sok Vannak") || !strings.Contains(out, "Kampot") {
		t.Errorf("text summary misses the arrest:\n%s", out)
	}
}

func TestExtractCommandErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	binary := filepath.Join(dir, "bin.dat")
	os.WriteFile(binary, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), 0o644)
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"extract", filepath.Join(dir, "missing.json")}, 1},
		{[]string{"extract", empty}, 1},
		{[]string{"extract", binary}, 1},
		{[]string{"extract"}, 2},
		{[]string{"extract", "--format", "xml", empty}, 2},
		{[]string{"extract", "--published", "yesterday", "-"}, 1},
		{[]string{"extract", "--lang", "fr", "-"}, 1},
	} {
		code, _, errs := runMain(t, "Some text.", c.args...)
		if code != c.code || strings.TrimSpace(errs) == "" {
			t.Errorf("%v: exit %d (%q), want %d with a message", c.args, code, errs, c.code)
		}
	}
}

func TestEvalCommand(t *testing.T) {
	dir := t.TempDir()
	item := `{"id": "t-1", "outlet": "Test Daily", "lang": "en", "published": "2024-03-12", "title": null,
 "text": "Police arrested three Candlelight Party activists in Siem Reap on Friday. Sok Vannak joined the CPP.",
 "events": [{"type": "arrest", "persons": [], "count": 3, "count_qualifier": "exact", "from_org": "Candlelight Party",
   "to_org": "National Police", "place": {"province": "Siem Reap", "district": null, "commune": null}, "date": "2024-03-08",
   "presided_by": [], "evidence": "Police arrested three Candlelight Party activists in Siem Reap on Friday."}]}`
	os.WriteFile(filepath.Join(dir, "t-1.json"), []byte(item), 0o644)
	code, out, errs := runMain(t, "", "eval", "--format", "json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var rep struct {
		Langs []struct {
			Lang    string
			Relaxed struct{ Gold, Extracted, Matched int }
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Langs) != 2 || rep.Langs[0].Lang != "en" || rep.Langs[0].Relaxed.Gold != 1 || rep.Langs[0].Relaxed.Extracted != 2 || rep.Langs[0].Relaxed.Matched != 1 {
		t.Errorf("report %+v, want en: 1 gold, 2 extracted (the arrest and the joining), 1 matched", rep.Langs)
	}
	if code, _, _ := runMain(t, "", "eval", filepath.Join(dir, "nothing")); code == 0 {
		t.Error("eval of a missing directory succeeded")
	}
}
