// Package gazetteer holds the project's own data about the names the
// extractor meets — political parties, public bodies, provinces and
// districts, titles and role words — in Khmer and Latin script, and finds
// them in text.
//
// The data lives in editable files under data/ (embedded at build time):
// orgs.json, places.tsv, roles.tsv and titles.tsv. The names are public
// fact. Matching is leftmost-longest over a byte trie: Latin names
// case-insensitively on word boundaries (abbreviations case-sensitively),
// Khmer names on cluster boundaries over a folded form of the text, with
// spans always given in bytes of the text as passed in.
package gazetteer

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
)

//go:embed data/*.json data/*.tsv
var dataFS embed.FS

// Org is a party or public body.
type Org struct {
	ID        string
	Canonical string // the English name used in the record and the corpus
	Kind      record.OrgKind
	Abbrevs   []string
	Names     record.Names
	Dissolved record.Date
	Ruling    bool // the governing party
	// Generic is true for "opposition (unspecified)" and "other parties
	// (unspecified)": a category, not one party.
	Generic bool
}

// Province is one of the 25 provinces (Phnom Penh included).
type Province struct {
	ID        string // kh-NN
	Code      string // NN, the official province code
	English   string
	Khmer     string
	Capital   bool // Phnom Penh
	Variants  []string
	Districts []*District
}

// District is a srok, khan or krong.
type District struct {
	ID       string
	Kind     string // srok, khan or krong
	English  string
	Khmer    string
	Variants []string
	Province *Province
}

// OrgMatch is an organisation named in text.
type OrgMatch struct {
	Start, End int // bytes of the text passed in
	Canonical  string
	Kind       record.OrgKind
	ID         string
}

// PlaceMatch is a place named in text. A district match carries its
// province; a commune match carries the district and province written
// right after it, when there are.
type PlaceMatch struct {
	Start, End int
	Level      record.PlaceLevel
	Province   string // canonical English
	District   string // canonical English
	Commune    string // as written (Khmer script or Latin), no prefix
	// Prefixed is true when the name came with its administrative word
	// (ខេត្ត, ស្រុក, "province", "district"…), which makes it a place for sure.
	Prefixed bool
	// Provinces lists every province a district name could be in when it
	// is ambiguous and nothing nearby decides it; Province is then the first.
	Provinces []string
}

// RoleMatch is a role word.
type RoleMatch struct {
	Start, End int
	Role       string           // canonical English role
	Class      record.RoleClass // empty for presiding bodies
	Presiding  bool             // a working group or similar receiving body
	Candidate  bool             // a list candidate (class member)
}

// TitleMatch is a title or honorific.
type TitleMatch struct {
	Start, End int
	Title      string
	Rank       bool // military or police rank
	Royal      bool
}

// Gazetteer is the loaded data with its matchers. It is safe for
// concurrent use.
type Gazetteer struct {
	orgs      []*Org
	orgByKey  map[string]*Org
	provinces []*Province
	districts []*District
	provByKey map[string]*Province
	roles     []roleEntry
	titles    []titleEntry

	orgTrie, placeTrie, roleTrie, titleTrie *trie
	khmerWords                              []string
	places                                  placeTable
}

type roleEntry struct {
	role  string
	class string
}

type titleEntry struct {
	title string
	flag  string
}

var (
	defaultOnce sync.Once
	defaultG    *Gazetteer
)

// Default returns the gazetteer built from the embedded data. It panics if
// the data does not load, which the package tests rule out.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := Load()
		if err != nil {
			panic(err)
		}
		defaultG = g
	})
	return defaultG
}

