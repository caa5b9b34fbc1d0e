// Package searchbench measures the search backends on generated corpora:
// mixed Khmer/English news-like documents whose words follow a Zipf-like
// law, so a few terms are in most documents and most terms in few. Every
// figure is reported beside a baseline measured in the same run — the
// engine's own query on the same terms — because this machine is shared
// and noisy.
//
// The word lists are the package's own: common Khmer and English news
// vocabulary, public facts (provinces, parties) and invented people.
package searchbench

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kamnotra/kamnotra/internal/search"
)

// Common Khmer news words, most frequent roughly first.
var khmerWords = strings.Fields(`
បាន នៅ និង ដែល ជា ថា របស់ ក្នុង ពី ទៅ មាន នេះ លោក ដើម្បី ការ ក្រោយ ហើយ តាម ទាំង ឲ្យ
ក្រសួង រដ្ឋាភិបាល មន្ត្រី គណបក្ស ប្រជាជន កម្ពុជា ខេត្ត ស្រុក ឃុំ ភូមិ ប្រធាន សមាជិក
នយោបាយ បោះឆ្នោត រដ្ឋសភា ព្រឹទ្ធសភា តុលាការ ចាប់ខ្លួន នគរបាល សកម្មជន អ្នកកាសែត
សេដ្ឋកិច្ច កសិកម្ម អប់រំ សុខាភិបាល ផ្លូវ ស្ពាន ទឹក អគ្គិសនី ដីធ្លី ព្រៃឈើ ទន្លេ ត្រី ស្រូវ
កម្មករ រោងចក្រ ធនាគារ ប្រាក់ ថវិកា គម្រោង អភិវឌ្ឍន៍ ប្រជុំ សេចក្ដីថ្លែងការណ៍ ច្បាប់ សិទ្ធិ
មនុស្ស ស្ត្រី កុមារ យុវជន សាលារៀន មន្ទីរពេទ្យ ជំងឺ វិនិយោគ ពាណិជ្ជកម្ម នាំចេញ នាំចូល
ព្រំដែន ជំនួយ ប្រកាស តែងតាំង លាលែង ចូលរួម រត់ចោល ចុះឈ្មោះ ប្រឆាំង គាំទ្រ រិះគន់
ឆ្លើយតប បញ្ជាក់ បដិសេធ ស្នើសុំ អនុម័ត ចុះហត្ថលេខា កិច្ចព្រមព្រៀង ទេសចរណ៍ ភ្ញៀវ
អាកាសធាតុ ទឹកជំនន់ រាំងស្ងួត អភិបាល អនុប្រធាន រដ្ឋមន្ត្រី លេខាធិការ នាយកដ្ឋាន
មេឃុំ ចៅសង្កាត់ ក្រុមប្រឹក្សា សង្កាត់ សន្និសីទ កាសែត វិទ្យុ ទូរទស្សន៍ បណ្ដាញសង្គម
ពន្ធ គយ ឧស្សាហកម្ម សំណង់ អចលនទ្រព្យ ការងារ ប្រាក់ខែ សហជីព បាតុកម្ម កូដកម្ម
ឧក្រិដ្ឋកម្ម ពុករលួយ ស៊ើបអង្កេត ចោទប្រកាន់ ពិរុទ្ធជន ពន្ធនាគារ មេធាវី ចៅក្រម
`)

// Common English news words, most frequent roughly first.
var englishWords = strings.Fields(`
said government minister party people cambodia province district commune village
president member political election national assembly senate court arrested police
activist journalist economy agriculture education health road bridge water electricity
land forest river fish rice worker factory bank money budget project development
meeting statement law rights human women children youth school hospital disease
investment trade export import border aid announced appointed resigned joined
defected registered opposition supported criticised responded confirmed denied
requested approved signed agreement tourism visitors weather flood drought governor
deputy secretary department chief council conference newspaper radio television
social media tax customs industry construction property labour salary union protest
strike crime corruption investigation charged suspect prison lawyer judge week
monday tuesday wednesday thursday friday official officials told reporters according
local authorities villagers residents company companies million dollars percent year
months ministry spokesman chairman leader leaders former new public services plan
`)

// Provinces and parties: public facts, in both scripts.
var khmerPlaces = strings.Fields(`ភ្នំពេញ កំពង់ចាម សៀមរាប បាត់ដំបង កណ្ដាល តាកែវ ព្រៃវែង ស្វាយរៀង កំពត កែប
ព្រះសីហនុ កោះកុង ពោធិ៍សាត់ កំពង់ឆ្នាំង កំពង់ស្ពឺ កំពង់ធំ ព្រះវិហារ ស្ទឹងត្រែង រតនគិរី
មណ្ឌលគិរី ក្រចេះ ឧត្តរមានជ័យ បន្ទាយមានជ័យ ប៉ៃលិន ត្បូងឃ្មុំ`)

