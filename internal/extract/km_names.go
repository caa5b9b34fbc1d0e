package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/gazetteer"
)

// kmName is a person's name found in a Khmer sentence: a family name and
// a given name written as two words after a title (លោក, ឯកឧត្តម…) or after
// ឈ្មោះ "named", and the names listed after it with និង "and".
type kmName struct {
	start, end int    // the name, sentence-relative, no title
	from       int    // where its title or anchor starts
	name       string // "សុខ សោម"
	named      bool   // introduced by ឈ្មោះ: the text points at the subject
	group      int    // names listed together ("X និង Y") share a group
}

// Words that end a name written without a space before what follows
// (ភឺន ផល្លាអនុប្រធាន…).
var kmNameStops = []string{
	"អនុប្រធាន", "ប្រធាន", "អគ្គលេខាធិការ", "អ្នកនាំពាក្យ", "សមាជិក", "តំណាង", "ជា", "ដែល", "និង", "បាន", "ត្រូវ",
	"នៅ", "មកពី", "ក្នុង", "របស់", "ដោយ", "ថា", "ហើយ", "ក៏", "គឺ", "អតីត", "លោក", "ឯកឧត្តម", "រដ្ឋមន្ត្រី",
	"អភិបាល", "ស្នងការ", "នាយក", "ឧត្តមសេនីយ៍", "ភេទ", "អាយុ", "អ្នក", "មេឃុំ", "ចៅសង្កាត់", "ទីប្រឹក្សា", "បេក្ខជន",
	"សកម្មជន", "ក្រុមប្រឹក្សា", "គណបក្ស", "បក្ស", "ឈ្មោះ", "ខេត្ត", "ស្រុក", "ឃុំ",
}

// Words that are not names though they follow លោក (which also means "he").
var kmNotName = map[string]bool{
	"បាន": true, "មាន": true, "នឹង": true, "ក៏": true, "ថា": true, "គឺ": true, "ដែល": true, "និង": true, "នៅ": true,
	"ត្រូវ": true, "មិន": true, "ទាំង": true, "ពួក": true, "ក្រុម": true, "ជាប់": true, "ពុំ": true, "ទៅ": true, "មក": true,
	"ពី": true, "របស់": true, "ដោយ": true, "ហើយ": true, "គាត់": true, "ខ្លួន": true, "នេះ": true, "នោះ": true,
	"ទៀត": true, "ផង": true, "ដែរ": true, "ទេ": true, "អ្នក": true, "ជាមួយ": true, "ក្នុង": true, "តែ": true,
	"កម្ពុជា": true, "ខ្មែរ": true, "ទាំងនោះ": true, "ទាំងអស់": true, "ជាច្រើន": true, "ចំនួន": true, "ច្រើន": true,
	"ថ្មី": true, "គណបក្ស": true, "បក្ស": true, "សកម្មជន": true, "សមាជិក": true,
}

// kmBases counts the syllable bases of a Khmer word: letters not written
// as subscripts.
func kmBases(w string) int {
	n := 0
	prevCoeng := false
	for _, r := range w {
		if r >= 0x1780 && r <= 0x17B3 && !prevCoeng {
			n++
		}
		prevCoeng = r == 0x17D2
	}
	return n
}

func kmIsLetter(r rune) bool {
	return r >= 0x1780 && r <= 0x17D3 || r == 0x17DD
}

// kmWordAt reads a run of Khmer letters from s[i].
func kmWordAt(s string, i int) int {
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !kmIsLetter(r) && r != 0x200B {
			break
		}
		j += n
	}
	return j
}

// kmCutAtStop shortens a glued given name at the first stop word found
// after its first syllable.
func kmCutAtStop(w string) string {
	if kmBases(w) <= 3 {
		return w
	}
	seen := 0
	prevCoeng := false
	for i, r := range w {
		if r >= 0x1780 && r <= 0x17B3 && !prevCoeng {
			if seen >= 1 {
				for _, st := range kmNameStops {
					if strings.HasPrefix(w[i:], st) {
						return w[:i]
					}
				}
			}
			seen++
		}
		prevCoeng = r == 0x17D2
	}
	return w
}

