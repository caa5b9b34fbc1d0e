package extract

import (
	"strings"

	"github.com/kamnotra/kamnotra/internal/gazetteer"

	"github.com/kamnotra/kamnotra/internal/record"
)

func init() { registerLang(record.LangEnglish, extractEn) }

// mention is an organisation, place or country named in a sentence.
type mention struct {
	i, j int
	e    *lexEntry
}

// enSent is one English sentence read into tokens and mentions.
type enSent struct {
	si        int
	sent      *Sentence
	toks      []token
	ments     []mention
	startAt   []int16 // per token: index into ments of a mention starting there, or -1
	covered   []bool  // tokens inside a mention
	names     []nameSpan
	titleCase bool

	// Dates and gazetteer places are read only for sentences that state an
	// event (see sentence): most sentences state none.
	dates  []dateMention
	places []placeAt
	aside  []bool // parenthetical tokens, when a rule needs them
}

// readPlaces finds the gazetteer places of a sentence.
func (s *enSent) readPlaces() []placeAt {
	if !hasCapitalised(s.toks) {
		return nil
	}
	var out []placeAt
	for _, pm := range gaz().FindPlaces(s.sent.Text) {
		off := s.sent.Span.Start + pm.Start
		ti := 0
		for ti < len(s.toks) && s.toks[ti].E <= off {
			ti++
		}
		out = append(out, placeAt{i: ti, m: pm})
	}
	return out
}

// placeAt is a gazetteer place of a sentence, at token index i.
type placeAt struct {
	i int
	m gazetteer.PlaceMatch
}

func (s *enSent) lexAt(i int) (*lexEntry, int) {
	if i < 0 || i >= len(s.startAt) || s.startAt[i] < 0 {
		return nil, 0
	}
	m := s.ments[s.startAt[i]]
	return m.e, m.j - m.i
}

// enDoc is the state the English rules keep across a document.
type enDoc struct {
	d       *Doc
	sents   []*enSent
	known   map[string]string // single name word → full name met in the document
	aliases map[string]*lexEntry
	court   *lexEntry // the last court named, for "the court" and "a Cambodian court"
	// lastPerson is the last person named as a subject or speaker, for "he".
	lastPerson string
	dateline   string
	presiders  []presiders
	lastPlace  Place // of the last event placed, for "the same commune"
}

// presiders are officials a sentence without an event says presided.
type presiders struct {
	k     int // index in sents
	names []string
}

func extractEn(d *Doc) []Event {
	x := &enDoc{d: d, known: map[string]string{}, aliases: map[string]*lexEntry{}}
	for si := range d.Sentences {
		s := &d.Sentences[si]
		if s.Lang != record.LangEnglish {
			continue
		}
		x.sents = append(x.sents, x.read(si, s))
	}
	x.findDateline()
	var evs []Event
	for k, s := range x.sents {
		evs = append(evs, x.sentence(k, s)...)
	}
	return x.fillDocLevel(evs)
}

// read tokenizes a sentence and finds its organisations, places and names.
func (x *enDoc) read(si int, sent *Sentence) *enSent {
	s := &enSent{si: si, sent: sent}
	s.toks = tokenize(make([]token, 0, len(sent.Text)/5), sent.Text, sent.Span.Start)
	n := len(s.toks)
	s.startAt = make([]int16, n)
	s.covered = make([]bool, n)
	for i := range s.startAt {
		s.startAt[i] = -1
	}
	s.titleCase = isTitleCase(s.toks)
	for i := 0; i < n; {
		e, k := x.mentionAt(s.toks, i)
		if e == nil {
			i++
			continue
		}
		if len(s.ments) < 1<<15-1 {
			s.startAt[i] = int16(len(s.ments))
			s.ments = append(s.ments, mention{i: i, j: i + k, e: e})
		}
		for m := i; m < i+k; m++ {
			s.covered[m] = true
		}
		if e.Kind == lexBody && e.Province != "" || strings.HasSuffix(e.Canon, "Court") {
			x.court = e
		}
		// "Cambodia National Heart Party (CNHP)": learn the abbreviation.
		if (e.Kind == lexParty || e.Kind == lexBody) && i+k+2 < n && s.toks[i+k].L == "(" && s.toks[i+k+2].L == ")" {
			ab := s.toks[i+k+1].W
			if len(ab) >= 2 && len(ab) <= 8 && strings.ToUpper(ab) == ab {
				if _, ok := x.aliases[ab]; !ok {
					x.aliases[ab] = e
				}
			}
		}
		i += k
	}
	// Generic courts ("a Cambodian court", "the court") stand for the last
	// court named; they are marked so the rules can find an acting body.
	s.names = findNames(s.toks, s.covered, x.knownName, s.titleCase)
	for _, nm := range s.names {
		if strings.IndexByte(nm.name, ' ') > 0 {
			for _, w := range strings.Fields(nm.name) {
				if _, ok := x.known[w]; !ok {
					x.known[w] = nm.name
				}
			}
		}
	}
	return s
}