var englishPlaces = []string{"Phnom Penh", "Kampong Cham", "Siem Reap", "Battambang", "Kandal", "Takeo",
	"Prey Veng", "Svay Rieng", "Kampot", "Kep", "Preah Sihanouk", "Koh Kong", "Pursat", "Kampong Chhnang",
	"Kampong Speu", "Kampong Thom", "Preah Vihear", "Stung Treng", "Ratanakiri", "Mondulkiri", "Kratie",
	"Oddar Meanchey", "Banteay Meanchey", "Pailin", "Tbong Khmum"}

var khmerParties = []string{"គណបក្សប្រជាជនកម្ពុជា", "គណបក្សភ្លើងទៀន", "គណបក្សហ្វ៊ុនស៊ិនប៉ិច", "គណបក្សឈូក"}
var englishParties = []string{"Cambodian People's Party", "Candlelight Party", "Funcinpec", "Lotus Party"}

// Invented people: family and given names in both scripts, paired by index.
var (
	khmerFamily   = strings.Fields(`ស៊ុន ចាន់ សុខ កែវ ហេង លី ម៉ៅ អ៊ុំ ឈឹម ព្រាប យឹម ទេព`)
	latinFamily   = strings.Fields(`Sun Chan Sok Keo Heng Ly Mao Um Chhim Preap Yim Tep`)
	khmerGiven    = strings.Fields(`ដារ៉ា សុភា វណ្ណា រតនា សំណាង បូរ៉ា ចន្ថា ពិសិដ្ឋ ស្រីមុំ វិចិត្រ សុវណ្ណ គន្ធា`)
	latinGiven    = strings.Fields(`Dara Sophea Vanna Rathana Samnang Bora Chantha Piseth Sreymom Vichet Sovann Kanha`)
	khmerDigits   = []rune("០១២៣៤៥៦៧៨៩")
	khmerInitials = []rune("កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ")
	khmerVowels   = []string{"ា", "ិ", "ី", "ឹ", "ឺ", "ុ", "ូ", "ួ", "ើ", "ៀ", "េ", "ែ", "ៃ", "ោ", "ៅ", "ំ", "ាំ", ""}
	latinOnsets   = strings.Fields(`b ch d h k kh l m n ng p ph r s t th v y`)
	latinNuclei   = strings.Fields(`a ae ai ao e ea ei eu i ia o oa ou u ue`)
)

// vocabSize is the number of distinct words of each language; the real
// words take the top ranks and made-up ones (names of companies, rare
// places, technical words) fill the long tail.
const vocabSize = 30000

// Vocab is one language's ranked words.
type Vocab struct {
	Words []string
	zipf  *rand.Zipf
}

func khmerSyllable(r *rand.Rand) string {
	return string(khmerInitials[r.IntN(len(khmerInitials))]) + khmerVowels[r.IntN(len(khmerVowels))] +
		string(khmerInitials[r.IntN(len(khmerInitials))])
}

func latinSyllable(r *rand.Rand) string {
	return latinOnsets[r.IntN(len(latinOnsets))] + latinNuclei[r.IntN(len(latinNuclei))] + latinOnsets[r.IntN(len(latinOnsets))]
}

