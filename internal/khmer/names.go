package khmer

import (
	"strings"
	"unicode/utf8"
)

// TitleRole is what a title says about the person who bears it. It is a
// hint for the record (an ឯកឧត្តម is usually a minister, secretary of state
// or senior official; an ឧកញ៉ា a tycoon), not proof of a post.
type TitleRole string

const (
	RoleHonorific    TitleRole = "honorific"     // លោក, លោកស្រី, អ្នកស្រី, កញ្ញា, Mr, Mrs, Ms
	RoleMinisterRank TitleRole = "minister_rank" // ឯកឧត្តម, លោកជំទាវ, H.E., Excellency, Lok Chumteav
	RoleSamdech      TitleRole = "samdech"       // សម្តេច, សម្ដេចតេជោ, Samdech: the highest non-royal rank
	RoleOknha        TitleRole = "oknha"         // ឧកញ៉ា, អ្នកឧកញ៉ា, Oknha: conferred on major donors, mostly business people
	RoleMilitary     TitleRole = "military"      // ឧត្តមសេនីយ៍, Gen., Lt. Gen.
	RoleRoyal        TitleRole = "royal"         // ព្រះករុណា, ព្រះអង្គម្ចាស់, King, Prince
	RoleReligious    TitleRole = "religious"     // ព្រះតេជគុណ, Venerable
	RoleAcademic     TitleRole = "academic"      // បណ្ឌិត, Dr, Prof.
	RoleOther        TitleRole = "other"         // ឈ្មោះ "named", យុវជន "youth"
)

// Title is a title or honorific taken off a name, as written.
type Title struct {
	Text string
	Role TitleRole
}

type nameTitle struct {
	lit  string
	role TitleRole
}

// Khmer titles. Matching treats ្ដ and ្ត alike, so ឯកឧត្ដម and ឯកឧត្តម are
// one entry.
var nameKhmerTitles = []nameTitle{
	{"លោក", RoleHonorific}, {"លោកស្រី", RoleHonorific}, {"អ្នកស្រី", RoleHonorific}, {"កញ្ញា", RoleHonorific},
	{"អ្នកនាង", RoleHonorific}, {"នាង", RoleHonorific}, {"លោកគ្រូ", RoleHonorific}, {"អ្នកគ្រូ", RoleHonorific},
	{"លោកតា", RoleHonorific}, {"លោកយាយ", RoleHonorific}, {"អ្នក", RoleHonorific},
	{"ឯកឧត្តម", RoleMinisterRank}, {"លោកជំទាវ", RoleMinisterRank}, {"ជំទាវ", RoleMinisterRank},
	{"សម្តេច", RoleSamdech}, {"សម្តេចតេជោ", RoleSamdech},
	{"ឧកញ៉ា", RoleOknha}, {"អ្នកឧកញ៉ា", RoleOknha}, {"លោកឧកញ៉ា", RoleOknha},
	{"នាយឧត្តមសេនីយ៍", RoleMilitary}, {"ឧត្តមសេនីយ៍", RoleMilitary}, {"ឧត្តមសេនីយ៍ឯក", RoleMilitary},
	{"ឧត្តមសេនីយ៍ទោ", RoleMilitary}, {"ឧត្តមសេនីយ៍ត្រី", RoleMilitary}, {"វរសេនីយ៍", RoleMilitary},
	{"វរសេនីយ៍ឯក", RoleMilitary}, {"វរសេនីយ៍ទោ", RoleMilitary}, {"វរសេនីយ៍ត្រី", RoleMilitary},
	{"អនុសេនីយ៍ឯក", RoleMilitary}, {"អនុសេនីយ៍ទោ", RoleMilitary}, {"អនុសេនីយ៍ត្រី", RoleMilitary},
	{"ឧត្តមនាវីឯក", RoleMilitary}, {"ឧត្តមនាវីទោ", RoleMilitary}, {"ឧត្តមនាវីត្រី", RoleMilitary},
	{"ព្រះករុណា", RoleRoyal}, {"ព្រះបាទ", RoleRoyal}, {"ព្រះមហាក្សត្រ", RoleRoyal}, {"ព្រះអង្គម្ចាស់", RoleRoyal},
	{"អ្នកអង្គម្ចាស់", RoleRoyal}, {"ព្រះរាជបុត្រ", RoleRoyal}, {"ព្រះនាង", RoleRoyal}, {"សម្តេចព្រះ", RoleRoyal},
	{"ព្រះតេជគុណ", RoleReligious}, {"ព្រះសង្ឃ", RoleReligious}, {"ព្រះភិក្ខុ", RoleReligious}, {"ព្រះមហា", RoleReligious},
	{"ព្រះគ្រូ", RoleReligious},
	{"បណ្ឌិត", RoleAcademic}, {"វេជ្ជបណ្ឌិត", RoleAcademic}, {"សាស្ត្រាចារ្យ", RoleAcademic},
	{"បណ្ឌិតសភាចារ្យ", RoleAcademic},
	{"ឈ្មោះ", RoleOther}, {"យុវជន", RoleOther}, {"យុវតី", RoleOther}, {"ជនជាប់ចោទ", RoleOther},
}

