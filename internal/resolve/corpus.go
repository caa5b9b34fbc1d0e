package resolve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

// A generated corpus with planted truth, for tests and `kamnotra bench
// resolve`: invented people written in both scripts and several
// spellings, look-alikes who share name parts, happenings reported by
// several outlets with conflicting counts. Nothing in it is a real report.

// namePart is one part of a name in Khmer script with Latin spellings
// seen for it. Only spellings whose key meets the Khmer form's are used
// (checked when the table is built), so the planted truth never depends
// on a spelling the key does not claim to join.
type namePart struct {
	khmer    string
	spelling []string
}

var familyParts = []namePart{
	{"ស៊ុន", []string{"Sun", "Soun"}}, {"ហេង", []string{"Heng", "Haeng"}}, {"សុខ", []string{"Sok", "Sokh"}},
	{"ជា", []string{"Chea", "Chia"}}, {"គឹម", []string{"Kim", "Kem", "Keum"}}, {"កែវ", []string{"Keo", "Kaev"}},
	{"ឈឹម", []string{"Chhim", "Chim"}}, {"ញឹម", []string{"Nhem", "Nhim"}}, {"ប្រាក់", []string{"Prak"}},
	{"លឹម", []string{"Lim", "Leum"}}, {"ថុល", []string{"Thol", "Tol"}}, {"យឹម", []string{"Yim", "Yem"}},
	{"ម៉ៅ", []string{"Mao", "Mau"}}, {"ព្រំ", []string{"Prum", "Prom"}}, {"ចាន់", []string{"Chan", "Chann"}},
	{"ទេព", []string{"Tep", "Teb"}}, {"អ៊ុក", []string{"Ouk", "Uk"}}, {"មាស", []string{"Meas", "Mias"}},
	{"ហ៊ុល", []string{"Hul", "Houl"}}, {"ណុប", []string{"Nop", "Nob"}}, {"ងិន", []string{"Ngin", "Ngen"}},
	{"សេង", []string{"Seng", "Sieng"}}, {"ឃួង", []string{"Khuong", "Khoung"}}, {"ឡាយ", []string{"Lay", "Lai"}},
	{"ទូច", []string{"Touch", "Toch"}},
}

var givenParts = []namePart{
	{"វណ្ណារី", []string{"Vannary", "Vanary"}}, {"សំណាង", []string{"Samnang", "Somnang"}}, {"ចាន់ធី", []string{"Chanthy", "Chanthi"}},
	{"សុខា", []string{"Sokha", "Sokhar"}}, {"វាសនា", []string{"Veasna", "Veasnea"}}, {"ពិសិដ្ឋ", []string{"Piseth", "Pisith"}},
	{"រិទ្ធី", []string{"Rithy", "Rithi"}}, {"បុប្ផា", []string{"Bopha", "Bupha"}}, {"ចន្ទ្រា", []string{"Chantra", "Chantrea"}},
	{"សុវណ្ណ", []string{"Sovann", "Sovan"}}, {"វិចិត្រ", []string{"Vichet", "Vichit"}}, {"សុភា", []string{"Sophea", "Sopheap"}},
	{"សុធា", []string{"Sothea", "Sotheavy"}}, {"បូរ៉ា", []string{"Bora", "Borah"}}, {"សារ៉ាត", []string{"Sarat", "Sarath"}},
	{"វុទ្ធី", []string{"Vuthy", "Vuthi"}}, {"ពៅ", []string{"Pov", "Pau"}}, {"ណារ៉ុង", []string{"Narong", "Narung"}},
	{"វិបុល", []string{"Vibol", "Vibul"}}, {"ដាវីត", []string{"David", "Davit"}}, {"លីដា", []string{"Lida", "Leda"}},
	{"សុខុម", []string{"Sokhom", "Sokhum"}}, {"រដ្ឋា", []string{"Rotha", "Ratha"}}, {"ធីតា", []string{"Thida", "Tida"}},
	{"ចិន្តា", []string{"Chenda", "Chinda"}}, {"សម្បត្តិ", []string{"Sambath", "Sambat"}},
}