func makeVocab(seed uint64, real []string, syllable func(*rand.Rand) string) []string {
	r := rand.New(rand.NewPCG(seed, 7))
	seen := map[string]bool{}
	out := make([]string, 0, vocabSize)
	for _, w := range real {
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for len(out) < vocabSize {
		w := syllable(r) + syllable(r)
		if r.IntN(3) == 0 {
			w += syllable(r)
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// Corpus generates documents deterministically: document i is the same
// in every run with the same seed and size.
type Corpus struct {
	N       int
	Seed    uint64
	Khmer   []string // ranked
	English []string // ranked
	start   time.Time
	span    time.Duration
}

// NewCorpus returns a corpus of n documents.
func NewCorpus(n int, seed uint64) *Corpus {
	return &Corpus{
		N: n, Seed: seed,
		Khmer:   makeVocab(seed^0x6b6d, khmerWords, khmerSyllable),
		English: makeVocab(seed^0x656e, englishWords, latinSyllable),
		start:   time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC),
		span:    12 * 365 * 24 * time.Hour,
	}
}

// zipfS is the exponent: with 1.07 over 30,000 words the top word is
// about 10% of running text and half the vocabulary occurs in fewer than
// 1 in 10,000 documents, close to newspaper text.
const zipfS = 1.07

func (c *Corpus) rng(i int) *rand.Rand { return rand.New(rand.NewPCG(c.Seed, uint64(i)+1)) }

func newZipf(r *rand.Rand) *rand.Zipf { return rand.NewZipf(r, zipfS, 2, vocabSize-1) }

func khmerNumber(n int) string {
	s := []rune(fmt.Sprint(n))
	for i, d := range s {
		s[i] = khmerDigits[d-'0']
	}
	return string(s)
}

// person returns an invented person's Khmer and Latin names.
func person(r *rand.Rand) (km, en string) {
	// Few family names, many combinations: some people are in the news
	// every day, most rarely.
	f := min(int(r.ExpFloat64()*3), len(khmerFamily)-1)
	g := min(int(r.ExpFloat64()*4), len(khmerGiven)-1)
	return khmerFamily[f] + " " + khmerGiven[g], latinFamily[f] + " " + latinGiven[g]
}

// Doc returns document i.
func (c *Corpus) Doc(i int) search.Doc {
	r := c.rng(i)
	z := newZipf(r)
	lang := "km"
	switch x := r.IntN(20); {
	case x >= 16:
		lang = "mixed"
	case x >= 9:
		lang = "en"
	}
	prov := r.IntN(len(khmerPlaces))
	party := r.IntN(len(khmerParties))
	var title, body strings.Builder
	kmSentence := func(b *strings.Builder, words int) {
		for w := 0; w < words; w++ {
			switch x := r.IntN(40); {
			case x == 0:
				km, _ := person(r)
				b.WriteString(" លោក " + km + " ")
			case x == 1:
				b.WriteString("ខេត្ត" + khmerPlaces[prov])
			case x == 2:
				b.WriteString(khmerParties[party])
			case x == 3:
				b.WriteString(" " + khmerNumber(r.IntN(3000)) + " ")
			default:
				b.WriteString(c.Khmer[z.Uint64()])
			}
			// Khmer writes phrases without spaces between words.
			if r.IntN(5) == 0 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(" ។ ")
	}
	enSentence := func(b *strings.Builder, words int, glossKhmer bool) {
		for w := 0; w < words; w++ {
			if w > 0 {
				b.WriteByte(' ')
			}
			switch x := r.IntN(40); {
			case x == 0:
				km, en := person(r)
				b.WriteString(en)
				if glossKhmer {
					b.WriteString(" (" + km + ")")
				}
			case x == 1:
				b.WriteString(englishPlaces[prov])
			case x == 2:
				b.WriteString(englishParties[party])
				if glossKhmer {
					b.WriteString(" (" + khmerParties[party] + ")")
				}
			case x == 3:
				fmt.Fprint(b, r.IntN(3000))
			case glossKhmer && x < 8:
				b.WriteString(c.Khmer[z.Uint64()])
			default:
				b.WriteString(c.English[z.Uint64()])
			}
		}
		b.WriteString(". ")
	}
	const target = 1500
	switch lang {
	case "km":
		kmSentence(&title, 6)
		for body.Len() < target {
			kmSentence(&body, 8+r.IntN(12))
		}
	case "en":
		enSentence(&title, 8, false)
		for body.Len() < target {
			enSentence(&body, 10+r.IntN(15), false)
		}
	default:
		enSentence(&title, 8, true)
		for body.Len() < target {
			if r.IntN(2) == 0 {
				kmSentence(&body, 8+r.IntN(10))
			} else {
				enSentence(&body, 10+r.IntN(15), true)
			}
		}
	}
	// Dates spread evenly over the span, newest last, as a crawl of an
	// archive would add them.
	date := c.start.Add(time.Duration(float64(c.span) * float64(i) / float64(max(c.N, 1)))).Truncate(24 * time.Hour)
	outlet := r.IntN(20)
	facets := map[string][]string{
		search.FacetLang:       {lang},
		search.FacetOutlet:     {fmt.Sprintf("outlet-%02d", outlet)},
		search.FacetOutletKind: {[]string{"official", "pro-government", "independent", "monitor"}[outlet%4]},
		search.FacetProvince:   {fmt.Sprintf("kh-%02d", prov+1)},
	}
	return search.Doc{
		ID:     fmt.Sprintf("doc-%07d", i),
		Kind:   search.KindDocument,
		Title:  strings.TrimSpace(title.String()),
		Text:   strings.TrimSpace(body.String()),
		Date:   date,
		Facets: facets,
	}
}