var nameKhmerTitleLits = func() []string {
	out := make([]string, len(nameKhmerTitles))
	for i, t := range nameKhmerTitles {
		out[i] = t.lit
	}
	return out
}()

// Latin titles, lower case; a trailing "." is optional where the title is
// an abbreviation ("dr" matches Dr and Dr.).
var nameLatinTitles = []nameTitle{
	{"mr", RoleHonorific}, {"mrs", RoleHonorific}, {"ms", RoleHonorific}, {"miss", RoleHonorific},
	{"madam", RoleHonorific}, {"madame", RoleHonorific}, {"mme", RoleHonorific}, {"lok", RoleHonorific},
	{"lok srey", RoleHonorific}, {"neak srey", RoleHonorific}, {"kanha", RoleHonorific},
	{"h.e.", RoleMinisterRank}, {"h. e.", RoleMinisterRank}, {"his excellency", RoleMinisterRank},
	{"her excellency", RoleMinisterRank}, {"excellency", RoleMinisterRank}, {"lok chumteav", RoleMinisterRank},
	{"chumteav", RoleMinisterRank}, {"ek oudom", RoleMinisterRank}, {"excellency dr", RoleMinisterRank},
	{"samdech", RoleSamdech}, {"samdech techo", RoleSamdech}, {"samdech akka moha sena padei techo", RoleSamdech},
	{"samdech moha bovor thipadei", RoleSamdech}, {"samdech thipadei", RoleSamdech},
	{"oknha", RoleOknha}, {"okhna", RoleOknha}, {"neak oknha", RoleOknha}, {"lok oknha", RoleOknha},
	{"gen", RoleMilitary}, {"general", RoleMilitary}, {"lt gen", RoleMilitary}, {"lt. gen", RoleMilitary},
	{"lieutenant general", RoleMilitary}, {"maj gen", RoleMilitary}, {"maj. gen", RoleMilitary},
	{"major general", RoleMilitary}, {"brig gen", RoleMilitary}, {"brig. gen", RoleMilitary},
	{"brigadier general", RoleMilitary}, {"col", RoleMilitary}, {"colonel", RoleMilitary}, {"lt col", RoleMilitary},
	{"lt. col", RoleMilitary}, {"lieutenant colonel", RoleMilitary}, {"maj", RoleMilitary}, {"capt", RoleMilitary},
	{"captain", RoleMilitary}, {"adm", RoleMilitary}, {"admiral", RoleMilitary}, {"police general", RoleMilitary},
	{"police lt. gen", RoleMilitary}, {"police maj. gen", RoleMilitary}, {"police brig. gen", RoleMilitary},
	{"king", RoleRoyal}, {"queen", RoleRoyal}, {"queen mother", RoleRoyal}, {"prince", RoleRoyal},
	{"princess", RoleRoyal}, {"hrh", RoleRoyal}, {"his majesty", RoleRoyal}, {"her majesty", RoleRoyal},
	{"his royal highness", RoleRoyal}, {"her royal highness", RoleRoyal}, {"samdech preah", RoleRoyal},
	{"venerable", RoleReligious}, {"ven", RoleReligious},
	{"dr", RoleAcademic}, {"prof", RoleAcademic}, {"professor", RoleAcademic},
}

