package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/kamnotra/kamnotra/internal/record"
)

// langs are the UI languages, in the order the language switch shows them.
var langs = []string{record.LangKhmer, record.LangEnglish}

// catalogue is the UI strings of one language, keyed by message ID.
type catalogue map[string]string

func loadCatalogues(fsys fs.FS) (map[string]catalogue, error) {
	cats := map[string]catalogue{}
	for _, l := range langs {
		b, err := fs.ReadFile(fsys, "i18n/"+l+".json")
		if err != nil {
			return nil, fmt.Errorf("message catalogue %s: %w", l, err)
		}
		var c catalogue
		if err := json.Unmarshal(b, &c); err != nil {
			return nil, fmt.Errorf("message catalogue %s is not a JSON object of strings: %w", l, err)
		}
		cats[l] = c
	}
	return cats, nil
}

// locale is everything language-dependent that a page needs.
type locale struct {
	Lang string
	cat  catalogue
}

// T returns the message with that ID. A missing message shows as ⟦id⟧ so
// that it is seen in review and caught by the tests, rather than breaking
// the page.
func (l *locale) T(id string) string {
	if s, ok := l.cat[id]; ok {
		return s
	}
	return "⟦" + id + "⟧"
}

// TF returns the message with {name} placeholders replaced by values given
// as name, value pairs; numbers are formatted in the reader's digits.
func (l *locale) TF(id string, kv ...any) string {
	s := l.T(id)
	for i := 0; i+1 < len(kv); i += 2 {
		var v string
		switch x := kv[i+1].(type) {
		case int:
			v = formatNumber(l.Lang, int64(x))
		case int64:
			v = formatNumber(l.Lang, x)
		default:
			v = fmt.Sprint(x)
		}
		s = strings.ReplaceAll(s, "{"+fmt.Sprint(kv[i])+"}", v)
	}
	return s
}

// Number formats n in the reader's digits.
func (l *locale) Number(n int64) string { return formatNumber(l.Lang, n) }

// Date formats a record date in the reader's language and digits.
func (l *locale) Date(d record.Date) string { return formatDate(l.Lang, d) }

// Time formats an instant in the reader's language and digits.
func (l *locale) Time(t time.Time) string { return formatTime(l.Lang, t) }

const langCookie = "lang"

// pickLang chooses the UI language: ?lang= (remembered in a cookie), else
// the cookie, else Accept-Language, else def. The bool is true when the
// query chose it, so the caller sets the cookie.
func pickLang(r *http.Request, def string) (string, bool) {
	if q := r.URL.Query().Get("lang"); validLang(q) {
		return q, true
	}
	if c, err := r.Cookie(langCookie); err == nil && validLang(c.Value) {
		return c.Value, false
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		tags, _, err := language.ParseAcceptLanguage(al)
		if err == nil {
			for _, t := range tags {
				base, _ := t.Base()
				if validLang(base.String()) {
					return base.String(), false
				}
			}
		}
	}
	return def, false
}

func validLang(s string) bool {
	for _, l := range langs {
		if s == l {
			return true
		}
	}
	return false
}

// displayName is a name chosen for a reader, with the language it is in and
// whether it had to fall back from the reader's language.
type displayName struct {
	Value    string
	Lang     string
	Fallback bool
}

func (l *locale) Name(ns record.Names) displayName {
	n, ok := ns.Best(l.Lang)
	lang := n.Lang
	if lang == "" && n.Script == record.ScriptKhmer {
		lang = record.LangKhmer
	}
	return displayName{Value: n.Value, Lang: lang, Fallback: !ok && n.Value != ""}
}
