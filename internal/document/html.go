package document

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/kamnotra/kamnotra/internal/record"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxElements bounds the DOM handed to readability; past it the simpler
// fallback extractor runs alone.
const maxElements = 60000

// minReadable is the length (runes) under which readability's choice is
// checked against the fallback: short items (a statement, a brief) are
// where readability most often picks a caption or a teaser.
const minReadable = 250

// page is what one walk over the DOM collects before readability mutates it.
type page struct {
	meta      map[string]string // lower-cased property/name/itemprop → first content
	title     string
	h1        string
	h2        string
	anchors   map[string]bool // short link texts, to trim menus off the text's ends
	canonical string
	lang      string
	times     []timeEl
	jsonld    []string
	fonts     []string // legacy font names seen in CSS or <font face>
	dateTexts []string // text of elements whose class or id says date/time
	elements  int
}

type timeEl struct {
	datetime string
	text     string
	publish  bool // pubdate, itemprop=datePublished or a class/id saying publish
}

var dateClassRe = regexp.MustCompile(`(?i)(date|time|publish|posted|byline|meta|entry-info|post-info)`)
var publishRe = regexp.MustCompile(`(?i)(publish|posted|created|pubdate)`)

func readHTML(ctx context.Context, in Input) (*Result, error) {
	text, cs, flags := decode(in.Body, in.ContentType)
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// x/net/html reports only reader errors; keep the message anyway.
		return nil, record.Wrap(record.EInvalid, err, "%s: cannot parse HTML", describe(in.URL))
	}
	base, _ := url.Parse(in.URL)
	if base != nil && base.Scheme != "http" && base.Scheme != "https" {
		base = nil
	}
	var p page
	p.meta = map[string]string{}
	p.anchors = map[string]bool{}
	walk(doc, &p, 0)
	preclean(doc, 0)
	if b := p.meta["base-href"]; b != "" && base != nil {
		if bu, err := base.Parse(b); err == nil {
			base = bu
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ld := parseJSONLD(p.jsonld)

	res := &Result{SourceKind: SourceHTML, Charset: cs, Flags: flags}

	// Main text: readability first, a plainer extractor when it fails or
	// comes back suspiciously short.
	var art readability.Article
	var artErr error = errNoRun
	if p.elements <= maxElements {
		ps := readability.NewParser()
		pageURL := base
		if pageURL == nil {
			pageURL = &url.URL{Scheme: "http", Host: "localhost", Path: "/"}
		}
		art, artErr = parseReadable(&ps, doc, pageURL)
	}
	if artErr == nil && art.Node != nil {
		res.Text = tidyText(render.InnerText(art.Node))
	}
	if utf8.RuneCountInString(res.Text) < minReadable {
		if fb := fallbackText(text); utf8.RuneCountInString(fb) > utf8.RuneCountInString(res.Text) {
			res.Text = fb
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Site name: og:site_name, JSON-LD publisher, readability's guess.
	res.SiteName = firstNonEmpty(p.meta["og:site_name"], ld.publisher, p.meta["application-name"])
	if res.SiteName == "" && artErr == nil {
		res.SiteName = art.SiteName()
	}
	res.SiteName = clean(res.SiteName)

	// Canonical URL and outlet first: the outlet's names help to cut the
	// site name off the title.
	res.CanonicalURL = pickCanonical(base, in.URL, p.canonical, p.meta["og:url"], ld.url)
	res.OutletID = outletFor(in.Outlets, res.CanonicalURL, in.URL, res.SiteName)
	sites := []string{res.SiteName}
	if o, ok := in.Outlets.ByID(res.OutletID); ok {
		for _, n := range o.Names {
			sites = append(sites, n.Value)
		}
	}

	// Title.
	res.Title = pickTitle(&p, ld, sites)
	if res.Title == "" && artErr == nil {
		res.Title = clean(art.Title())
	}

	// Byline.
	res.Byline = clean(firstNonEmpty(ld.author, nonURL(p.meta["author"]), nonURL(p.meta["article:author"]), p.meta["byl"], p.meta["dc.creator"]))
	if res.Byline == "" && artErr == nil {
		res.Byline = clean(art.Byline())
	}
	res.Byline = strings.TrimSpace(byPrefixRe.ReplaceAllString(res.Byline, ""))

	res.Text = trimEnds(res.Text, p.anchors, res.Title)

	// Publication date.
	pickDate(res, &p, ld, in)

	// Legacy Khmer fonts.
	font := ""
	if len(p.fonts) > 0 {
		font = p.fonts[0]
	}
	applyLegacy(res, font)
	// The page's lang attribute is a weak witness (templates say "en" on
	// Khmer pages): the letters decide in finish, and the attribute only
	// when there are too few letters to count.
	switch lang := Lang(res.Text); {
	case lang == "":
		switch l := strings.ToLower(p.lang); {
		case strings.HasPrefix(l, "km"):
			res.Lang = record.LangKhmer
		case strings.HasPrefix(l, "en"):
			res.Lang = record.LangEnglish
		}
	case len(res.Text) <= MaxTextSize:
		// What finish would find by counting the same letters again
		// (longer text is cut there first, and counted then).
		res.Lang = lang
	}
	return res, nil
}

// parseReadable runs readability, turning a panic in it (third-party code
// on untrusted pages) into an error so the fallback extractor takes over.
func parseReadable(ps *readability.Parser, doc *html.Node, u *url.URL) (art readability.Article, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = &record.Error{Code: record.EInternal, Message: fmt.Sprintf("readability panicked: %v", r)}
		}
	}()
	return ps.ParseAndMutate(doc, u)
}

var errNoRun = &record.Error{Code: record.EInternal, Message: "readability not run: page too large"}

var byPrefixRe = regexp.MustCompile(`(?i)^\s*(by|written by|ដោយ|អត្ថបទដោយ)\s*:?\s*`)

// walk collects metadata in one pass. Depth is bounded because x/net/html
// bounds nesting itself only for some elements.
func walk(n *html.Node, p *page, depth int) {
	if depth > 512 {
		return
	}
	if n.Type == html.ElementNode {
		p.elements++
		switch n.DataAtom {
		case atom.Html:
			p.lang = attr(n, "lang")
		case atom.Meta:
			key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
			content := attr(n, "content")
			if key != "" && content != "" {
				if _, seen := p.meta[key]; !seen {
					p.meta[key] = content
				}
			}
		case atom.Title:
			if p.title == "" && !inSVG(n) {
				p.title = clean(textOf(n))
			}
		case atom.H1:
			if p.h1 == "" {
				p.h1 = clean(textOf(n))
			}
		case atom.H2:
			if p.h2 == "" {
				p.h2 = clean(textOf(n))
			}
		case atom.A:
			if t := clean(textOf(n)); t != "" && len(p.anchors) < 2000 && utf8.RuneCountInString(t) <= 40 {
				p.anchors[t] = true
			}
		case atom.Link:
			rel := strings.ToLower(attr(n, "rel"))
			if p.canonical == "" && hasWord(rel, "canonical") {
				p.canonical = attr(n, "href")
			}
		case atom.Base:
			if h := attr(n, "href"); h != "" {
				if _, seen := p.meta["base-href"]; !seen {
					p.meta["base-href"] = h
				}
			}
		case atom.Time:
			te := timeEl{datetime: attr(n, "datetime"), text: clean(textOf(n))}
			_, pub := attrOK(n, "pubdate")
			te.publish = pub || strings.EqualFold(attr(n, "itemprop"), "datePublished") ||
				publishRe.MatchString(attr(n, "class")+" "+attr(n, "id")) ||
				(n.Parent != nil && publishRe.MatchString(attr(n.Parent, "class")+" "+attr(n.Parent, "id")))
			if len(p.times) < 16 {
				p.times = append(p.times, te)
			}
		case atom.Script:
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && len(p.jsonld) < 8 {
				p.jsonld = append(p.jsonld, textOf(n))
			}
			return
		case atom.Style:
			if f := legacyFontIn(textOf(n)); f != "" {
				p.fonts = append(p.fonts, f)
			}
			return
		case atom.Font:
			if f := legacyFontIn(" " + attr(n, "face")); f != "" {
				p.fonts = append(p.fonts, f)
			}
		}
		if s := attr(n, "style"); s != "" && len(p.fonts) < 4 {
			if f := legacyFontIn(s); f != "" {
				p.fonts = append(p.fonts, f)
			}
		}
		if len(p.dateTexts) < 12 && n.DataAtom != atom.Body && n.DataAtom != atom.Html {
			if dateClassRe.MatchString(attr(n, "class") + " " + attr(n, "id")) {
				if t := clean(textOf(n)); t != "" && utf8.RuneCountInString(t) <= 200 {
					p.dateTexts = append(p.dateTexts, t)
				}
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, p, depth+1)
	}
}

func inSVG(n *html.Node) bool {
	for a := n.Parent; a != nil; a = a.Parent {
		if a.DataAtom == atom.Svg {
			return true
		}
	}
	return false
}

func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

func hasWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if f == w {
			return true
		}
	}
	return false
}