// StripTitles takes the titles and honorifics off the front of a name
// (ឯកឧត្តម បណ្ឌិត ហ៊ុន ម៉ាណែត, H.E. Dr. Hang Chuon Naron, លោកឃុន សូណា) and
// returns the bare name and the titles in the order written.
//
// A Khmer title may be written joined to the name (លោកថាច់); the longest
// known title wins. A space-separated first word that begins with សម្តេច
// or ព្រះ and is followed by at least two more words is a title in full,
// whatever epithets it strings together (សម្តេចអគ្គមហាសេនាបតីតេជោ).
func StripTitles(name string) (bare string, titles []Title) {
	s := strings.TrimSpace(name)
	for len(s) > 0 {
		end, role, ok := nameTitleAt(s)
		if !ok {
			break
		}
		titles = append(titles, Title{Text: strings.TrimSpace(s[:end]), Role: role})
		s = strings.TrimLeft(s[end:], " \t\n\u00a0\u200b,")
	}
	return strings.TrimSpace(s), titles
}

// nameTitleAt finds a title at the start of s.
func nameTitleAt(s string) (end int, role TitleRole, ok bool) {
	r, _ := utf8.DecodeRuneInString(s)
	if txIsKhmerBase(r) {
		// compound epithets: the whole first word
		word := s
		if k := strings.IndexAny(s, " \u00a0\u200b"); k >= 0 {
			word = s[:k]
		}
		if rest := strings.Fields(s[len(word):]); len(rest) >= 2 && len(word) < len(s) {
			if _, m := txMatchKhmer(word, 0, "សម្តេចព្រះ"); m {
				return len(word), RoleRoyal, true
			}
			if _, m := txMatchKhmer(word, 0, "សម្តេច"); m {
				return len(word), RoleSamdech, true
			}
			if _, m := txMatchKhmer(word, 0, "ព្រះ"); m {
				if e, idx, ok := txMatchKhmerLongest(s, 0, nameKhmerTitleLits); ok && e == len(word) {
					return e, nameKhmerTitles[idx].role, true
				}
				return len(word), RoleRoyal, true
			}
		}
		if e, idx, ok := txMatchKhmerLongest(s, 0, nameKhmerTitleLits); ok {
			// "លោក" alone with nothing after it is a word, not a title
			if strings.TrimSpace(s[e:]) == "" {
				return 0, "", false
			}
			return e, nameKhmerTitles[idx].role, true
		}
		return 0, "", false
	}
	// "HE" in capitals is His Excellency; "He" is a pronoun.
	if strings.HasPrefix(s, "HE ") {
		return 2, RoleMinisterRank, true
	}
	best := 0
	for _, t := range nameLatinTitles {
		e, m := txMatchLatinPrefix(s, 0, t.lit)
		if !m {
			continue
		}
		if e < len(s) && s[e] == '.' && t.lit[len(t.lit)-1] != '.' {
			e++
		}
		if e < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[e:]); txIsWordRune(r) {
				continue
			}
		}
		if strings.TrimSpace(s[e:]) == "" {
			continue // a title with no name after it
		}
		if e > best {
			best, role = e, t.role
		}
	}
	return best, role, best > 0
}

