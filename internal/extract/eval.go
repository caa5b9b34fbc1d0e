package extract

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/corpus"
	"github.com/kamnotra/kamnotra/internal/record"
)

// Scores are precision, recall and F1 of one kind of event.
type Scores struct {
	Gold      int     `json:"gold"`
	Extracted int     `json:"extracted"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *Scores) finish() {
	if s.Extracted > 0 {
		s.Precision = float64(s.Matched) / float64(s.Extracted)
	}
	if s.Gold > 0 {
		s.Recall = float64(s.Matched) / float64(s.Gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	// Nothing to find and nothing found is perfect, not zero.
	if s.Gold == 0 && s.Extracted == 0 {
		s.Precision, s.Recall, s.F1 = 1, 1, 1
	}
}

// Accuracy is the share of matched events whose field agrees with the label.
type Accuracy struct {
	Right    int     `json:"right"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

// EvalCase is a missed label or a false alarm, for --verbose.
type EvalCase struct {
	Item     string `json:"item"`
	Type     string `json:"type"`
	Count    *int64 `json:"count"`
	Persons  []string
	FromOrg  string `json:"from_org"`
	ToOrg    string `json:"to_org"`
	Evidence string `json:"evidence"`
}

// Mismatch is a field of a matched event that disagrees with its label.
type Mismatch struct {
	Item     string `json:"item"`
	Field    string `json:"field"`
	Want     string `json:"want"`
	Got      string `json:"got"`
	Evidence string `json:"evidence"`
}

// LangEval is the evaluation of the items of one language (or all).
type LangEval struct {
	Lang    string               `json:"lang"`
	Items   int                  `json:"items"`
	Strict  Scores               `json:"strict"`
	Relaxed Scores               `json:"relaxed"`
	ByType  map[string]*Scores   `json:"by_type"` // strict, per type
	Fields  map[string]*Accuracy `json:"fields"`  // on relaxed matches
	// Tally is the claimed people: per event its count, or the number of
	// named people when no count is given, summed.
	TallyGold      int64 `json:"tally_gold"`
	TallyExtracted int64 `json:"tally_extracted"`

	Misses      []EvalCase `json:"misses,omitempty"`
	FalseAlarms []EvalCase `json:"false_alarms,omitempty"`
	Mismatches  []Mismatch `json:"mismatches,omitempty"`
}

// EvalReport is the evaluation per language and overall.
type EvalReport struct {
	Langs []*LangEval `json:"langs"` // sorted, "all" last
}

// EvalFields are the fields whose accuracy eval reports.
var EvalFields = []string{"count", "count_qualifier", "from_org", "to_org", "province", "district", "date", "persons", "presided_by"}

// Evaluate extracts every item and scores the events against its labels.
// Denials are not events and are not scored.
func Evaluate(items []*corpus.Item) *EvalReport {
	byLang := map[string]*LangEval{}
	get := func(l string) *LangEval {
		le := byLang[l]
		if le == nil {
			le = &LangEval{Lang: l, ByType: map[string]*Scores{}, Fields: map[string]*Accuracy{}}
			for _, f := range EvalFields {
				le.Fields[f] = &Accuracy{}
			}
			byLang[l] = le
		}
		return le
	}
	for _, it := range items {
		evs := Asserted(Extract(InputFromItem(it)))
		got := make([]corpus.Event, len(evs))
		for i, e := range evs {
			got[i] = ToCorpus(e)
		}
		lang := it.Lang
		if lang == "" {
			lang = detectLang(it.Text)
		}
		for _, le := range []*LangEval{get(lang), get("all")} {
			le.add(it.ID, it.Events, got)
		}
	}
	r := &EvalReport{}
	for _, le := range byLang {
		le.finish()
		r.Langs = append(r.Langs, le)
	}
	sort.Slice(r.Langs, func(i, j int) bool {
		a, b := r.Langs[i].Lang, r.Langs[j].Lang
		if (a == "all") != (b == "all") {
			return b == "all"
		}
		return a < b
	})
	return r
}

func (le *LangEval) add(id string, gold, got []corpus.Event) {
	le.Items++
	for _, g := range gold {
		le.TallyGold += tally(g)
	}
	for _, p := range got {
		le.TallyExtracted += tally(p)
	}
	// Strict: per type.
	sm := matchEvents(gold, got, false)
	for _, g := range gold {
		le.typeScores(g.Type).Gold++
	}
	for _, p := range got {
		le.typeScores(p.Type).Extracted++
	}
	for gi := range sm {
		if sm[gi] >= 0 {
			le.typeScores(gold[gi].Type).Matched++
			le.Strict.Matched++
		}
	}
	le.Strict.Gold += len(gold)
	le.Strict.Extracted += len(got)

	rm := matchEvents(gold, got, true)
	le.Relaxed.Gold += len(gold)
	le.Relaxed.Extracted += len(got)
	used := make([]bool, len(got))
	for gi, pi := range rm {
		g := gold[gi]
		if pi < 0 {
			le.Misses = append(le.Misses, caseOf(id, g))
			continue
		}
		used[pi] = true
		le.Relaxed.Matched++
		p := got[pi]
		for _, f := range EvalFields {
			want, have := fieldOf(g, f), fieldOf(p, f)
			a := le.Fields[f]
			a.Total++
			if want == have {
				a.Right++
			} else {
				le.Mismatches = append(le.Mismatches, Mismatch{Item: id, Field: f, Want: want, Got: have, Evidence: clip(p.Evidence, 160)})
			}
		}
	}
	for pi, p := range got {
		if !used[pi] {
			le.FalseAlarms = append(le.FalseAlarms, caseOf(id, p))
		}
	}
}

func (le *LangEval) typeScores(t string) *Scores {
	s := le.ByType[t]
	if s == nil {
		s = &Scores{}
		le.ByType[t] = s
	}
	return s
}

func (le *LangEval) finish() {
	le.Strict.finish()
	le.Relaxed.finish()
	for _, s := range le.ByType {
		s.finish()
	}
	for _, a := range le.Fields {
		if a.Total > 0 {
			a.Accuracy = float64(a.Right) / float64(a.Total)
		}
	}
}

func tally(e corpus.Event) int64 {
	if e.Count != nil {
		return max(*e.Count, int64(len(e.Persons)))
	}
	return int64(len(e.Persons))
}

func caseOf(id string, e corpus.Event) EvalCase {
	return EvalCase{Item: id, Type: e.Type, Count: e.Count, Persons: e.Persons, FromOrg: deref(e.FromOrg), ToOrg: deref(e.ToOrg), Evidence: clip(e.Evidence, 200)}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// fieldOf renders a field for comparison; sets of names are sorted and
// compared without spaces or case.
func fieldOf(e corpus.Event, f string) string {
	switch f {
	case "count":
		if e.Count == nil {
			return "null"
		}
		return fmt.Sprint(*e.Count)
	case "count_qualifier":
		return orNull(e.CountQualifier)
	case "from_org":
		return orNull(e.FromOrg)
	case "to_org":
		return orNull(e.ToOrg)
	case "province":
		return orNull(e.Place.Province)
	case "district":
		return orNull(e.Place.District)
	case "date":
		return orNull(e.Date)
	case "persons":
		return nameSet(e.Persons)
	case "presided_by":
		return nameSet(e.PresidedBy)
	}
	return ""
}

func orNull(s *string) string {
	if s == nil || *s == "" {
		return "null"
	}
	return *s
}

func nameSet(ns []string) string {
	ks := make([]string, 0, len(ns))
	for _, n := range ns {
		ks = append(ks, nameKey(n))
	}
	sort.Strings(ks)
	return "[" + strings.Join(ks, ", ") + "]"
}

// nameKey folds a name for comparison: no spaces (Khmer names are written
// with and without them), lower case.
func nameKey(n string) string {
	var b strings.Builder
	for _, r := range n {
		if unicode.IsSpace(r) || r == '\u200b' || r == '-' {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// matchEvents pairs gold and extracted events one to one, greedily by
// similarity. Two events may pair when their types agree (or share a
// family, relaxed) and they share a person, or the same count, or their
// evidence overlaps by at least half its words. It returns, per gold
// event, the index of its extracted event or -1.
func matchEvents(gold, got []corpus.Event, relaxed bool) []int {
	type cand struct {
		g, p  int
		score float64
	}
	var cs []cand
	gtoks := make([]map[string]bool, len(gold))
	ptoks := make([]map[string]bool, len(got))
	for i, g := range gold {
		gtoks[i] = evidenceTokens(g.Evidence)
	}
	for i, p := range got {
		ptoks[i] = evidenceTokens(p.Evidence)
	}
	for gi, g := range gold {
		for pi, p := range got {
			if relaxed {
				if Family(record.EventType(g.Type)) != Family(record.EventType(p.Type)) {
					continue
				}
			} else if g.Type != p.Type {
				continue
			}
			score := 0.0
			if sharePerson(g.Persons, p.Persons) {
				score += 2
			}
			if g.Count != nil && p.Count != nil && *g.Count == *p.Count {
				score += 2
			}
			ov := overlapCoef(gtoks[gi], ptoks[pi])
			if score == 0 && ov < 0.5 {
				continue
			}
			if g.Type == p.Type {
				score += 0.5
			}
			cs = append(cs, cand{gi, pi, score + ov})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].score > cs[j].score })
	res := make([]int, len(gold))
	for i := range res {
		res[i] = -1
	}
	usedP := make([]bool, len(got))
	for _, c := range cs {
		if res[c.g] >= 0 || usedP[c.p] {
			continue
		}
		res[c.g] = c.p
		usedP[c.p] = true
	}
	return res
}

func sharePerson(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if nameKey(x) == nameKey(y) {
				return true
			}
		}
	}
	return false
}

// evidenceTokens are the words of an evidence text: Latin words lower
// case; Khmer, written without spaces, as pairs of adjacent letters.
func evidenceTokens(s string) map[string]bool {
	out := map[string]bool{}
	var word []rune
	flush := func() {
		if len(word) == 0 {
			return
		}
		if word[0] >= 0x1780 && word[0] <= 0x17FF {
			for i := 0; i+1 < len(word); i++ {
				out[string(word[i:i+2])] = true
			}
			if len(word) == 1 {
				out[string(word)] = true
			}
		} else {
			out[strings.ToLower(string(word))] = true
		}
		word = word[:0]
	}
	prevKm := false
	for _, r := range s {
		km := r >= 0x1780 && r <= 0x17FF
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || km) {
			flush()
			prevKm = false
			continue
		}
		if len(word) > 0 && km != prevKm {
			flush()
		}
		word = append(word, r)
		prevKm = km
	}
	flush()
	return out
}

func overlapCoef(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	n := 0
	small, big := a, b
	if len(b) < len(a) {
		small, big = b, a
	}
	for t := range small {
		if big[t] {
			n++
		}
	}
	return float64(n) / float64(len(small))
}

// WriteText prints the report as tables; verbose adds every miss, false
// alarm and field disagreement.
func (r *EvalReport) WriteText(w io.Writer, verbose bool) error {
	var b strings.Builder
	f3 := func(x float64) string { return fmt.Sprintf("%.3f", x) }
	fmt.Fprintf(&b, "%-5s %5s %5s %5s | %-23s | %-23s | %s\n", "lang", "items", "gold", "got", "strict P / R / F1", "relaxed P / R / F1", "claimed people (gold/got)")
	for _, le := range r.Langs {
		fmt.Fprintf(&b, "%-5s %5d %5d %5d | %s %s %s | %s %s %s | %d / %d\n", le.Lang, le.Items, le.Strict.Gold, le.Strict.Extracted,
			f3(le.Strict.Precision), f3(le.Strict.Recall), f3(le.Strict.F1),
			f3(le.Relaxed.Precision), f3(le.Relaxed.Recall), f3(le.Relaxed.F1), le.TallyGold, le.TallyExtracted)
	}
	b.WriteString("\nfield accuracy on relaxed matches:\n")
	fmt.Fprintf(&b, "%-16s", "field")
	for _, le := range r.Langs {
		fmt.Fprintf(&b, " %14s", le.Lang)
	}
	b.WriteByte('\n')
	for _, f := range EvalFields {
		fmt.Fprintf(&b, "%-16s", f)
		for _, le := range r.Langs {
			a := le.Fields[f]
			if a.Total == 0 {
				fmt.Fprintf(&b, " %5s (%3d/%3d)", "–", 0, 0)
				continue
			}
			fmt.Fprintf(&b, " %5s (%3d/%3d)", f3(a.Accuracy), a.Right, a.Total)
		}
		b.WriteByte('\n')
	}
	b.WriteString("\nstrict scores per type:\n")
	for _, le := range r.Langs {
		types := make([]string, 0, len(le.ByType))
		for t := range le.ByType {
			types = append(types, t)
		}
		sort.Strings(types)
		for _, t := range types {
			s := le.ByType[t]
			fmt.Fprintf(&b, "  %-4s %-17s gold %3d got %3d matched %3d  P %s R %s F1 %s\n", le.Lang, t, s.Gold, s.Extracted, s.Matched, f3(s.Precision), f3(s.Recall), f3(s.F1))
		}
	}
	if verbose {
		for _, le := range r.Langs {
			if le.Lang == "all" {
				continue
			}
			fmt.Fprintf(&b, "\n[%s] misses (%d):\n", le.Lang, len(le.Misses))
			for _, c := range le.Misses {
				fmt.Fprintf(&b, "  %s %s count=%s from=%q to=%q persons=%v\n      %s\n", c.Item, c.Type, countStr(c.Count), c.FromOrg, c.ToOrg, c.Persons, c.Evidence)
			}
			fmt.Fprintf(&b, "[%s] false alarms (%d):\n", le.Lang, len(le.FalseAlarms))
			for _, c := range le.FalseAlarms {
				fmt.Fprintf(&b, "  %s %s count=%s from=%q to=%q persons=%v\n      %s\n", c.Item, c.Type, countStr(c.Count), c.FromOrg, c.ToOrg, c.Persons, c.Evidence)
			}
			fmt.Fprintf(&b, "[%s] field disagreements (%d):\n", le.Lang, len(le.Mismatches))
			for _, m := range le.Mismatches {
				fmt.Fprintf(&b, "  %s %-15s want %-32q got %q\n", m.Item, m.Field, m.Want, m.Got)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func countStr(c *int64) string {
	if c == nil {
		return "null"
	}
	return fmt.Sprint(*c)
}