// Load builds a gazetteer from the embedded data files.
func Load() (*Gazetteer, error) {
	read := func(name string) ([]byte, error) {
		b, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			return nil, fmt.Errorf("gazetteer: read %s: %w", name, err)
		}
		return b, nil
	}
	g := &Gazetteer{
		orgByKey:  map[string]*Org{},
		provByKey: map[string]*Province{},
		orgTrie:   newTrie(), placeTrie: newTrie(), roleTrie: newTrie(), titleTrie: newTrie(),
	}
	b, err := read("places.tsv")
	if err != nil {
		return nil, err
	}
	if err := g.loadPlaces(b); err != nil {
		return nil, err
	}
	if b, err = read("orgs.json"); err != nil {
		return nil, err
	}
	if err := g.loadOrgs(b); err != nil {
		return nil, err
	}
	if b, err = read("roles.tsv"); err != nil {
		return nil, err
	}
	if err := g.loadRoles(b); err != nil {
		return nil, err
	}
	if b, err = read("titles.tsv"); err != nil {
		return nil, err
	}
	if err := g.loadTitles(b); err != nil {
		return nil, err
	}
	for _, t := range []*trie{g.orgTrie, g.placeTrie, g.roleTrie, g.titleTrie} {
		t.finish()
	}
	g.collectWords()
	return g, nil
}

func isKhmerString(s string) bool {
	for _, r := range s {
		if isKhmer(r) {
			return true
		}
	}
	return false
}

// --- organisations ---

type orgJSON struct {
	ID        string   `json:"id"`
	Canonical string   `json:"canonical"`
	Kind      string   `json:"kind"`
	Ruling    bool     `json:"ruling"`
	Generic   bool     `json:"generic"`
	Dissolved string   `json:"dissolved"`
	Abbr      []string `json:"abbr"`
	En        []string `json:"en"`
	Km        []string `json:"km"`
	KmCore    []string `json:"km_core"`
}

var orgKinds = map[string]record.OrgKind{
	"party": record.OrgParty, "ministry": record.OrgMinistry, "court": record.OrgCourt,
	"province_administration": record.OrgProvince, "ngo": record.OrgNGO, "company": record.OrgCompany,
	"body": record.OrgBody, "foreign_authority": record.OrgForeign, "media": record.OrgMedia,
	"unknown": record.OrgUnknown,
}

// Khmer words before a party's name: គណបក្ស "political party" and its
// short form បក្ស, with the spellings seen in print.
var partyPrefixes = []string{"គណបក្ស", "បក្ស", "គណបក្សនយោបាយ"}