// NameKey returns a key under which the Latin spellings of one Khmer name
// meet: Khuong Sreng and Khoung Sreng, Kimsour Phirith and Khimsour
// Phearith, Sar Kheng and Sa Kheng. A name in Khmer script is romanised
// first, so NameKey("ឃួង ស្រេង") == NameKey("Khuong Sreng"). The parts are
// joined without a separator, so a given name written in one word or two
// (Kimsour, Kim Sour) gives one key; see NameKeys for order-free matching.
// Titles are not removed: call StripTitles first.
//
// The folding, applied to each word:
//   - aspirated and plain consonants meet: kh=k, ph=p, th=t, chh=ch=j;
//     nh, gn and ny before a vowel are one n; g=k, f=p, w=v, z=s, q=k;
//   - vowel spellings fall in three classes: a (a, aa); front (e, ae, ea,
//     ie, ia, i, ee, ei, ey, ay, ai, final y, and the central vowels eu,
//     oe, oeu); back (o, ou, uo, u, ao, au, oa, ua). A front vowel written
//     before a final v, as o or u (Khieu, Keo), is the front vowel and v;
//   - h that does not begin a syllable and r that ends one are dropped;
//   - at the end of a word t, d, th, dh meet, and so do k, g, kh and p, b;
//   - doubled letters are single, and so are d-t, t-d, b-p pairs.
//
// The price of the front-vowel class is that Manet and Manith, Sen and
// Sin, meet; the record must tell such people apart by other evidence.
func NameKey(name string) string {
	return strings.Join(NameKeys(name), "")
}

// NameKeys returns the key of each part of a name, in order, so that
// callers can match names written family-name first and given-name first
// (Sreng Khuong, Khuong Sreng) by comparing the parts as a multiset.
func NameKeys(name string) []string {
	if strings.ContainsFunc(name, txIsKhmerLetter) {
		name = Romanize(name)
	}
	var keys []string
	for _, w := range strings.FieldsFunc(nameLatinFold(name), func(r rune) bool { return r < 'a' || r > 'z' }) {
		if k := nameFoldWord(w); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// nameLatinFold lower-cases and removes Latin diacritics.
func nameLatinFold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case r < 0x80:
			b.WriteRune(r)
		default:
			if f, ok := nameAccents[r]; ok {
				b.WriteString(f)
			} else {
				b.WriteRune(' ')
			}
		}
	}
	return b.String()
}

var nameAccents = func() map[rune]string {
	m := map[rune]string{}
	for base, rs := range map[string]string{
		"a": "àáâãäåāăąÀÁÂÃÄÅĀĂĄ", "e": "èéêëēĕėęěÈÉÊËĒĔĖĘĚ", "i": "ìíîïĩīĭįÌÍÎÏĨĪĬĮ",
		"o": "òóôõöøōŏőÒÓÔÕÖØŌŎŐ", "u": "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ", "c": "çćčÇĆČ", "n": "ñńňÑŃŇ",
		"y": "ýÿÝŸ", "oe": "œŒ", "ae": "æÆ", "s": "śšŚŠ", "z": "źżžŹŻŽ", "d": "ďđĎĐ", "t": "ťŤ", "r": "řŘ", "l": "ľłĽŁ",
	} {
		for _, r := range rs {
			m[r] = base
		}
	}
	return m
}()

func nameIsVowel(b byte) bool {
	return b == 'a' || b == 'e' || b == 'i' || b == 'o' || b == 'u'
}