// usableParts keeps the spellings that meet their Khmer form and drops
// parts whose key another part (or a part of the other list) has: two
// invented people must differ in key, or the truth would be a lie.
func usableParts(parts []namePart, taken map[string]bool) []namePart {
	var out []namePart
	for _, p := range parts {
		k := store.PersonNameKey(p.khmer)
		if k == "" || strings.Contains(k, " ") || taken[k] {
			continue
		}
		q := namePart{khmer: p.khmer}
		for _, s := range p.spelling {
			if store.PersonNameKey(s) == k {
				q.spelling = append(q.spelling, s)
			}
		}
		if len(q.spelling) == 0 {
			continue
		}
		taken[k] = true
		out = append(out, q)
	}
	return out
}

// CorpusPerson is one invented person of the truth.
type CorpusPerson struct {
	Parts []int // family part, then given parts (indexes into the tables)
	Key   string
}

// CorpusReport is one report of a happening in one document.
type CorpusReport struct {
	Doc       int
	Happening int
	Person    int // index into People, or -1 for an unnamed group
	Mention   string
	Event     record.Event // as extracted: no IDs, the mention unlinked
	Evidence  string
}

// Corpus is a generated set of documents with the truth of what they
// report: which reports are one happening and which mentions one person.
type Corpus struct {
	People     []CorpusPerson
	Happenings int
	Reports    []CorpusReport
	Docs       [][]int // report indexes of each document
	family     []namePart
	given      []namePart
	places     []string
	outlets    []string
}

// CorpusConfig sizes a corpus.
type CorpusConfig struct {
	Events int    // reports (extracted events) in all
	Docs   int    // documents they are spread over
	People int    // named people at most; 0 for a fifth of Events
	Seed   uint64 // the same seed gives the same corpus
}

// Named types: one happening of each per person at most, so that an
// undated report of a person's arrest can only be that arrest.
var namedTypes = []record.EventType{
	record.EventArrest, record.EventCharge, record.EventConviction, record.EventRelease, record.EventFlight,
	record.EventAsylum, record.EventResignation, record.EventAppointment, record.EventDefection, record.EventDisqualification,
}

var titlesLatin = []string{"", "", "", "H.E. ", "Mr. ", "Oknha "}
var titlesKhmer = []string{"", "", "ឯកឧត្តម ", "លោក "}

