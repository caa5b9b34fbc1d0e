package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// FuzzRequest sends arbitrary paths, queries and Accept headers to the
// seeded site: no request may make it fail with a 500 or answer without
// its security headers.
func FuzzRequest(f *testing.F) {
	fx := newFixture(f)
	h := fx.site(f, Options{})
	for _, s := range []string{"/", "/events/ev-arrest", "/documents/" + fx.kmDoc + "?v=1&cite=c-def", "/people/p-chan.json",
		"/search?q=%E1%9E%80", "/events?after=%ff", "/documents/%00/archive", "/organisations/clp?lang=km", "/static/../../etc/passwd"} {
		f.Add(s, "text/html")
		f.Add(s, "application/json")
	}
	f.Fuzz(func(t *testing.T, target, accept string) {
		if !strings.HasPrefix(target, "/") || strings.ContainsAny(target, " \r\n\t#") {
			return
		}
		req, err := http.NewRequest("GET", "http://example.com"+target, nil)
		if err != nil {
			return
		}
		req.Header["Accept"] = []string{accept}
		req.RemoteAddr = "192.0.2.7:1234"
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s (Accept %q): %d\n%.300s", target, accept, rec.Code, rec.Body.String())
		}
		if rec.Header().Get("Content-Security-Policy") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("GET %s answered without security headers", target)
		}
	})
}

// FuzzSanitiseArchive: whatever a captured page holds, the sanitised view,
// parsed as a browser would, has no script, frame, media, style or event
// handler, and no link with a script URL.
func FuzzSanitiseArchive(f *testing.F) {
	f.Add(archivedHTML)
	f.Add(`<a href="jav&#x09;ascript:alert(1)">x</a><svg><script>alert(1)</script></svg>`)
	f.Add(`<p lang="km" style="color:red" onclick="x()">ខ្មែរ</p><iframe srcdoc="<script>1</script>">`)
	banned := map[string]bool{"script": true, "style": true, "iframe": true, "frame": true, "object": true, "embed": true,
		"img": true, "svg": true, "math": true, "video": true, "audio": true, "form": true, "input": true, "link": true, "meta": true, "base": true}
	f.Fuzz(func(t *testing.T, in string) {
		out := archivePolicy.Sanitize(in)
		root, err := html.Parse(strings.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		for n := range root.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if banned[n.Data] {
				t.Fatalf("sanitised output keeps <%s>:\n%s", n.Data, out)
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "style" || k == "src" || k == "srcdoc" {
					t.Fatalf("sanitised output keeps %s=%q on <%s>", a.Key, a.Val, n.Data)
				}
				if k == "href" {
					v := strings.ToLower(strings.Map(func(r rune) rune {
						if unicode.IsSpace(r) || unicode.IsControl(r) {
							return -1
						}
						return r
					}, a.Val))
					if strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:") {
						t.Fatalf("sanitised output keeps href %q", a.Val)
					}
				}
			}
		}
	})
}

// FuzzTrimForMessage: an ID echoed in an error message is short, valid
// text without control characters.
func FuzzTrimForMessage(f *testing.F) {
	f.Add("ev-arrest")
	f.Add("\x00\xff\u200bក្រសួង" + strings.Repeat("x", 60))
	f.Fuzz(func(t *testing.T, s string) {
		got := trimForMessage(s)
		if !utf8.ValidString(got) || strings.ContainsFunc(got, unicode.IsControl) {
			t.Fatalf("trimForMessage(%q) = %q", s, got)
		}
		if len(got) > 40+len("…") {
			t.Fatalf("trimForMessage(%q) is %d bytes long", s, len(got))
		}
	})
}

// FuzzETagMatch: a header naming the ETag, weak or strong, alone or in a
// list, matches; any header is read without panicking.
func FuzzETagMatch(f *testing.F) {
	f.Add(`"abc"`, `"abc"`)
	f.Add(`W/"abc", "def"`, `"def"`)
	f.Add(`*`, `"x"`)
	f.Fuzz(func(t *testing.T, header, etag string) {
		etagMatch(header, etag)
		// The site's ETags are quoted hex: no commas, no white space.
		if etag == "" || strings.ContainsRune(etag, ',') || strings.ContainsFunc(etag, unicode.IsSpace) {
			return
		}
		if !etagMatch(header+", "+etag, etag) || !etagMatch("W/"+etag, etag) {
			t.Fatalf("etag %q not matched in %q", etag, header)
		}
	})
}

func TestTrimSnippet(t *testing.T) {
	cases := map[string]string{
		"…ុ អាយុ២៨ឆ្នាំ":     "… អាយុ២៨ឆ្នាំ",
		"...ើយ សមាជិក":       "…យ សមាជិក",
		"…្រសួង":             "…រសួង",
		"សមាជិកគណបក្ស":       "សមាជិកគណបក្ស",
		"… ordinary English": "… ordinary English",
		"ា":                  "",
	}
	for in, want := range cases {
		if got := trimSnippet(in); got != want {
			t.Errorf("trimSnippet(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzTrimSnippet: a snippet never starts with a mark that has nothing to
// sit on, and only its start changes.
func FuzzTrimSnippet(f *testing.F) {
	f.Add("…ុ អាយុ")
	f.Add("...្ក")
	f.Add("plain")
	f.Fuzz(func(t *testing.T, s string) {
		got := trimSnippet(s)
		body := strings.TrimPrefix(got, "…")
		if r, _ := utf8.DecodeRuneInString(body); body != "" && (unicode.In(r, unicode.Mn, unicode.Mc) || r == '\u17D2') {
			t.Fatalf("trimSnippet(%q) = %q starts with a mark", s, got)
		}
		if !strings.HasSuffix(s, body) {
			t.Fatalf("trimSnippet(%q) = %q changed more than the start", s, got)
		}
	})
}
