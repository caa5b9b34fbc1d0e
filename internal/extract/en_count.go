package extract

import (
	"strconv"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
)

var enNumberWords = map[string]int64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
	"eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}

// enPeople are nouns that count people; the value is the role class they
// tell, "" when they tell none.
var enPeople = map[string]record.RoleClass{
	"member": record.RoleMember, "members": record.RoleMember, "cadres": record.RoleMember, "cadre": record.RoleMember,
	"people": "", "persons": "", "individuals": "", "adults": "", "youths": "", "villagers": "", "residents": "",
	"citizens": "", "families": "", "men": "", "women": "", "others": "", "of us": "", "defectors": "", "converts": "",
	"activists": record.RoleActivist, "activist": record.RoleActivist, "dissidents": record.RoleActivist,
	"critics": record.RoleActivist, "unionists": record.RoleActivist, "protesters": record.RoleActivist,
	"defections": "", "monks": "", "journalists": "", "workers": "", "farmers": "", "students": "", "teachers": "",
	"supporters": record.RoleSupporter, "supporter": record.RoleSupporter, "followers": record.RoleSupporter,
	"sympathisers": record.RoleSupporter, "sympathizers": record.RoleSupporter, "voters": record.RoleSupporter,
	"officials": record.RoleLeader, "official": record.RoleLeader, "leaders": record.RoleLeader, "leader": record.RoleLeader,
	"executives": record.RoleLeader, "figures": record.RoleLeader, "representatives": record.RoleLeader,
	"councillors": record.RoleElectedOfficial, "councilors": record.RoleElectedOfficial,
	"councillor": record.RoleElectedOfficial, "councilor": record.RoleElectedOfficial,
	"lawmakers": record.RoleElectedOfficial, "lawmaker": record.RoleElectedOfficial, "mps": record.RoleElectedOfficial,
	"chiefs": record.RoleElectedOfficial, "chief": record.RoleElectedOfficial, "legislators": record.RoleElectedOfficial,
	"candidates": record.RoleMember, "candidate": record.RoleMember, "observers": record.RoleMember, "agents": record.RoleMember,
	"deputies": record.RoleElectedOfficial,
}

// countNP is a counted group of people: "more than 600 party members".
type countNP struct {
	i, j   int // token range, qualifier included
	n      int64
	q      record.CountQualifier
	role   record.RoleClass
	subset bool // "44 of them": part of the group counted before it
	orgs   []*lexEntry
}

// numberAt reads a number in digits or words at toks[i] and returns it and
// the tokens it covers.
func numberAt(toks []token, i int) (int64, int) {
	t := toks[i]
	if t.Kind == tokNum {
		s := strings.ReplaceAll(t.L, ",", "")
		if strings.ContainsAny(s, ".abcdefghijklmnopqrstuvwxyz") {
			return 0, 0
		}
		v, err := strconv.ParseInt(s, 10, 64)
		if err != nil || v <= 0 {
			return 0, 0
		}
		if i+1 < len(toks) && (toks[i+1].L == "thousand" || toks[i+1].L == "hundred") {
			if toks[i+1].L == "thousand" {
				return v * 1000, 2
			}
			return v * 100, 2
		}
		return v, 1
	}
	if t.Kind != tokWord {
		return 0, 0
	}
	// "twenty-five", "two hundred", "three thousand"
	var v int64
	rest := t.L
	for rest != "" {
		part := rest
		if h := strings.IndexByte(rest, '-'); h >= 0 {
			part, rest = rest[:h], rest[h+1:]
		} else {
			rest = ""
		}
		w, ok := enNumberWords[part]
		if !ok || part == "hundred" || part == "dozen" {
			return 0, 0
		}
		v += w
	}
	n := 1
	for i+n < len(toks) {
		switch toks[i+n].L {
		case "hundred":
			v *= 100
		case "thousand":
			v *= 1000
		default:
			return v, n
		}
		n++
	}
	return v, n
}

func qualifierBefore(toks []token, i int) (record.CountQualifier, int) {
	l := func(k int) string {
		if k >= 0 && k < len(toks) {
			return toks[k].L
		}
		return ""
	}
	switch {
	case l(i-2) == "more" && l(i-1) == "than", l(i-2) == "upwards" && l(i-1) == "of":
		return record.CountMoreThan, i - 2
	case l(i-1) == "over":
		return record.CountMoreThan, i - 1
	case l(i-2) == "at" && l(i-1) == "least":
		return record.CountAtLeast, i - 2
	case l(i-2) == "close" && l(i-1) == "to", l(i-2) == "an" && l(i-1) == "estimated", l(i-2) == "up" && l(i-1) == "to":
		return record.CountAbout, i - 2
	case l(i-1) == "about", l(i-1) == "around", l(i-1) == "nearly", l(i-1) == "almost", l(i-1) == "approximately",
		l(i-1) == "roughly", l(i-1) == "some", l(i-1) == "approx.", l(i-1) == "estimated":
		return record.CountAbout, i - 1
	}
	return record.CountExact, i
}