// nameFoldWord folds one lower-case ASCII word. The key is lower-case
// ASCII, so that search engines that fold case keep keys apart: c stands
// for ch, chh and j, q for ng (a lone c is k and a lone q is k), and each
// vowel run becomes one of a, e, o.
func nameFoldWord(w string) string {
	// 1. consonant digraphs and single-letter equivalences
	var sy []byte // symbols; vowels kept as letters for now
	for i := 0; i < len(w); {
		c := w[i]
		rest := w[i:]
		switch {
		case strings.HasPrefix(rest, "chh"):
			sy, i = append(sy, 'c'), i+3
		case strings.HasPrefix(rest, "ch") || c == 'j':
			sy = append(sy, 'c')
			if c == 'j' {
				i++
			} else {
				i += 2
			}
		case strings.HasPrefix(rest, "kh") || strings.HasPrefix(rest, "gh"):
			sy, i = append(sy, 'k'), i+2
		case strings.HasPrefix(rest, "ph") || strings.HasPrefix(rest, "bh"):
			sy, i = append(sy, 'p'), i+2
		case strings.HasPrefix(rest, "th") || strings.HasPrefix(rest, "dh"):
			if c == 'd' {
				sy = append(sy, 'd')
			} else {
				sy = append(sy, 't')
			}
			i += 2
		case strings.HasPrefix(rest, "sh"):
			sy, i = append(sy, 's'), i+2
		case strings.HasPrefix(rest, "ng"):
			sy, i = append(sy, 'q'), i+2
		case (strings.HasPrefix(rest, "nh") || strings.HasPrefix(rest, "gn")) && (i == 0 || len(rest) == 2 || !nameIsVowel(rest[2])):
			// ញ at the start or end of a word (Nhek, Banh); in the middle
			// before a vowel it is n then h (Bunheng = Bun Heng)
			sy, i = append(sy, 'n'), i+2
		case strings.HasPrefix(rest, "ny") && len(rest) > 2 && nameIsVowel(rest[2]):
			sy, i = append(sy, 'n'), i+2
		case c == 'g' || c == 'q':
			sy, i = append(sy, 'k'), i+1
		case c == 'c':
			sy, i = append(sy, 'k'), i+1
		case c == 'f':
			sy, i = append(sy, 'p'), i+1
		case c == 'w':
			sy, i = append(sy, 'v'), i+1
		case c == 'z' || c == 'x':
			sy, i = append(sy, 's'), i+1
		case c == 'y':
			// a consonant at the start of a word or before a vowel,
			// otherwise a vowel (Eysan, Many)
			if i == 0 || (i+1 < len(w) && nameIsVowel(w[i+1])) {
				sy = append(sy, 'y')
			} else {
				sy = append(sy, 'i')
			}
			i++
		default:
			sy, i = append(sy, c), i+1
		}
	}
	// 2. vowel runs to classes; h and r by position
	var out []byte
	for i := 0; i < len(sy); {
		c := sy[i]
		if nameIsVowel(c) {
			j := i
			for j < len(sy) && nameIsVowel(sy[j]) {
				j++
			}
			cls, v := nameVowelClass(string(sy[i:j]))
			out = append(out, cls)
			if v {
				out = append(out, 'v')
			}
			i = j
			continue
		}
		next := byte(0)
		if i+1 < len(sy) {
			next = sy[i+1]
		}
		switch c {
		case 'h':
			if !nameIsVowel(next) {
				i++
				continue
			}
		case 'r':
			if len(out) > 0 && nameIsClass(out[len(out)-1]) && !nameIsVowel(next) {
				i++
				continue
			}
		}
		out = append(out, c)
		i++
	}
	// 3. final consonants after the last vowel
	last := -1
	for k := len(out) - 1; k >= 0; k-- {
		if nameIsClass(out[k]) {
			last = k
			break
		}
	}
	if last >= 0 {
		for k := last + 1; k < len(out); k++ {
			switch out[k] {
			case 'd':
				out[k] = 't'
			case 'b':
				out[k] = 'p'
			}
		}
	}
	// 4. doubles and homorganic pairs
	res := out[:0]
	for _, c := range out {
		if n := len(res); n > 0 {
			p := res[n-1]
			if p == c || (p == 'd' && c == 't') || (p == 't' && c == 'd') || (p == 'b' && c == 'p') || (p == 'p' && c == 'b') {
				res[n-1] = c
				if p == 'd' || c == 'd' {
					res[n-1] = 't'
				}
				continue
			}
		}
		res = append(res, c)
	}
	return string(res)
}

func nameIsClass(c byte) bool { return c == 'a' || c == 'e' || c == 'o' }

// nameVowelClass maps a run of vowel letters to a, e or o, and reports a
// trailing o/u that stands for a final v (Khieu, Keo).
func nameVowelClass(run string) (byte, bool) {
	switch run {
	case "eo", "io", "ieu", "iu", "eau", "ieo", "aeo", "eou":
		return 'e', true
	}
	switch {
	case strings.Contains(run, "eu") || strings.Contains(run, "oe") || strings.Contains(run, "ue"):
		return 'e', false
	case strings.ContainsAny(run, "ou"):
		return 'o', false
	case strings.ContainsAny(run, "ei"):
		return 'e', false
	}
	return 'a', false
}