// textOf concatenates the text nodes under n, bounded to 64 KB.
func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node, int)
	rec = func(n *html.Node, depth int) {
		if b.Len() > 64<<10 || depth > 256 {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, depth+1)
		}
	}
	rec(n, 0)
	return b.String()
}

// clean collapses white space and trims.
func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func nonURL(s string) string {
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return ""
	}
	return s
}

// tidyText normalises line ends and blank lines of extracted text:
// trailing spaces go, runs of blank lines become one, so paragraphs are
// separated by exactly one blank line.
func tidyText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	// Lines and words are walked in place and written once: this runs on
	// every page's text.
	var b strings.Builder
	b.Grow(len(s))
	blank := 0
	for l := range strings.SplitSeq(s, "\n") {
		empty := true
		for w := range strings.FieldsFuncSeq(l, isHSpace) {
			switch {
			case !empty:
				b.WriteByte(' ')
			case b.Len() > 0 && blank > 0:
				b.WriteString("\n\n")
			case b.Len() > 0:
				b.WriteString("\n")
			}
			empty = false
			b.WriteString(w)
		}
		if empty {
			blank++
		} else {
			blank = 0
		}
	}
	return b.String()
}

func isHSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\f' || r == '\v' || r == '\u00a0'
}

// boilerRe matches class and id values of page furniture.
var boilerRe = regexp.MustCompile(`(?i)(^|[\s_-])(nav|navbar|menu|footer|header|sidebar|side-bar|widget|related|share|sharing|social|comment|comments|advert|ads?|banner|promo|breadcrumbs?|tags?|subscribe|newsletter|popular|trending|most-read|cookie|modal|skip)($|[\s_-])`)

