package document

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/corpus"
	"github.com/kamnotra/kamnotra/internal/record"
)

// maxTitleRunes is the longest first line taken as a plain text's title.
const maxTitleRunes = 160

// readText reads a plain text file: its text is itself, its title the
// first line when that line is short and more follows.
func readText(in Input) (*Result, error) {
	text, cs, flags := decode(in.Body, in.ContentType)
	text = tidyText(text)
	res := &Result{SourceKind: SourceText, Charset: cs, Flags: flags, Text: text}
	res.Title = titleLine(text)
	near := firstRunes(text, 400)
	for _, s := range datesInText(near, in.FetchedAt) {
		if plausible(s.t, in.FetchedAt) {
			res.Published = s.date()
			if s.clock {
				res.PublishedAt = s.t
			}
			res.DateSource = "text"
			break
		}
	}
	if res.Published.IsZero() {
		if s, ok := dateInURL(in.URL); ok && plausible(s.t, in.FetchedAt) {
			res.Published, res.DateSource = s.date(), "url"
		}
	}
	applyLegacy(res, "")
	return res, nil
}

func titleLine(text string) string {
	first, rest, ok := strings.Cut(text, "\n")
	first = clean(first)
	if !ok || strings.TrimSpace(rest) == "" || first == "" || utf8.RuneCountInString(first) > maxTitleRunes {
		return ""
	}
	return first
}

// readCorpus reads one item of the shared corpus JSON format.
func readCorpus(in Input) (*Result, error) {
	it, err := corpus.ParseBytes(bytes.TrimPrefix(in.Body, []byte("\xef\xbb\xbf")))
	if err != nil {
		return nil, record.Wrap(record.EInvalid, err, "%s: not a readable corpus item", describe(in.URL))
	}
	res := &Result{SourceKind: SourceCorpus, Charset: "utf-8", Text: tidyText(it.Text), SiteName: it.Outlet}
	if it.Title != nil {
		res.Title = clean(*it.Title)
	}
	switch it.Lang {
	case record.LangKhmer, record.LangEnglish, record.LangMixed:
		res.Lang = it.Lang
	}
	if it.Published != nil {
		d, err := record.ParseDate(*it.Published)
		if err != nil {
			return nil, record.Wrap(record.EInvalid, err, "%s: item %q has a bad \"published\"", describe(in.URL), it.ID)
		}
		res.Published, res.DateSource = d, "corpus"
	}
	if it.URL != "" {
		res.CanonicalURL = CleanURL(it.URL)
	}
	if it.Outlet != "" {
		if o, ok := in.Outlets.ByName(it.Outlet); ok {
			res.OutletID = o.ID
		}
	}
	return res, nil
}