// GenerateCorpus makes a corpus. Reports of one happening are in different
// documents; each names its person in a spelling or script of its own
// (parts in either order, titles or none), dates may be a day off or
// missing, and counts of groups differ by up to a third between outlets.
// Two happenings are never close enough that a correct resolver could
// take them for one: a person has at most one happening of each type,
// and group happenings in one province for one party are 8 days apart.
func GenerateCorpus(cfg CorpusConfig) (*Corpus, error) {
	if cfg.Events <= 0 || cfg.Docs <= 0 {
		return nil, fmt.Errorf("corpus of %d events in %d documents: both must be positive", cfg.Events, cfg.Docs)
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x6b616d))
	taken := map[string]bool{}
	c := &Corpus{family: usableParts(familyParts, taken), given: usableParts(givenParts, taken)}
	for i := 1; i <= 25; i++ {
		c.places = append(c.places, fmt.Sprintf("kh-%02d", i))
	}
	c.outlets = []string{"lotus-daily", "mekong-watch", "morning-bulletin", "river-voice", "capital-post", "border-news"}

	// People: two-part names (family, given) and three-part ones (family,
	// two given parts in order), which look alike when they share parts.
	nPeople := cfg.People
	if nPeople == 0 {
		nPeople = max(cfg.Events/5, 10)
	}
	var all []CorpusPerson
	for f := range c.family {
		for g := range c.given {
			all = append(all, CorpusPerson{Parts: []int{f, g}})
			for h := g + 1; h < len(c.given); h++ {
				all = append(all, CorpusPerson{Parts: []int{f, g, h}})
			}
		}
	}
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	c.People = all[:min(nPeople, len(all))]
	for i := range c.People {
		c.People[i].Key = store.PersonNameKey(c.khmerName(c.People[i]))
	}
	usedTypes := make([][]record.EventType, len(c.People))

	const days = 20 * 365
	base := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	slots := len(c.places) * 2 * (days / 8)
	slotOrder := r.Perm(slots)
	nextSlot := 0

	reportsOf := func() int {
		switch x := r.IntN(100); {
		case x < 35:
			return 1
		case x < 65:
			return 2
		case x < 85:
			return 3
		case x < 95:
			return 4
		}
		return 5
	}
	for len(c.Reports) < cfg.Events {
		h := c.Happenings
		n := min(reportsOf(), cfg.Events-len(c.Reports), cfg.Docs)
		var proto record.Event
		person := -1
		if r.IntN(100) < 60 {
			// A named happening: a person and a type they have not had.
			for try := 0; try < 20; try++ {
				p := r.IntN(len(c.People))
				if len(usedTypes[p]) < len(namedTypes) {
					person = p
					break
				}
			}
		}
		if person >= 0 {
			var typ record.EventType
			for {
				typ = namedTypes[r.IntN(len(namedTypes))]
				if !slices.Contains(usedTypes[person], typ) {
					break
				}
			}
			usedTypes[person] = append(usedTypes[person], typ)
			proto = record.Event{Type: typ, Date: record.DateOf(base.AddDate(0, 0, r.IntN(days))), PlaceID: c.places[r.IntN(len(c.places))]}
			switch typ {
			case record.EventDefection:
				proto.FromOrgID, proto.ToOrgID = "clp", "cpp"
			case record.EventResignation:
				proto.FromOrgID = "clp"
			case record.EventAppointment:
				proto.ToOrgID = "ministry"
			}
		} else {
			if nextSlot == len(slotOrder) {
				return nil, fmt.Errorf("corpus of %d events: too many group happenings for the calendar", cfg.Events)
			}
			s := slotOrder[nextSlot]
			nextSlot++
			place, party, day := s%len(c.places), (s/len(c.places))%2, (s/len(c.places)/2)*8
			proto = record.Event{Type: record.EventDefection, Date: record.DateOf(base.AddDate(0, 0, day+3)), PlaceID: c.places[place],
				ToOrgID: []string{"cpp", "fun"}[party], FromOrgID: "clp"}
			cnt := int64(20 + r.IntN(900))
			proto.Count = &cnt
		}
		docs := map[int]bool{}
		for range n {
			d := r.IntN(cfg.Docs)
			for docs[d] {
				d = r.IntN(cfg.Docs)
			}
			docs[d] = true
			e := proto
			e.Status = record.StatusExtracted
			rep := CorpusReport{Doc: d, Happening: h, Person: person}
			if person >= 0 {
				switch x := r.IntN(10); {
				case x == 0:
					e.Date = record.Date{} // the report gives no date
				case x < 3:
					e.Date = record.DateOf(e.Date.Start().AddDate(0, 0, r.IntN(3)-1))
				}
				if r.IntN(5) == 0 {
					e.PlaceID = "" // not every report says where
				}
				rep.Mention = c.mention(r, c.People[person])
				e.Participants = []record.Participant{{Role: record.ParticipantSubject, Mention: rep.Mention}}
			} else {
				if r.IntN(2) == 0 {
					e.Type = record.EventPartyJoin
					e.FromOrgID = ""
				}
				if r.IntN(4) == 0 {
					e.Date = record.DateOf(e.Date.Start().AddDate(0, 0, r.IntN(3)-1))
				}
				// Outlets disagree on the number, within a third.
				cnt := *proto.Count * int64(85+r.IntN(31)) / 100
				e.Count = &cnt
				if r.IntN(3) == 0 {
					e.CountQualifier = record.CountMoreThan
				}
			}
			rep.Event = e
			rep.Evidence = fmt.Sprintf("Report %d says: %s %s on %s in %s", len(c.Reports), rep.Mention, e.Type, e.Date, e.PlaceID)
			if e.Count != nil {
				rep.Evidence += fmt.Sprintf(", %d people", *e.Count)
			}
			rep.Evidence += "."
			c.Reports = append(c.Reports, rep)
		}
		c.Happenings++
	}
	c.Docs = make([][]int, cfg.Docs)
	for i, rep := range c.Reports {
		c.Docs[rep.Doc] = append(c.Docs[rep.Doc], i)
	}
	return c, nil
}