// fallbackText is the extractor of last resort: the text of the page's
// article (or main, or body) element with the furniture removed. It runs on
// a fresh parse because readability has mutated the first one.
func fallbackText(text string) string {
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return ""
	}
	var root *html.Node
	var find func(*html.Node, int)
	var body *html.Node
	find = func(n *html.Node, depth int) {
		if depth > 512 {
			return
		}
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Body && body == nil:
				body = n
			case root == nil && (n.DataAtom == atom.Article || strings.EqualFold(attr(n, "itemprop"), "articleBody")):
				root = n
			case root == nil && n.DataAtom == atom.Main:
				root = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c, depth+1)
		}
	}
	find(doc, 0)
	if root == nil {
		root = body
	}
	if root == nil {
		root = doc
	}
	strip(root, 0)
	return tidyText(render.InnerText(root))
}

func strip(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if depth > 512 {
			n.RemoveChild(c)
		} else if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Nav, atom.Header, atom.Footer, atom.Aside, atom.Form, atom.Noscript, atom.Iframe, atom.Button, atom.Select, atom.Template, atom.Svg:
				n.RemoveChild(c)
			default:
				if boilerRe.MatchString(attr(c, "class") + " " + attr(c, "id") + " " + attr(c, "role")) {
					n.RemoveChild(c)
				} else {
					strip(c, depth+1)
				}
			}
		} else if c.Type == html.CommentNode {
			n.RemoveChild(c)
		}
		c = next
	}
}

// preclean removes page furniture before readability sees the page:
// elements whose class or id says menu, sidebar, share… and whose text is
// mostly links. Requiring link density keeps a "content has-sidebar"
// wrapper with the article in it.
func preclean(n *html.Node, depth int) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && depth < 512 {
			if c.DataAtom != atom.Body && c.DataAtom != atom.Html && c.DataAtom != atom.Article && c.DataAtom != atom.Main &&
				boilerRe.MatchString(attr(c, "class")+" "+attr(c, "id")) && linkDensity(c) >= 0.5 {
				n.RemoveChild(c)
			} else {
				preclean(c, depth+1)
			}
		}
		c = next
	}
}

// linkDensity is the share of an element's text inside links.
func linkDensity(n *html.Node) float64 {
	var all, linked int
	var rec func(*html.Node, bool, int)
	rec = func(n *html.Node, inLink bool, depth int) {
		if depth > 256 {
			return
		}
		if n.Type == html.TextNode {
			k := len(strings.TrimSpace(n.Data))
			all += k
			if inLink {
				linked += k
			}
			return
		}
		if n.DataAtom == atom.A {
			inLink = true
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c, inLink, depth+1)
		}
	}
	rec(n, false, 0)
	if all == 0 {
		return 1
	}
	return float64(linked) / float64(all)
}