// countBreak ends the words that may stand between a number and the noun
// that says it counts people.
func countBreak(t token) bool {
	if t.Kind == tokPunct {
		return true
	}
	switch t.L {
	case "in", "on", "at", "to", "from", "with", "by", "for", "had", "has", "have", "were", "was", "are", "is",
		"and", "or", "who", "which", "that", "been", "be", "will", "would", "said", "joined", "than", "per",
		"years", "year", "months", "month", "days", "day", "weeks", "week", "percent", "communes", "districts",
		"provinces", "votes", "seats", "parties", "dollars", "riel", "hours", "times":
		return true
	}
	return false
}

// findCounts finds the counted groups of people in toks[a:b]. Numbers in a
// coordinated list ("two lawmakers, two provincial councillors and another
// official") are summed into one group; "44 of them" is a subset.
func findCounts(toks []token, a, b int, lexAt func(int) (*lexEntry, int)) []countNP {
	var raw []countNP
	for i := a; i < b; i++ {
		v, n := numberAt(toks, i)
		listItem := false
		if n == 0 {
			// "another official", "one councillor" after a counted item
			if (toks[i].L == "another" || toks[i].L == "a" || toks[i].L == "an") && len(raw) > 0 && raw[len(raw)-1].j >= i-2 {
				v, n, listItem = 1, 1, true
			} else {
				continue
			}
		}
		if i > 0 && (toks[i-1].L == "$" || toks[i-1].L == "us$" || strings.HasPrefix(toks[i-1].L, "us$")) {
			continue
		}
		q, qs := qualifierBefore(toks, i)
		np := countNP{i: qs, n: v, q: q}
		k := i + n
		if k+1 < b && toks[k].L == "of" && (toks[k+1].L == "them" || toks[k+1].L == "whom" || toks[k+1].L == "those") {
			np.subset = toks[k+1].L != "those"
			k += 2
		} else if k+1 < b && toks[k].L == "of" && (toks[k+1].L == "its" || toks[k+1].L == "their" || toks[k+1].L == "the" || toks[k+1].L == "his" || toks[k+1].L == "her" || toks[k+1].L == "us") {
			if toks[k+1].L == "us" {
				np.j = k + 2
				raw = append(raw, np)
				i = k + 1
				continue
			}
			k += 2
		}
		found := false
		for m := 0; k < b && m < 8; m++ {
			if e, n := lexAt(k); e != nil {
				if e.Kind == lexParty {
					np.orgs = append(np.orgs, e)
				}
				k += n
				continue
			}
			if r, ok := enPeople[toks[k].L]; ok {
				np.role = r
				// "commune officials", "commune chiefs" hold elected posts.
				if r == record.RoleLeader && within(toks, i, k, "commune", "communal", "sangkat", "councillors", "councilors") >= 0 {
					np.role = record.RoleElectedOfficial
				}
				found = true
				k++
				// "members and activists": one group
				for k+1 < b && toks[k].L == "and" {
					if r2, ok := enPeople[toks[k+1].L]; ok {
						if np.role == "" {
							np.role = r2
						}
						k += 2
						continue
					}
					break
				}
				break
			}
			if countBreak(toks[k]) {
				break
			}
			k++
		}
		// "The remaining 10, all living ..." counts people by ellipsis.
		if !found && !listItem && i > a && (toks[i-1].L == "the" || toks[i-1].L == "remaining" || toks[i-1].L == "other") && i+n < len(toks) && (toks[i+n].L == "," || toks[i+n].L == "were" || toks[i+n].L == "have" || toks[i+n].L == "had") {
			found = true
			k = i + n
		}
		if !found {
			continue
		}
		// "of the party's 5,007 councillors, ..." — people of a party at a
		// given role; keep it; the rules decide by position.
		np.j = k
		// Party named right after the noun: "members of the Candlelight Party", "from the CNRP".
		for m := k; m < b && m < k+5; m++ {
			if toks[m].L == "of" || toks[m].L == "from" || toks[m].L == "the" || toks[m].L == "dissolved" || toks[m].L == "banned" || toks[m].L == "former" {
				continue
			}
			if e, n := lexAt(m); e != nil && e.Kind == lexParty {
				np.orgs = append(np.orgs, e)
				np.j = m + n
			}
			break
		}
		if listItem {
			np.i = i
		}
		raw = append(raw, np)
		i = np.j - 1
	}
	// Sum coordinated items.
	var out []countNP
	for _, np := range raw {
		if len(out) > 0 && !np.subset {
			last := &out[len(out)-1]
			gap := toks[last.j:np.i]
			if coordGap(gap) {
				last.n += np.n
				last.j = np.j
				last.orgs = append(last.orgs, np.orgs...)
				if np.q != record.CountExact && last.q == record.CountExact {
					last.q = np.q
				}
				if last.role != np.role {
					last.role = mergeRole(last.role, np.role)
				}
				continue
			}
		}
		out = append(out, np)
	}
	return out
}

func coordGap(gap []token) bool {
	if len(gap) == 0 || len(gap) > 2 {
		return false
	}
	for _, t := range gap {
		if t.L != "," && t.L != "and" {
			return false
		}
	}
	return true
}

func mergeRole(a, b record.RoleClass) record.RoleClass {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	// The most senior role present describes the group.
	rank := map[record.RoleClass]int{record.RoleLeader: 4, record.RoleElectedOfficial: 3, record.RoleMember: 2, record.RoleActivist: 2, record.RoleSupporter: 1}
	if rank[b] > rank[a] {
		return b
	}
	return a
}