func (g *Gazetteer) loadOrgs(b []byte) error {
	var doc struct {
		Orgs []orgJSON `json:"orgs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return fmt.Errorf("gazetteer: orgs.json: %w", err)
	}
	for _, o := range doc.Orgs {
		kind, ok := orgKinds[o.Kind]
		if !ok {
			return fmt.Errorf("gazetteer: orgs.json: %s: unknown kind %q (want one of party, ministry, court, body, foreign_authority, …)", o.ID, o.Kind)
		}
		if o.ID == "" || o.Canonical == "" {
			return fmt.Errorf("gazetteer: orgs.json: an entry lacks id or canonical")
		}
		d, err := record.ParseDate(o.Dissolved)
		if err != nil {
			return fmt.Errorf("gazetteer: orgs.json: %s: dissolved: %w", o.ID, err)
		}
		org := &Org{ID: o.ID, Canonical: o.Canonical, Kind: kind, Abbrevs: o.Abbr, Dissolved: d, Ruling: o.Ruling, Generic: o.Generic}
		org.Names = append(org.Names, record.Name{Lang: "en", Script: record.ScriptLatin, Value: o.Canonical, Kind: record.NameOfficial})
		var km, en []string
		for _, n := range o.En {
			en = append(en, n)
			if n != o.Canonical {
				org.Names = append(org.Names, record.Name{Lang: "en", Script: record.ScriptLatin, Value: n, Kind: record.NameVariant})
			}
		}
		km = append(km, o.Km...)
		for _, c := range o.KmCore {
			for _, p := range partyPrefixes {
				km = append(km, p+c)
			}
		}
		for i, n := range km {
			kind := record.NameVariant
			if i == 0 {
				kind = record.NameOfficial
			}
			org.Names = append(org.Names, record.Name{Lang: "km", Script: record.ScriptKhmer, Value: n, Kind: kind})
		}
		v := int32(len(g.orgs))
		for _, n := range en {
			g.orgTrie.add(pattern{text: n, value: v})
		}
		for _, n := range km {
			g.orgTrie.add(pattern{text: n, value: v})
		}
		for _, a := range o.Abbr {
			g.orgTrie.add(pattern{text: a, value: v, cs: !isKhmerString(a)})
			org.Names = append(org.Names, record.Name{Value: a, Kind: record.NameAbbreviation})
		}
		g.orgs = append(g.orgs, org)
		for _, k := range append([]string{o.ID, o.Canonical}, append(o.Abbr, append(en, km...)...)...) {
			if _, dup := g.orgByKey[key(k)]; !dup {
				g.orgByKey[key(k)] = org
			}
		}
	}
	// Every province has a court of first instance, a police commissariat
	// and an administration; Phnom Penh's court is in the data already.
	for _, p := range g.provinces {
		g.addProvincial(p, "Provincial Court", record.OrgCourt,
			[]string{"សាលាដំបូងខេត្ត", "តុលាការខេត្ត"}, []string{"%s Provincial Court", "%s provincial court", "%s court"})
		g.addProvincial(p, "Provincial Police", record.OrgBody,
			[]string{"ស្នងការដ្ឋាននគរបាលខេត្ត", "នគរបាលខេត្ត", "ប៉ូលិសខេត្ត"}, []string{"%s Provincial Police", "%s provincial police", "%s police"})
		g.addProvincial(p, "Provincial Administration", record.OrgProvince,
			[]string{"រដ្ឋបាលខេត្ត", "សាលាខេត្ត", "អាជ្ញាធរខេត្ត"}, []string{"%s Provincial Administration", "%s provincial administration", "%s provincial hall"})
	}
	return nil
}

func (g *Gazetteer) addProvincial(p *Province, what string, kind record.OrgKind, km, en []string) {
	if p.Capital {
		if kind == record.OrgCourt {
			return
		}
		what = strings.Replace(what, "Provincial", "Municipal", 1)
		for i := range km {
			km[i] = strings.Replace(km[i], "ខេត្ត", "រាជធានី", 1)
		}
	}
	canon := p.English + " " + what
	org := &Org{ID: p.ID + "-" + strings.ToLower(strings.ReplaceAll(what, " ", "-")), Canonical: canon, Kind: kind}
	org.Names = append(org.Names, record.Name{Lang: "en", Script: record.ScriptLatin, Value: canon, Kind: record.NameOfficial})
	v := int32(len(g.orgs))
	g.orgs = append(g.orgs, org)
	names := append([]string{p.English}, p.Variants...)
	for _, n := range names {
		if isKhmerString(n) {
			continue
		}
		for _, f := range en {
			g.orgTrie.add(pattern{text: fmt.Sprintf(f, n), value: v})
		}
	}
	for _, kn := range append([]string{p.Khmer}, khmerVariants(p)...) {
		for _, pre := range km {
			g.orgTrie.add(pattern{text: pre + kn, value: v})
			org.Names = append(org.Names, record.Name{Lang: "km", Script: record.ScriptKhmer, Value: pre + kn, Kind: record.NameVariant})
		}
	}
	g.orgByKey[key(canon)] = org
	g.orgByKey[key(org.ID)] = org
}

// --- places ---

// Place payload kinds (pattern.aux).
const (
	auxBare      = iota // the name alone
	auxProvWord         // with ខេត្ត, រាជធានី, "province"
	auxDistWord         // with ស្រុក, ខណ្ឌ, ក្រុង, "district", "Khan"
	auxKrong            // with ក្រុង: a krong district, else a province
	auxCommuneKm        // ឃុំ or សង្កាត់: the name follows
	auxCommuneEn        // "commune": the name precedes
	auxSangkatEn        // "Sangkat X", "Khum X": the name follows
)

// placeRef is a payload value: a province (district nil) or a district.
type placeRef struct {
	prov *Province
	dist *District
}

type placeTable struct{ refs []placeRef }

func (g *Gazetteer) refs() *placeTable { return &g.places }

func khmerVariants(p *Province) []string {
	var out []string
	for _, v := range p.Variants {
		if isKhmerString(v) {
			out = append(out, v)
		}
	}
	return out
}

// romanPairs are the spellings the press uses beside the UNGEGN
// romanisation of the same Khmer syllable.
var romanPairs = [][2]string{
	{"Kampong", "Kompong"}, {"Stueng", "Stung"}, {"Stueng", "Steung"}, {"Tuek", "Teuk"}, {"Phnum", "Phnom"},
	{"Kaoh", "Koh"}, {"Ruessei", "Russey"}, {"Prek", "Preaek"}, {"Srae", "Sre"},
}

// withRomanVariants adds the press spellings of name to its variants.
func withRomanVariants(name string, variants []string) []string {
	have := map[string]bool{name: true}
	for _, v := range variants {
		have[v] = true
	}
	for _, base := range append([]string{name}, variants...) {
		if isKhmerString(base) {
			continue
		}
		for _, pr := range romanPairs {
			for _, dir := range [][2]string{{pr[0], pr[1]}, {pr[1], pr[0]}} {
				if v := strings.ReplaceAll(base, dir[0], dir[1]); v != base && !have[v] {
					have[v] = true
					variants = append(variants, v)
				}
			}
		}
	}
	return variants
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(s, "|") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (g *Gazetteer) loadPlaces(b []byte) error {
	type row struct {
		id, level, kind, prov, en, km string
		enV, kmV                      []string
		flags                         string
	}
	var rows []row
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 9 {
			return fmt.Errorf("gazetteer: places.tsv line %d: %d columns, want 9 separated by tabs", line, len(f))
		}
		rows = append(rows, row{f[0], f[1], f[2], f[3], f[4], f[5], splitList(f[6]), splitList(f[7]), f[8]})
	}
	byCode := map[string]*Province{}
	for _, r := range rows {
		if r.level != "province" {
			continue
		}
		p := &Province{ID: r.id, Code: r.prov, English: r.en, Khmer: r.km, Capital: r.kind == "capital"}
		p.Variants = append(append(p.Variants, r.enV...), r.kmV...)
		byCode[r.prov] = p
		g.provinces = append(g.provinces, p)
	}
	if len(g.provinces) != 25 {
		return fmt.Errorf("gazetteer: places.tsv: %d provinces, want 25", len(g.provinces))
	}
	for _, r := range rows {
		if r.level != "district" {
			continue
		}
		p := byCode[r.prov]
		if p == nil {
			return fmt.Errorf("gazetteer: places.tsv: district %s: no province with code %q", r.id, r.prov)
		}
		if r.kind != "srok" && r.kind != "khan" && r.kind != "krong" {
			return fmt.Errorf("gazetteer: places.tsv: district %s: kind %q, want srok, khan or krong", r.id, r.kind)
		}
		d := &District{ID: r.id, Kind: r.kind, English: r.en, Khmer: r.km, Province: p}
		d.Variants = append(append(d.Variants, r.enV...), r.kmV...)
		p.Districts = append(p.Districts, d)
		g.districts = append(g.districts, d)
	}
	for _, p := range g.provinces {
		p.Variants = withRomanVariants(p.English, p.Variants)
	}
	for _, d := range g.districts {
		d.Variants = withRomanVariants(d.English, d.Variants)
	}
	flagsOf := map[string]string{}
	for _, r := range rows {
		flagsOf[r.id] = r.flags
	}
	t := g.refs()
	add := func(text string, ref placeRef, aux int32) {
		t.refs = append(t.refs, ref)
		g.placeTrie.add(pattern{text: text, value: int32(len(t.refs) - 1), aux: aux})
	}
	// Districts first so that ក្រុងសៀមរាប is the krong before it is the
	// province (the payloads keep both; resolution prefers the district).
	for _, d := range g.districts {
		ref := placeRef{prov: d.Province, dist: d}
		kms := []string{d.Khmer}
		ens := []string{d.English}
		for _, v := range d.Variants {
			if isKhmerString(v) {
				kms = append(kms, v)
			} else {
				ens = append(ens, v)
			}
		}
		for _, k := range kms {
			add("ស្រុក"+k, ref, auxDistWord)
			add("ខណ្ឌ"+k, ref, auxDistWord)
			add("ក្រុង"+k, ref, auxKrong)
		}
		for _, e := range ens {
			for _, f := range []string{"%s district", "%s District", "Khan %s", "%s Khan", "Krong %s", "Srok %s", "%s town", "%s city", "%s municipality", "%s District Municipality"} {
				add(fmt.Sprintf(f, e), ref, auxDistWord)
			}
			if strings.Contains(flagsOf[d.ID], "en-bare") {
				add(e, ref, auxBare)
			}
		}
	}
	for _, p := range g.provinces {
		ref := placeRef{prov: p}
		kms := append([]string{p.Khmer}, khmerVariants(p)...)
		for _, k := range kms {
			if !strings.Contains(flagsOf[p.ID], "km-prefix") {
				add(k, ref, auxBare)
			}
			add("ខេត្ត"+k, ref, auxProvWord)
			add("រាជធានី"+k, ref, auxProvWord)
			add("ក្រុង"+k, ref, auxKrong)
		}
		for _, e := range append([]string{p.English}, p.Variants...) {
			if isKhmerString(e) {
				continue
			}
			add(e, ref, auxBare)
			for _, f := range []string{"%s province", "%s Province", "%s capital", "%s municipality", "%s Municipality", "%s city"} {
				add(fmt.Sprintf(f, e), ref, auxProvWord)
			}
		}
		for _, k := range append([]string{p.ID, p.Code, p.English, p.Khmer}, p.Variants...) {
			g.provByKey[key(k)] = p
		}
	}
	for _, w := range []string{"ឃុំ", "សង្កាត់"} {
		t.refs = append(t.refs, placeRef{})
		g.placeTrie.add(pattern{text: w, value: int32(len(t.refs) - 1), aux: auxCommuneKm})
	}
	for _, w := range []string{"commune", "Commune"} {
		t.refs = append(t.refs, placeRef{})
		g.placeTrie.add(pattern{text: w, value: int32(len(t.refs) - 1), aux: auxCommuneEn})
	}
	for _, w := range []string{"Sangkat", "Khum"} {
		t.refs = append(t.refs, placeRef{})
		g.placeTrie.add(pattern{text: w, value: int32(len(t.refs) - 1), aux: auxSangkatEn, cs: true})
	}
	return nil
}

// --- roles and titles ---

func (g *Gazetteer) loadRoles(b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 3 {
			return fmt.Errorf("gazetteer: roles.tsv line %d: %d columns, want class, role and word separated by tabs", line, len(f))
		}
		switch f[0] {
		case "leader", "elected_official", "member", "activist", "supporter", "presiding", "candidate":
		default:
			return fmt.Errorf("gazetteer: roles.tsv line %d: unknown class %q", line, f[0])
		}
		g.roles = append(g.roles, roleEntry{role: f[1], class: f[0]})
		g.roleTrie.add(pattern{text: f[2], value: int32(len(g.roles) - 1), cs: f[2] == "MP" || f[2] == "MPs"})
	}
	return nil
}

func (g *Gazetteer) loadTitles(b []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		word, flag, _ := strings.Cut(t, "\t")
		g.titles = append(g.titles, titleEntry{title: word, flag: flag})
		// Short Latin titles are case-sensitive: "Ms" is a title, "ms" is not.
		cs := !isKhmerString(word) && len(word) <= 4
		g.titleTrie.add(pattern{text: word, value: int32(len(g.titles) - 1), cs: cs})
	}
	return nil
}

func (g *Gazetteer) collectWords() {
	seen := map[string]bool{}
	for _, tr := range []*trie{g.orgTrie, g.placeTrie, g.roleTrie, g.titleTrie} {
		for _, p := range tr.pats {
			if isKhmerString(p.text) && !seen[p.text] {
				seen[p.text] = true
				g.khmerWords = append(g.khmerWords, p.text)
			}
		}
	}
	sort.Strings(g.khmerWords)
}

// --- lookups ---

// Orgs returns every organisation, parties first as in the data.
func (g *Gazetteer) Orgs() []*Org { return g.orgs }

// Org finds an organisation by canonical name, id, abbreviation or any of
// its names.
func (g *Gazetteer) Org(name string) (*Org, bool) {
	o, ok := g.orgByKey[key(strings.TrimSpace(name))]
	return o, ok
}

// Provinces returns the 25 provinces in code order.
func (g *Gazetteer) Provinces() []*Province { return g.provinces }

// Districts returns every district.
func (g *Gazetteer) Districts() []*District { return g.districts }

// Province finds a province by English name, variant, Khmer name, code or
// id.
func (g *Gazetteer) Province(name string) (*Province, bool) {
	p, ok := g.provByKey[key(strings.TrimSpace(name))]
	return p, ok
}

// Words lists every Khmer-script name and word of the gazetteer, as
// written in the data, so a word segmenter can keep them whole.
func (g *Gazetteer) Words() []string { return g.khmerWords }

// --- matching ---

// FindOrgs returns the parties and bodies named in text, leftmost-longest,
// in order.
func (g *Gazetteer) FindOrgs(text string) []OrgMatch {
	nt := fold(text)
	hits := g.orgTrie.scan(nt.s)
	out := make([]OrgMatch, 0, len(hits))
	for _, h := range hits {
		o := g.orgs[g.orgTrie.pats[h.pats[0]].value]
		out = append(out, OrgMatch{Start: nt.start(h.start), End: nt.end(h.end), Canonical: o.Canonical, Kind: o.Kind, ID: o.ID})
	}
	return out
}

// FindRoles returns the role words in text.
func (g *Gazetteer) FindRoles(text string) []RoleMatch {
	nt := fold(text)
	hits := g.roleTrie.scan(nt.s)
	out := make([]RoleMatch, 0, len(hits))
	for _, h := range hits {
		r := g.roles[g.roleTrie.pats[h.pats[0]].value]
		m := RoleMatch{Start: nt.start(h.start), End: nt.end(h.end), Role: r.role}
		switch r.class {
		case "presiding":
			m.Presiding = true
		case "candidate":
			m.Candidate, m.Class = true, record.RoleMember
		default:
			m.Class = record.RoleClass(r.class)
		}
		out = append(out, m)
	}
	return out
}

// FindTitles returns the titles and honorifics in text.
func (g *Gazetteer) FindTitles(text string) []TitleMatch {
	nt := fold(text)
	hits := g.titleTrie.scan(nt.s)
	out := make([]TitleMatch, 0, len(hits))
	for _, h := range hits {
		t := g.titles[g.titleTrie.pats[h.pats[0]].value]
		out = append(out, TitleMatch{Start: nt.start(h.start), End: nt.end(h.end), Title: t.title, Rank: t.flag == "rank", Royal: t.flag == "royal"})
	}
	return out
}

// TitleAt returns the end of the title (and the spaces after it) that
// starts text, or 0 when text does not start with a title.
func (g *Gazetteer) TitleAt(text string) int {
	nt := fold(text)
	if nt.s == "" || !canStart(nt.s, 0) {
		return 0
	}
	end, pats := g.titleTrie.longestAt(nt.s, 0)
	if end <= 0 || len(pats) == 0 {
		return 0
	}
	e := nt.end(end)
	return e + spaceLen(text, e)
}

// FindPlaces returns the places named in text.
func (g *Gazetteer) FindPlaces(text string) []PlaceMatch {
	nt := fold(text)
	s := nt.s
	hits := g.placeTrie.scan(s)
	t := g.refs()
	out := make([]PlaceMatch, 0, len(hits))
	covered := 0 // a commune name read past the trie's hit hides what it covers
	for _, h := range hits {
		if h.start < covered {
			continue
		}
		p0 := g.placeTrie.pats[h.pats[0]]
		switch p0.aux {
		case auxCommuneKm:
			name, end := khmerCommuneName(s, h.start, h.end)
			if name == "" {
				continue
			}
			out = append(out, PlaceMatch{Start: nt.start(h.start), End: nt.end(end), Level: record.PlaceCommune, Commune: name, Prefixed: true})
			covered = end
			continue
		case auxCommuneEn:
			name, start := latinNameBefore(s, h.start)
			if name == "" {
				continue
			}
			out = append(out, PlaceMatch{Start: nt.start(start), End: nt.end(h.end), Level: record.PlaceCommune, Commune: name, Prefixed: true})
			continue
		case auxSangkatEn:
			name, end := latinNameAfter(s, h.end)
			if name == "" {
				continue
			}
			out = append(out, PlaceMatch{Start: nt.start(h.start), End: nt.end(end), Level: record.PlaceCommune, Commune: name, Prefixed: true})
			covered = end
			continue
		}
		// Prefer districts when the name came with a district word or
		// ក្រុង and a krong of that name exists; provinces otherwise.
		var provs, dists []placeRef
		prefixed := false
		for _, pi := range h.pats {
			p := g.placeTrie.pats[pi]
			ref := t.refs[p.value]
			if p.aux != auxBare {
				prefixed = true
			}
			if ref.dist != nil {
				dists = append(dists, ref)
			} else {
				provs = append(provs, ref)
			}
		}
		m := PlaceMatch{Start: nt.start(h.start), End: nt.end(h.end), Prefixed: prefixed}
		useDist := len(dists) > 0
		if useDist && len(provs) > 0 {
			// ក្រុងភ្នំពេញ is the capital; ក្រុងសៀមរាប the krong.
			useDist = false
			for _, d := range dists {
				if d.dist.Kind == "krong" && !d.dist.Province.Capital {
					useDist = true
				}
			}
		}
		if useDist {
			m.Level = record.PlaceDistrict
			m.District = dists[0].dist.English
			m.Province = dists[0].prov.English
			for _, d := range dists {
				if !slices.Contains(m.Provinces, d.prov.English) {
					m.Provinces = append(m.Provinces, d.prov.English)
				}
			}
			if len(m.Provinces) < 2 {
				m.Provinces = nil
			}
		} else {
			m.Level = record.PlaceProvince
			m.Province = provs[0].prov.English
		}
		out = append(out, m)
	}
	resolveNearby(text, out)
	return out
}

// resolveNearby lets a place written right after another qualify it:
// "ឃុំA ស្រុកB ខេត្តC" is commune A of district B of province C, and an
// ambiguous district followed by its province is decided by it.
func resolveNearby(text string, ms []PlaceMatch) {
	for i := len(ms) - 2; i >= 0; i-- {
		a, b := &ms[i], &ms[i+1]
		if !adjacent(text, a.End, b.Start) {
			continue
		}
		switch a.Level {
		case record.PlaceCommune:
			if b.Level == record.PlaceDistrict || b.Level == record.PlaceProvince {
				a.District, a.Province = b.District, b.Province
			}
		case record.PlaceDistrict:
			if b.Level == record.PlaceProvince && len(a.Provinces) > 1 && slices.Contains(a.Provinces, b.Province) {
				a.Province, a.Provinces = b.Province, nil
			}
		}
	}
}

// adjacent reports whether only spaces, commas and dashes separate two
// spans (and not many of them).
func adjacent(text string, end, start int) bool {
	if start < end || start-end > 8 {
		return false
	}
	for _, c := range []byte(text[end:start]) {
		if c != ' ' && c != ',' && c != '-' && c != '\t' {
			return false
		}
	}
	return true
}

// Words that follow ឃុំ without it being a commune: ឃុំខ្លួន (detain),
// ឃុំសង្កាត់ (communes in general).
var notCommune = []string{"ខ្លួន", "សង្កាត់", "ឃុំ", "នេះ", "នោះ", "បណ្តោះអាសន្ន"}

// Words before ឃុំ that make it detention: នៅក្រៅឃុំ (on bail), ការឃុំ,
// ជាប់ឃុំ.
var notCommuneBefore = []string{"ក្រៅ", "ការ", "ជាប់", "ឃាត់", "បន្ត"}

// Words that end a commune name when written without a space.
var placeWords = []string{"ស្រុក", "ខណ្ឌ", "ក្រុង", "ខេត្ត", "រាជធានី", "ភូមិ", "ឃុំ", "សង្កាត់", "ក្នុង", "នៃ", "របស់", "បាន", "ដែល", "ចំនួន", "មាន"}

// khmerCommuneName reads the name after ឃុំ or សង្កាត់ at s[start:end].
func khmerCommuneName(s string, start, end int) (string, int) {
	for _, w := range notCommuneBefore {
		if strings.HasSuffix(s[:start], w) {
			return "", 0
		}
	}
	j := end
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !isKhmer(r) || r >= 0x17D4 && r <= 0x17DA || r >= 0x17E0 && r <= 0x17E9 {
			break
		}
		if j > end && !isKhmerMark(r) {
			stop := false
			for _, w := range placeWords {
				if strings.HasPrefix(s[j:], w) {
					stop = true
					break
				}
			}
			if stop {
				break
			}
		}
		j += n
		if j-end > 60 {
			return "", 0
		}
	}
	name := s[end:j]
	if name == "" {
		return "", 0
	}
	for _, w := range notCommune {
		if strings.HasPrefix(name, w) {
			return "", 0
		}
	}
	return name, j
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// latinNameBefore reads up to three capitalised words ending right before
// s[i] ("Komar Reachea commune").
func latinNameBefore(s string, i int) (string, int) {
	end := i
	for end > 0 && s[end-1] == ' ' {
		end--
	}
	start := end
	for words := 0; words < 3; words++ {
		j := start
		if words > 0 {
			if j < 2 || s[j-1] != ' ' {
				break
			}
			j--
		}
		k := j
		for k > 0 && (isASCIIAlnum(s[k-1]) || s[k-1] == '\'' || s[k-1] == '-') {
			k--
		}
		if k == j || !isUpper(s[k]) || isStopWord(s[k:j]) {
			break
		}
		start = k
	}
	if start >= end {
		return "", 0
	}
	return strings.TrimSuffix(s[start:end], "'s"), start
}

func isStopWord(w string) bool {
	switch w {
	case "The", "A", "In", "On", "At", "Of", "And", "Its", "This", "That":
		return true
	}
	return false
}

// latinNameAfter reads up to three capitalised words from s[i] (after
// "Sangkat").
func latinNameAfter(s string, i int) (string, int) {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	start, end := j, j
	for words := 0; words < 3 && j < len(s) && isUpper(s[j]); words++ {
		k := j
		for k < len(s) && (isASCIIAlnum(s[k]) || s[k] == '\'' || s[k] == '-') {
			k++
		}
		end = k
		if k < len(s) && s[k] == ' ' && k+1 < len(s) && isUpper(s[k+1]) {
			j = k + 1
			continue
		}
		break
	}
	if end <= start {
		return "", 0
	}
	return s[start:end], end
}

// Matcher finds a fixed list of words with the gazetteer's folding and
// boundary rules (Khmer on cluster boundaries, Latin on word boundaries and
// case-insensitively), leftmost-longest. Extractors use it for trigger
// words so that one pass over a sentence finds them all.
type Matcher struct{ t *trie }

// WordMatch is one word found by a Matcher: Index is its position in the
// list given to NewMatcher (the first, when a word was listed twice).
type WordMatch struct {
	Start, End int
	Index      int
}

// NewMatcher builds a matcher for words.
func NewMatcher(words []string) *Matcher {
	t := newTrie()
	for i, w := range words {
		t.add(pattern{text: w, value: int32(i)})
	}
	t.finish()
	return &Matcher{t: t}
}

// Find returns the words in text, in order, without overlaps.
func (m *Matcher) Find(text string) []WordMatch {
	nt := fold(text)
	hits := m.t.scan(nt.s)
	out := make([]WordMatch, 0, len(hits))
	for _, h := range hits {
		best := m.t.pats[h.pats[0]].value
		for _, p := range h.pats[1:] {
			best = min(best, m.t.pats[p].value)
		}
		out = append(out, WordMatch{Start: nt.start(h.start), End: nt.end(h.end), Index: int(best)})
	}
	return out
}