// trimEnds drops lines at the start and end of text that are only the
// text of a link on the page (a menu item, "Print", "Read more") and a
// first line repeating the title.
func trimEnds(text string, anchors map[string]bool, title string) string {
	lines := strings.Split(text, "\n")
	isFurniture := func(l string) bool {
		l = strings.TrimSpace(l)
		return l == "" || anchors[l]
	}
	i, j := 0, len(lines)
	for i < j && isFurniture(lines[i]) {
		i++
	}
	if i < j && title != "" && clean(lines[i]) == title {
		i++
		for i < j && isFurniture(lines[i]) {
			i++
		}
	}
	for j > i && isFurniture(lines[j-1]) {
		j--
	}
	return strings.Join(lines[i:j], "\n")
}

// jsonLD is what Kamnotra uses of a page's JSON-LD.
type jsonLD struct {
	headline, author, publisher, url string
	published                        string
}

var articleTypes = map[string]bool{
	"article": true, "newsarticle": true, "reportagenewsarticle": true, "blogposting": true,
	"analysisnewsarticle": true, "opinionnewsarticle": true, "backgroundnewsarticle": true,
	"report": true, "webpage": false, "liveblogposting": true, "socialmediaposting": true,
}

// parseJSONLD reads the first article-typed object of the page's JSON-LD
// blocks, looking into arrays and @graph; an object of another type with a
// datePublished is the second choice.
func parseJSONLD(blocks []string) jsonLD {
	var best, second map[string]any
	var visit func(v any, depth int)
	visit = func(v any, depth int) {
		if depth > 16 || best != nil {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				visit(e, depth+1)
			}
		case map[string]any:
			if isArticleType(x["@type"]) {
				best = x
				return
			}
			if _, ok := x["datePublished"]; ok && second == nil {
				second = x
			}
			if g, ok := x["@graph"]; ok {
				visit(g, depth+1)
			}
		}
	}
	for _, b := range blocks {
		var v any
		// CMSs leave HTML comments and trailing semicolons in JSON-LD.
		b = strings.TrimSpace(b)
		b = strings.TrimPrefix(strings.TrimSuffix(b, "-->"), "<!--")
		b = strings.TrimSuffix(strings.TrimSpace(b), ";")
		if json.Unmarshal([]byte(b), &v) != nil {
			continue
		}
		visit(v, 0)
	}
	o := best
	if o == nil {
		o = second
	}
	if o == nil {
		return jsonLD{}
	}
	ld := jsonLD{
		headline:  str(o["headline"]),
		published: str(o["datePublished"]),
		author:    names(o["author"]),
		publisher: names(o["publisher"]),
		url:       str(o["url"]),
	}
	if ld.headline == "" {
		ld.headline = str(o["name"])
	}
	if ld.url == "" {
		switch m := o["mainEntityOfPage"].(type) {
		case string:
			ld.url = m
		case map[string]any:
			ld.url = firstNonEmpty(str(m["@id"]), str(m["url"]))
		}
	}
	return ld
}

func isArticleType(t any) bool {
	switch x := t.(type) {
	case string:
		return articleTypes[strings.ToLower(x)]
	case []any:
		for _, e := range x {
			if isArticleType(e) {
				return true
			}
		}
	}
	return false
}

func str(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case []any:
		if len(x) > 0 {
			return str(x[0])
		}
	}
	return ""
}

// names reads a schema.org Person/Organization, a list of them, or a plain
// string, joining several names with ", ".
func names(v any) string {
	switch x := v.(type) {
	case string:
		return nonURL(strings.TrimSpace(x))
	case map[string]any:
		return str(x["name"])
	case []any:
		var out []string
		for _, e := range x {
			if n := names(e); n != "" {
				out = append(out, n)
			}
			if len(out) == 5 {
				break
			}
		}
		return strings.Join(out, ", ")
	}
	return ""
}

// titleSeps split a site name from a title; a plain hyphen only with
// spaces around it, so "pro-government" survives.
var titleSepRe = regexp.MustCompile(`\s+[|–—·:»«/-]\s+|\s*[|]\s*|\s+::\s+`)

// pickTitle chooses og:title, then JSON-LD headline, then <title>, then h1,
// each with the site's name cut off its end or start.
func pickTitle(p *page, ld jsonLD, sites []string) string {
	heading := p.h1
	if heading == "" {
		heading = p.h2
	}
	for _, cand := range []string{p.meta["og:title"], p.meta["twitter:title"], ld.headline, p.title, heading} {
		cand = clean(cand)
		if cand == "" {
			continue
		}
		t := stripSite(cand, sites, heading)
		if t != "" {
			return t
		}
	}
	return ""
}