// kmReadName reads "family given" at s[i]. It returns the end of the name.
func kmReadName(s string, i int) (string, int, bool) {
	e1 := kmWordAt(s, i)
	w1 := s[i:e1]
	if w1 == "" || kmBases(w1) > 4 || kmNotName[w1] {
		return "", 0, false
	}
	for st := range kmNotName {
		if len(w1) > len(st) && strings.HasPrefix(w1, st) && kmBases(st) >= 1 && st != "ជា" {
			// បានប្រាប់, មានការ…: a verb phrase, not a name
			if kmBases(w1) > 2 {
				return "", 0, false
			}
		}
	}
	j := e1
	sp := 0
	for j < len(s) && (s[j] == ' ' || strings.HasPrefix(s[j:], "\u00a0")) {
		if s[j] == ' ' {
			j++
		} else {
			j += 2
		}
		sp++
	}
	if sp != 1 {
		return "", 0, false
	}
	e2 := kmWordAt(s, j)
	w2 := kmCutAtStop(s[j:e2])
	if w2 == "" || kmBases(w2) > 5 || kmNotName[w2] {
		return "", 0, false
	}
	end := j + len(w2)
	return s[i:e1] + " " + w2, end, true
}

// kmFindNames finds the names of a sentence, with the gazetteer's titles
// and the anchors found by the keyword matcher.
func kmFindNames(s string, g *gazetteer.Gazetteer, toks []kmTok) []kmName {
	type anchor struct {
		from, at int
		named    bool
	}
	var anchors []anchor
	for _, t := range g.FindTitles(s) {
		if t.Title == "លោក" && kmWorldBefore(s, t.Start) {
			continue
		}
		at := t.End
		// Titles stack: លោកបណ្ឌិត, ឯកឧត្តម ឧត្តមសេនីយ៍.
		for {
			k := at
			for k < len(s) && s[k] == ' ' {
				k++
			}
			n := g.TitleAt(s[k:])
			if n == 0 {
				break
			}
			at = k + n
		}
		anchors = append(anchors, anchor{t.Start, at, false})
	}
	for _, t := range toks {
		if t.w.kind == kmNameAnchor {
			anchors = append(anchors, anchor{t.start, t.end, true})
		}
	}
	// Sort by position; few anchors, insertion sort.
	for i := 1; i < len(anchors); i++ {
		for j := i; j > 0 && anchors[j].at < anchors[j-1].at; j-- {
			anchors[j], anchors[j-1] = anchors[j-1], anchors[j]
		}
	}
	var out []kmName
	last := -1
	group := 0
	for _, a := range anchors {
		group++
		i := a.at
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i < last {
			continue
		}
		from := a.from
		named := a.named
		for i < len(s) {
			name, end, ok := kmReadName(s, i)
			if !ok {
				break
			}
			out = append(out, kmName{start: i, end: end, from: from, name: name, named: named, group: group})
			last = end
			// A list: "X និង Y", "X, Y", "X និងលោក Y".
			j := end
			for j < len(s) && (s[j] == ' ' || s[j] == ',') {
				j++
			}
			if strings.HasPrefix(s[j:], "និង") {
				j += len("និង")
			} else if j == end || s[end] != ',' {
				break
			}
			for j < len(s) && s[j] == ' ' {
				j++
			}
			if n := g.TitleAt(s[j:]); n > 0 {
				j += n
			}
			from = j
			i = j
		}
	}
	return out
}

// kmWorldBefore reports whether លោក at i is part of a word such as
// ពិភពលោក "world" or សកលលោក "universe".
func kmWorldBefore(s string, i int) bool {
	for _, w := range []string{"ពិភព", "សកល", "ត្រៃ", "មនុស្ស", "បរ", "ឧត្តម"} {
		if strings.HasSuffix(s[:i], w) {
			return true
		}
	}
	return false
}