func (x *enDoc) knownName(w string) string {
	if enNotName[strings.ToLower(w)] {
		return ""
	}
	return x.known[w]
}

// mentionAt finds an organisation, place or country at toks[i]: a party
// named in full with a name the lexicon lacks ("Cambodia National Heart
// Party") is taken as written.
func (x *enDoc) mentionAt(toks []token, i int) (*lexEntry, int) {
	t := toks[i]
	if e, ok := x.aliases[t.W]; ok {
		return e, 1
	}
	if t.Upper && t.Kind == tokWord {
		if e, k := genericParty(toks, i); e != nil {
			return e, k
		}
	}
	e, k := enLex.match(toks, i)
	if e == nil {
		return nil, 0
	}
	// Short abbreviations must be written in capitals: "cp" in running
	// text is not the Candlelight Party.
	if k == 1 && len(t.W) <= 4 && (e.Kind == lexParty || e.Kind == lexBody) && strings.ToUpper(t.W) != t.W && e.Canon != FUNCINPEC {
		if t.L != "police" {
			return nil, 0
		}
	}
	if e.Kind == lexProvince && !t.Upper {
		return nil, 0
	}
	return e, k
}

var genericEnds = map[string]bool{"party": true, "party's": true, "front": true, "movement": true, "front's": true, "movement's": true}

// genericParty reads a capitalised run ending in Party, Front or Movement
// that the lexicon does not know as a whole.
func genericParty(toks []token, i int) (*lexEntry, int) {
	j := i
	for j < len(toks) && j-i < 7 {
		t := toks[j]
		if t.Kind == tokWord && (t.Upper || t.L == "for" || t.L == "of" || t.L == "and") {
			if genericEnds[t.L] {
				break
			}
			j++
			continue
		}
		return nil, 0
	}
	if j >= len(toks) || j-i < 2 || !genericEnds[toks[j].L] || !toks[j].Upper {
		return nil, 0
	}
	// If a known party ends the run, the lexicon reads it ("Hun Sen's
	// Cambodian People's Party").
	for s := i; s <= j; s++ {
		if e, k := enLex.match(toks, s); e != nil && e.Kind == lexParty && s+k == j+1 {
			return nil, 0
		}
	}
	if enNotName[toks[i].L] && toks[i].L != "khmer" && toks[i].L != "cambodia" && toks[i].L != "cambodian" && toks[i].L != "national" {
		return nil, 0
	}
	words := make([]string, 0, j-i+1)
	for _, t := range toks[i : j+1] {
		words = append(words, strings.TrimSuffix(strings.TrimSuffix(t.W, "'s"), "’s"))
	}
	return &lexEntry{Kind: lexParty, Canon: strings.Join(words, " ")}, j - i + 1
}

// findDateline reads a dateline such as "PHNOM PENH:" or "Siem Reap (FN) –"
// at the start of the text: ceremonies reported under it happened there
// unless a sentence says otherwise.
func (x *enDoc) findDateline() {
	for k, s := range x.sents {
		if k > 2 {
			return
		}
		if len(s.ments) > 0 && s.ments[0].i == 0 && s.ments[0].e.Kind == lexProvince {
			j := s.ments[0].j
			if j < len(s.toks) && (s.toks[j].L == ":" || s.toks[j].L == "(" || s.toks[j].L == "-" || s.toks[j].L == ",") {
				x.dateline = s.ments[0].e.Canon
				return
			}
		}
	}
}

func hasCapitalised(toks []token) bool {
	for _, t := range toks {
		if t.Upper {
			return true
		}
	}
	return false
}
