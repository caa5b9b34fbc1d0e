package web

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

type openAPIDoc struct {
	OpenAPI string `json:"openapi"`
	Paths   map[string]map[string]struct {
		Parameters []struct {
			Name string `json:"name"`
		} `json:"parameters"`
		Responses map[string]struct {
			Content map[string]struct {
				Schema struct {
					Required []string `json:"required"`
				} `json:"schema"`
			} `json:"content"`
		} `json:"responses"`
	} `json:"paths"`
}

// TestOpenAPI checks the description against the site: every page route
// is described, and every described path answers 200 with the top-level
// fields the description requires.
func TestOpenAPI(t *testing.T) {
	f := newFixture(t)
	h := f.site(t, Options{})
	r := do(t, h, "GET", "/openapi.json")
	wantStatus(t, r, 200)
	var doc openAPIDoc
	if err := json.Unmarshal(r.Body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	routes := regexp.MustCompile(`HandleFunc\("GET (/[^"]*)", h\.serve\(`).FindAllStringSubmatch(string(src), -1)
	if len(routes) < 10 {
		t.Fatalf("found %d page routes in routes.go: is the pattern still right?", len(routes))
	}
	for _, m := range routes {
		p := m[1]
		switch {
		case p == "/{$}":
			p = "/index.json"
		case !strings.HasSuffix(p, ".json"):
			p += ".json"
		}
		if _, ok := doc.Paths[p]; !ok {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("routes missing from api/openapi.json: %v", missing)
	}
	ids := map[string]string{"/events/": f.arrest, "/documents/": f.kmDoc, "/people/": "p-sok", "/organisations/": "cpp", "/outlets/": "fresh-news", "/places/": "kh-12"}
	for p, ops := range doc.Paths {
		target := p
		for prefix, id := range ids {
			if strings.HasPrefix(p, prefix+"{id}") {
				target = strings.Replace(p, "{id}", id, 1)
			}
		}
		res := do(t, h, "GET", target)
		if res.StatusCode != 200 {
			t.Errorf("%s: %d", target, res.StatusCode)
			continue
		}
		for mt, c := range ops["get"].Responses["200"].Content {
			if mt != "application/json" {
				continue
			}
			m := res.json(t)
			for _, k := range c.Schema.Required {
				if _, ok := m[k]; !ok {
					t.Errorf("%s: no %q in the answer", target, k)
				}
			}
		}
	}
}

// TestOpenAPISearch checks that every filter /search reads is described,
// and that an answer with hits has the fields the description requires.
func TestOpenAPISearch(t *testing.T) {
	f := newFixture(t)
	s := &resultSearcher{res: &SearchResults{Hits: []SearchHit{{Kind: HitDocument, ID: f.kmDoc, Title: "t",
		Snippet: []Fragment{{Text: "a "}, {Text: "b", Match: true}}}}, Total: 1, Facets: map[string]map[string]int{"type": {"arrest": 1}}}}
	h := f.site(t, Options{Searcher: s})
	var doc openAPIDoc
	if err := json.Unmarshal(do(t, h, "GET", "/openapi.json").Body, &doc); err != nil {
		t.Fatal(err)
	}
	op := doc.Paths["/search.json"]["get"]
	var described []string
	for _, p := range op.Parameters {
		described = append(described, p.Name)
	}
	for _, p := range append([]string{"q", "after", "lang", "kind", "from", "to"}, searchFacets...) {
		if !slices.Contains(described, p) {
			t.Errorf("/search.json parameter %q is not described", p)
		}
	}
	m := do(t, h, "GET", "/search.json?q=b&type=arrest&from=2023-01-01").json(t)
	req := op.Responses["200"].Content["application/json"].Schema.Required
	if len(req) < 4 {
		t.Errorf("/search.json requires only %v", req)
	}
	for _, k := range append(req, "facets", "filters") {
		if _, ok := m[k]; !ok {
			t.Errorf("/search.json answer has no %q", k)
		}
	}
}