// stripSite removes a site suffix or prefix: the part equal to the page's
// heading wins, else the segment equal to a site name goes, else the last
// segment goes when it is short and looks like a name.
func stripSite(title string, sites []string, heading string) string {
	if heading != "" && len(title) > len(heading) {
		if rest, ok := strings.CutPrefix(title, heading); ok && titleSepRe.MatchString(" "+strings.TrimSpace(rest)) {
			return heading
		}
		if rest, ok := strings.CutSuffix(title, heading); ok && titleSepRe.MatchString(strings.TrimSpace(rest)+" ") {
			return heading
		}
	}
	locs := titleSepRe.FindAllStringIndex(title, -1)
	if len(locs) == 0 {
		return title
	}
	first := strings.TrimSpace(title[:locs[0][0]])
	last := strings.TrimSpace(title[locs[len(locs)-1][1]:])
	head := strings.TrimSpace(title[:locs[len(locs)-1][0]])
	tail := strings.TrimSpace(title[locs[0][1]:])
	for _, site := range sites {
		site = strings.ToLower(clean(site))
		switch {
		case site == "":
		case sameName(last, site):
			return head
		case sameName(first, site):
			return tail
		}
	}
	switch {
	case isDomain(last):
		return head
	case utf8.RuneCountInString(last) <= 30 && utf8.RuneCountInString(head) >= 2*utf8.RuneCountInString(last) && looksLikeSite(last):
		return head
	}
	return title
}

func sameName(a, site string) bool {
	a = strings.ToLower(a)
	return a == site || strings.ReplaceAll(a, " ", "") == strings.ReplaceAll(site, " ", "")
}

// looksLikeSite: a site suffix is a name or a domain, not a sentence.
func looksLikeSite(s string) bool {
	return isDomain(s) || len(strings.Fields(s)) <= 4
}

func isDomain(s string) bool {
	dot := strings.LastIndexByte(s, '.')
	return dot > 0 && dot < len(s)-2 && !strings.ContainsAny(s, " /")
}

// pickCanonical resolves rel=canonical, og:url and JSON-LD url against the
// page URL and cleans the first that is usable. A canonical pointing at the
// site's home page from an article is a CMS mistake and is skipped.
func pickCanonical(base *url.URL, pageURL string, cands ...string) string {
	for _, c := range cands {
		r := resolve(base, c)
		if r == "" {
			continue
		}
		ru, err := url.Parse(r)
		if err != nil {
			continue
		}
		if (ru.Path == "" || ru.Path == "/") && ru.RawQuery == "" && base != nil && base.Path != "" && base.Path != "/" {
			continue
		}
		return CleanURL(r)
	}
	return CleanURL(pageURL)
}

// pickDate tries, in order of trust: meta tags, JSON-LD, <time> marked as
// the publication time, the URL path, dates written near the title, and
// the first <time>. The first plausible one wins.
func pickDate(res *Result, p *page, ld jsonLD, in Input) {
	try := func(s stamp, ok bool, source string) bool {
		if !ok || !plausible(s.t, in.FetchedAt) {
			return false
		}
		res.Published = s.date()
		if s.clock {
			res.PublishedAt = s.t
		}
		res.DateSource = source
		return true
	}
	for _, k := range []string{"article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:publishtime"} {
		if v := p.meta[k]; v != "" {
			if s, ok := parseAny(v, in.FetchedAt); try(s, ok, "meta") {
				return
			}
		}
	}
	if s, ok := parseAny(ld.published, in.FetchedAt); try(s, ok, "json-ld") {
		return
	}
	for _, t := range p.times {
		if t.publish {
			if s, ok := parseStamp(t.datetime); try(s, ok, "time") {
				return
			}
		}
	}
	for _, u := range []string{res.CanonicalURL, in.URL} {
		if s, ok := dateInURL(u); try(s, ok, "url") {
			return
		}
	}
	near := strings.Join(p.dateTexts, "\n") + "\n" + firstRunes(res.Text, 400)
	for _, s := range datesInText(near, in.FetchedAt) {
		if try(s, true, "text") {
			return
		}
	}
	for _, t := range p.times {
		if s, ok := parseStamp(t.datetime); try(s, ok, "time") {
			return
		}
		for _, s := range datesInText(t.text, in.FetchedAt) {
			if try(s, true, "time") {
				return
			}
		}
	}
}