func (c *Corpus) khmerName(p CorpusPerson) string {
	parts := []string{c.family[p.Parts[0]].khmer}
	for _, g := range p.Parts[1:] {
		parts = append(parts, c.given[g].khmer)
	}
	return strings.Join(parts, " ")
}

// mention writes a person's name as one report might.
func (c *Corpus) mention(r *rand.Rand, p CorpusPerson) string {
	if r.IntN(3) == 0 {
		return titlesKhmer[r.IntN(len(titlesKhmer))] + c.khmerName(p)
	}
	pick := func(np namePart) string { return np.spelling[r.IntN(len(np.spelling))] }
	fam := pick(c.family[p.Parts[0]])
	var given []string
	for _, g := range p.Parts[1:] {
		given = append(given, pick(c.given[g]))
	}
	name := fam + " " + strings.Join(given, " ")
	if r.IntN(5) == 0 {
		name = strings.Join(given, " ") + " " + fam // given name first, as some English reports write it
	}
	return titlesLatin[r.IntN(len(titlesLatin))] + name
}

// Setup stores what the corpus's events refer to: outlets, parties and
// provinces.
func (c *Corpus) Setup(ctx context.Context, st store.Store) error {
	for _, id := range c.outlets {
		if err := st.PutOutlet(ctx, &record.Outlet{ID: id, Kind: record.OutletIndependent, Names: record.Names{{Lang: record.LangEnglish, Value: id}}}); err != nil {
			return err
		}
	}
	for _, o := range []struct {
		id   string
		kind record.OrgKind
	}{{"cpp", record.OrgParty}, {"clp", record.OrgParty}, {"fun", record.OrgParty}, {"ministry", record.OrgMinistry}} {
		if err := st.PutOrganisation(ctx, &record.Organisation{ID: o.id, Kind: o.kind, Names: record.Names{{Lang: record.LangEnglish, Value: o.id}}}); err != nil {
			return err
		}
	}
	for _, p := range c.places {
		if err := st.PutPlace(ctx, &record.Place{ID: p, Level: record.PlaceProvince, Names: record.Names{{Lang: record.LangEnglish, Value: p}}}); err != nil {
			return err
		}
	}
	return nil
}

// Document returns the captured document d of the corpus: its text is
// its reports' evidence, one sentence each.
func (c *Corpus) Document(d int) *record.Document {
	var b strings.Builder
	for _, i := range c.Docs[d] {
		b.WriteString(c.Reports[i].Evidence)
		b.WriteByte(' ')
	}
	u := fmt.Sprintf("https://%s.example/news/%d", c.outlets[d%len(c.outlets)], d)
	return &record.Document{URL: u, CanonicalURL: u, OutletID: c.outlets[d%len(c.outlets)], Lang: record.LangEnglish,
		Text: b.String(), SHA256: fmt.Sprintf("%064x", d), Size: int64(b.Len()), FetchedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
}

// Extraction returns what the extractor would make of document d, stored
// as doc: one new event and one citation per report, mentions unlinked.
func (c *Corpus) Extraction(d int, doc *record.Document) store.Extraction {
	x := store.Extraction{DocumentID: doc.ID, DocumentVersion: doc.Version, ExtractorVersion: "corpus"}
	at := 0
	for _, i := range c.Docs[d] {
		rep := c.Reports[i]
		e := rep.Event
		e.ID = store.NewID("e")
		e.Participants = slices.Clone(e.Participants)
		x.Events = append(x.Events, e)
		x.Citations = append(x.Citations, record.Citation{
			ID: store.NewID("c"), EventID: e.ID, DocumentID: doc.ID, DocumentVersion: doc.Version,
			Span: record.Span{Start: at, End: at + len(rep.Evidence)}, Evidence: rep.Evidence,
			ClaimedCount: e.Count, CountQualifier: e.CountQualifier, Claimant: doc.OutletID,
			Stance: record.StanceAsserts, Confidence: 0.9, ExtractedBy: "extractor/corpus",
		})
		at += len(rep.Evidence) + 1
	}
	return x
}
