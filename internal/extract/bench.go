package extract

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// Generated articles for benchmarks: invented people and events, in the
// style of the reports the extractor reads, about 2 KB each.

var (
	benchGivenEn  = []string{"Sok", "Chan", "Meas", "Keo", "Pich", "Ouk", "Nhem", "Lay", "Thy", "Heng", "Yim", "Chea", "Sorn", "Long"}
	benchNameEn   = []string{"Vannak", "Dara", "Sophorn", "Rathana", "Sreymom", "Bunthoeun", "Sokha", "Vichet", "Chanthou", "Piseth", "Sovann", "Kosal"}
	benchParties  = []string{"Candlelight Party", "Khmer Will Party", "Nation Power Party", "FUNCINPEC", "CNRP"}
	benchProvs    = []string{"Kampot", "Takeo", "Kandal", "Siem Reap", "Battambang", "Prey Veng", "Kampong Cham", "Pursat"}
	benchDays     = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
	benchFillerEn = []string{
		"The ceremony was attended by local officials, monks and several hundred residents of the district.",
		"Party officials said the new members had been disappointed by the lack of a clear policy from their former leaders.",
		"Political analysts said such ceremonies have become common in the months before national elections.",
		"The provincial working group distributed gifts of rice, noodles and cash to families who attended.",
		"Opposition leaders have questioned whether the people shown at the ceremonies were ever active members.",
		"The government has rejected criticism from rights groups, saying citizens are free to choose any party.",
		"Local residents said the road to the commune office had been repaired ahead of the visit.",
	}
	benchGivenKm  = []string{"សុខ", "ចាន់", "មាស", "កែវ", "ពេជ្រ", "អ៊ុក", "ញឹម", "ឡាយ", "ធី", "ហេង"}
	benchNameKm   = []string{"វណ្ណៈ", "តារា", "សុភ័ណ្ឌ", "រតនា", "ស្រីមុំ", "ប៊ុនធឿន", "សុខា", "វិចិត្រ"}
	benchPartyKm  = []string{"គណបក្សភ្លើងទៀន", "គណបក្សកម្លាំងជាតិ", "គណបក្សឆន្ទៈខ្មែរ", "គណបក្សហ្វ៊ុនស៊ិនប៉ិច"}
	benchProvKm   = []string{"កំពត", "តាកែវ", "កណ្តាល", "សៀមរាប", "បាត់ដំបង", "ព្រៃវែង", "កំពង់ចាម"}
	benchFillerKm = []string{
		"ពិធីនេះមានការចូលរួមពីមន្ត្រីមូលដ្ឋាន ព្រះសង្ឃ និងប្រជាពលរដ្ឋជាច្រើនរយនាក់នៅក្នុងស្រុក។",
		"មន្ត្រីគណបក្សបានឱ្យដឹងថា សមាជិកថ្មីទាំងនេះមិនពេញចិត្តនឹងការដឹកនាំរបស់មេដឹកនាំចាស់របស់ពួកគេ។",
		"អ្នកវិភាគនយោបាយបាននិយាយថា ពិធីបែបនេះបានក្លាយជារឿងធម្មតាក្នុងរយៈពេលប៉ុន្មានខែមុនការបោះឆ្នោត។",
		"ក្រុមការងារខេត្តបានចែកអំណោយជាអង្ករ មី និងថវិកាដល់គ្រួសារដែលបានចូលរួម។",
		"រដ្ឋាភិបាលបានច្រានចោលការរិះគន់ពីក្រុមសិទ្ធិមនុស្ស ដោយលើកឡើងថាពលរដ្ឋមានសិទ្ធិជ្រើសរើសគណបក្សណាមួយ។",
	}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

var khDigits = []rune("០១២៣៤៥៦៧៨៩")

func khmerNumber(n int) string {
	s := strconv.Itoa(n)
	var b strings.Builder
	for _, c := range s {
		b.WriteRune(khDigits[c-'0'])
	}
	return b.String()
}

// GenerateArticle writes one invented report of about size bytes in lang
// (km or en), reproducible from seed.
func GenerateArticle(lang string, seed uint64, size int) string {
	r := rand.New(rand.NewPCG(seed, 0x6b616d6e6f747261))
	var b strings.Builder
	for b.Len() < size {
		switch r.IntN(4) {
		case 0:
			if lang == record.LangKhmer {
				fmt.Fprintf(&b, "សមាជិក%sចំនួន %sនាក់ នៅខេត្ត%s បានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា។ ", pick(r, benchPartyKm), khmerNumber(10+r.IntN(900)), pick(r, benchProvKm))
			} else {
				fmt.Fprintf(&b, "More than %d members of the %s in %s province joined the Cambodian People's Party on %s, a party official said. ", 10+r.IntN(900), pick(r, benchParties), pick(r, benchProvs), pick(r, benchDays))
			}
		case 1:
			if lang == record.LangKhmer {
				fmt.Fprintf(&b, "លោក %s %s អតីតសកម្មជន%s ត្រូវបានសមត្ថកិច្ចចាប់ខ្លួននៅថ្ងៃទី%s។ ", pick(r, benchGivenKm), pick(r, benchNameKm), pick(r, benchPartyKm), khmerNumber(1+r.IntN(28)))
			} else {
				fmt.Fprintf(&b, "%s %s, a %s activist, was arrested by police in %s on %s. ", pick(r, benchGivenEn), pick(r, benchNameEn), pick(r, benchParties), pick(r, benchProvs), pick(r, benchDays))
			}
		default:
			if lang == record.LangKhmer {
				b.WriteString(pick(r, benchFillerKm))
			} else {
				b.WriteString(pick(r, benchFillerEn))
			}
			b.WriteByte(' ')
		}
		if r.IntN(3) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// BenchOptions configure RunBench.
type BenchOptions struct {
	Docs int // documents extracted per language and per phase
	Size int // bytes per generated article
}

// baselineRe is the comparison scan: one precompiled regexp over the text,
// as a cheap extractor would use to find numbers and capitalised words.
var baselineRe = regexp.MustCompile(`[0-9០-៩][0-9,០-៩]*|[A-Z][a-z]+`)

// RunBench measures extraction on generated articles in both languages,
// one core, against two baselines measured in the same run (sentence
// splitting alone and a regexp scan of the same texts), and prints docs/s,
// the ratios, allocations per document and the live heap as documents
// accumulate, which must stay flat.
func RunBench(ctx context.Context, w io.Writer, opt BenchOptions) error {
	if opt.Docs <= 0 {
		opt.Docs = 5000
	}
	if opt.Size <= 0 {
		opt.Size = 2048
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	const distinct = 500
	fmt.Fprintf(w, "kamnotra bench extract: %d documents of ~%d bytes per language, GOMAXPROCS=1, %s\n\n", opt.Docs, opt.Size, runtime.Version())
	fmt.Fprintf(w, "docs/s per core is documents over the process's CPU time (the machine is shared,\nso wall-clock rates, shown too, understate it when other work runs)\n\n")
	fmt.Fprintf(w, "%-4s %-22s %14s %12s %10s %12s %12s\n", "lang", "phase", "docs/s (core)", "docs/s wall", "MB/s core", "allocs/doc", "bytes/doc")
	for _, lang := range []string{record.LangEnglish, record.LangKhmer} {
		docs := make([]Input, distinct)
		total := 0
		for i := range docs {
			docs[i] = Input{Text: GenerateArticle(lang, uint64(i), opt.Size), Published: time.Date(2024, 3, 12, 0, 0, 0, 0, time.UTC), Outlet: "Bench Daily"}
			total += len(docs[i].Text)
		}
		avg := float64(total) / distinct
		Extract(docs[0]) // load the gazetteer outside the timings
		sink := 0
		phases := []struct {
			name string
			fn   func(in Input)
		}{
			{"baseline: regexp scan", func(in Input) { sink += len(baselineRe.FindAllStringIndex(in.Text, -1)) }},
			{"baseline: sentences", func(in Input) { sink += len(SplitSentences(in.Text)) }},
			{"extract", func(in Input) { sink += len(Extract(in)) }},
		}
		rates := make([]float64, len(phases))
		for pi, ph := range phases {
			if err := ctx.Err(); err != nil {
				return err
			}
			runtime.GC()
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			c0 := cpuTime()
			start := time.Now()
			for i := 0; i < opt.Docs; i++ {
				ph.fn(docs[i%distinct])
			}
			el := time.Since(start)
			cpu := cpuTime() - c0
			runtime.ReadMemStats(&m1)
			if cpu <= 0 {
				cpu = el
			}
			rates[pi] = float64(opt.Docs) / cpu.Seconds()
			fmt.Fprintf(w, "%-4s %-22s %14.0f %12.0f %10.1f %12.1f %12.0f\n", lang, ph.name, rates[pi], float64(opt.Docs)/el.Seconds(), rates[pi]*avg/1e6,
				float64(m1.Mallocs-m0.Mallocs)/float64(opt.Docs), float64(m1.TotalAlloc-m0.TotalAlloc)/float64(opt.Docs))
		}
		fmt.Fprintf(w, "%-4s extract is %.2fx the regexp scan's time and %.2fx sentence splitting's\n", lang, rates[0]/rates[2], rates[1]/rates[2])
		// Heap after N documents, with the events of each kept only until
		// the next: it must not grow with N.
		fmt.Fprintf(w, "%-4s live heap after", lang)
		for _, n := range []int{opt.Docs / 4, opt.Docs / 2, opt.Docs} {
			runtime.GC()
			for i := 0; i < n; i++ {
				sink += len(Extract(docs[i%distinct]))
			}
			runtime.GC()
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			fmt.Fprintf(w, "  %d docs: %.1f MiB", n, float64(m.HeapAlloc)/(1<<20))
		}
		fmt.Fprintf(w, "\n\n")
		_ = sink
	}
	return nil
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
