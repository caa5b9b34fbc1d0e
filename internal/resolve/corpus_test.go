package resolve

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
)

func TestCorpusNamesMeet(t *testing.T) {
	taken := map[string]bool{}
	fam, given := usableParts(familyParts, taken), usableParts(givenParts, taken)
	if len(fam) < 20 || len(given) < 20 {
		t.Fatalf("only %d family and %d given name parts usable: the key changed; check the tables", len(fam), len(given))
	}
	spellings := 0
	for _, p := range append(fam, given...) {
		k := store.PersonNameKey(p.khmer)
		for _, s := range p.spelling {
			if store.PersonNameKey(s) != k {
				t.Errorf("%s: spelling %s has key %q, want %q", p.khmer, s, store.PersonNameKey(s), k)
			}
			spellings++
		}
	}
	// Enough parts keep a variant spelling that the corpus tests spelling,
	// not only script.
	if spellings < len(fam)+len(given)+20 {
		t.Errorf("%d spellings for %d parts: too few variants survive", spellings, len(fam)+len(given))
	}
}

func TestGenerateCorpusTruth(t *testing.T) {
	c, err := GenerateCorpus(CorpusConfig{Events: 2000, Docs: 800, People: 300, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Reports) != 2000 {
		t.Fatalf("%d reports, want 2000", len(c.Reports))
	}
	seen := map[[2]int]bool{}
	multi, named, khmerScript, lookalike := 0, 0, 0, 0
	byHappening := map[int]int{}
	for _, r := range c.Reports {
		if seen[[2]int{r.Doc, r.Happening}] {
			t.Fatalf("document %d reports happening %d twice", r.Doc, r.Happening)
		}
		seen[[2]int{r.Doc, r.Happening}] = true
		byHappening[r.Happening]++
		if r.Person >= 0 {
			named++
			if store.PersonNameKey(r.Mention) != c.People[r.Person].Key {
				t.Errorf("mention %q of person %d does not meet key %q", r.Mention, r.Person, c.People[r.Person].Key)
			}
			if strings.ContainsFunc(r.Mention, func(r rune) bool { return r >= 0x1780 && r <= 0x17FF }) {
				khmerScript++
			}
		}
	}
	for _, n := range byHappening {
		if n > 1 {
			multi++
		}
	}
	keys := map[string]bool{}
	parts := map[int]int{}
	for _, p := range c.People {
		if keys[p.Key] {
			t.Errorf("two people share key %q", p.Key)
		}
		keys[p.Key] = true
		parts[p.Parts[0]]++
	}
	for _, n := range parts {
		if n > 1 {
			lookalike++
		}
	}
	if multi < c.Happenings/3 || named < 1000 || khmerScript < named/5 || lookalike < 10 {
		t.Errorf("corpus lacks what it is for: %d happenings reported more than once of %d, %d named reports, %d in Khmer script, %d shared family names",
			multi, c.Happenings, named, khmerScript, lookalike)
	}
}

// partition is a set of groups of report indexes, in a canonical order.
type partition [][]int

func canonical(groups map[string][]int) partition {
	var p partition
	for _, g := range groups {
		sort.Ints(g)
		p = append(p, g)
	}
	sort.Slice(p, func(i, j int) bool { return p[i][0] < p[j][0] })
	return p
}

func (p partition) diff(q partition) string {
	of := func(p partition) map[string]bool {
		m := map[string]bool{}
		for _, g := range p {
			m[fmt.Sprint(g)] = true
		}
		return m
	}
	a, b := of(p), of(q)
	var only []string
	for g := range a {
		if !b[g] {
			only = append(only, "got "+g)
		}
	}
	for g := range b {
		if !a[g] {
			only = append(only, "want "+g)
		}
	}
	sort.Strings(only)
	if len(only) > 10 {
		only = append(only[:10], fmt.Sprintf("… %d more", len(only)-10))
	}
	return strings.Join(only, "\n")
}

// outcome reads back how the store grouped the corpus's reports into
// events and their mentions into people, and checks that every citation
// kept its own claim.
func outcome(t *testing.T, st store.Store, c *Corpus) (events, people partition) {
	t.Helper()
	ctx := context.Background()
	byEvidence := map[string]int{}
	for i, r := range c.Reports {
		byEvidence[r.Evidence] = i
	}
	evGroups, personGroups := map[string][]int{}, map[string][]int{}
	evs, err := allEvents(ctx, st, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		cites, err := st.Citations(ctx, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		subject := ""
		for _, p := range e.Participants {
			if p.Role == record.ParticipantSubject {
				subject = p.PersonID
			}
		}
		for _, ct := range cites {
			i, ok := byEvidence[ct.Evidence]
			if !ok {
				t.Fatalf("citation %s has evidence no report has: %q", ct.ID, ct.Evidence)
			}
			evGroups[e.ID] = append(evGroups[e.ID], i)
			r := c.Reports[i]
			if !sameCount(ct.ClaimedCount, r.Event.Count) {
				t.Errorf("report %d claimed %v, its citation holds %v", i, r.Event.Count, ct.ClaimedCount)
			}
			if r.Person >= 0 {
				if subject == "" {
					t.Errorf("report %d names %q but its event %s has no linked subject", i, r.Mention, e.ID)
				}
				personGroups[subject] = append(personGroups[subject], i)
			}
		}
	}
	return canonical(evGroups), canonical(personGroups)
}

func sameCount(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func truth(c *Corpus) (events, people partition) {
	ev, pe := map[string][]int{}, map[string][]int{}
	for i, r := range c.Reports {
		ev[fmt.Sprint(r.Happening)] = append(ev[fmt.Sprint(r.Happening)], i)
		if r.Person >= 0 {
			pe[fmt.Sprint(r.Person)] = append(pe[fmt.Sprint(r.Person)], i)
		}
	}
	return canonical(ev), canonical(pe)
}

// load stores the documents in order and resolves their extractions:
// one at a time against the store when batch is 0, else against an Index
// loaded from the store, writing batch documents at a time.
func load(t *testing.T, st store.Store, c *Corpus, order []int, batch int) {
	t.Helper()
	ctx := context.Background()
	docs := make([]*record.Document, len(order))
	for i, d := range order {
		docs[i] = c.Document(d)
		if _, err := st.SaveCapture(ctx, docs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if batch == 0 {
		for i, d := range order {
			x := c.Extraction(d, docs[i])
			if err := Resolve(ctx, st, &x); err != nil {
				t.Fatal(err)
			}
			if err := st.ReplaceExtraction(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	idx, err := LoadIndex(ctx, st, IndexConfig{})
	if err != nil {
		t.Fatal(err)
	}
	r := NewBulkResolver(st, idx)
	var pending []store.Extraction
	for i, d := range order {
		x := c.Extraction(d, docs[i])
		if err := r.Resolve(ctx, &x); err != nil {
			t.Fatal(err)
		}
		pending = append(pending, x)
		if len(pending) == batch || i == len(order)-1 {
			if err := st.ReplaceExtractions(ctx, pending); err != nil {
				t.Fatal(err)
			}
			pending = pending[:0]
		}
	}
}

// TestResolveGeneratedCorpus is the known-truth test: thousands of
// reports in which the same happenings are reported by several outlets,
// in both scripts and several spellings, with conflicting counts, beside
// look-alike people. Whatever the order documents arrive in, and however
// often they are read again, the reports must fall into the planted
// happenings and the mentions into the planted people.
func TestResolveGeneratedCorpus(t *testing.T) {
	events, docs, orders := 3000, 1200, 3
	if testing.Short() {
		events, docs, orders = 600, 250, 2
	}
	c, err := GenerateCorpus(CorpusConfig{Events: events, Docs: docs, People: events / 6, Seed: 42})
	if err != nil {
		t.Fatal(err)
	}
	wantEvents, wantPeople := truth(c)
	var first partition
	// Order 0 is resolved both one document at a time against the store
	// and in bulk against an Index: they must group alike.
	type run struct{ order, batch int }
	runs := []run{{0, 0}, {0, 37}}
	for o := 1; o < orders; o++ {
		runs = append(runs, run{o, []int{0, 64}[o%2]})
	}
	for _, rn := range runs {
		o := rn.order
		t.Run(fmt.Sprintf("order%d-batch%d", o, rn.batch), func(t *testing.T) {
			st := openStore(t)
			if err := c.Setup(context.Background(), st); err != nil {
				t.Fatal(err)
			}
			order := make([]int, docs)
			for i := range order {
				order[i] = i
			}
			r := rand.New(rand.NewPCG(uint64(o), 99))
			if o > 0 {
				r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			}
			load(t, st, c, order, rn.batch)
			gotEvents, gotPeople := outcome(t, st, c)
			if d := gotEvents.diff(wantEvents); d != "" {
				t.Errorf("reports grouped into %d events, want %d happenings:\n%s", len(gotEvents), len(wantEvents), d)
			}
			if d := gotPeople.diff(wantPeople); d != "" {
				t.Errorf("mentions grouped into %d people, want %d:\n%s", len(gotPeople), len(wantPeople), d)
			}
			ps, err := st.People(context.Background(), "", 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps) != len(wantPeople) {
				t.Errorf("%d people in the record, want %d", len(ps), len(wantPeople))
			}
			if first == nil {
				first = gotEvents
			} else if d := gotEvents.diff(first); d != "" {
				t.Errorf("order %d grouped events unlike order 0:\n%s", o, d)
			}
			// Idempotent: every document read again, in yet another
			// order, changes nothing.
			r.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			load(t, st, c, order, rn.batch)
			againEvents, againPeople := outcome(t, st, c)
			if d := againEvents.diff(gotEvents); d != "" {
				t.Errorf("reading again changed the events:\n%s", d)
			}
			if d := againPeople.diff(gotPeople); d != "" {
				t.Errorf("reading again changed the people:\n%s", d)
			}
			ps2, err := st.People(context.Background(), "", 1000)
			if err != nil {
				t.Fatal(err)
			}
			if len(ps2) != len(ps) {
				t.Errorf("reading again made %d people, want %d", len(ps2), len(ps))
			}
		})
	}

}
