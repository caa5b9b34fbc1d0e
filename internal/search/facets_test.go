package search

import (
	"encoding/json"
	"reflect"
	"testing"
)

// countsOf counts rows both ways.
func countsOf(rows []string) (ours, ref map[string]map[string]int) {
	ours, ref = map[string]map[string]int{}, map[string]map[string]int{}
	for _, raw := range rows {
		CountFacets(ours, raw)
		countJSON(ref, raw)
	}
	return ours, ref
}

func TestCountFacetsAsJSON(t *testing.T) {
	var rows []string
	for _, m := range []map[string][]string{
		{},
		nil,
		{"outlet": {"lotus-news"}, "type": {"arrest", "defection"}},
		{"province": {"kh-03"}, "party": {}},
		{"party": nil},
		{"outlet": {`quote"d`, `back\slash`, "<tag>&", "ខ្មែរ"}},
		{"outlet": {"a"}, "lang": {"km"}},
	} {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, string(b))
	}
	rows = append(rows, "", "not json", `{"a":["x"]`, `{"a":["x",]}`, `{"a":"x"}`, `{"a":["x"]} `, `{"a":[1]}`, `{"a":nul}`)
	for _, raw := range rows {
		ours, ref := countsOf([]string{raw})
		if !reflect.DeepEqual(ours, ref) {
			t.Errorf("%q: counted %v, encoding/json %v", raw, ours, ref)
		}
	}
	ours, ref := countsOf(rows)
	if !reflect.DeepEqual(ours, ref) {
		t.Errorf("all rows: counted %v, encoding/json %v", ours, ref)
	}
	if ref["outlet"]["lotus-news"] != 1 || ref["type"]["arrest"] != 1 {
		t.Fatalf("the reference counted nothing: %v", ref)
	}
}

// FuzzCountFacets: the hand parser counts what encoding/json reads, on
// any input.
func FuzzCountFacets(f *testing.F) {
	for _, s := range []string{`{}`, `{"a":["x","y"],"b":null}`, `{"a":[]}`, `{"a":["\u003c"]}`, `{"a":["x"],"a":["y"]}`, `[]`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		ours, ref := countsOf([]string{raw})
		if !reflect.DeepEqual(ours, ref) {
			t.Fatalf("%q: counted %v, encoding/json %v", raw, ours, ref)
		}
	})
}
