package khmer

import (
	"strings"
	"testing"
	"time"
)

// datesTestPub is a Wednesday.
var datesTestPub = time.Date(2023, 8, 2, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))

func TestDateString(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		want string
	}{
		{Date{2023, 7, 23, PrecisionDay}, "2023-07-23"},
		{Date{2023, 7, 0, PrecisionMonth}, "2023-07"},
		{Date{2023, 0, 0, PrecisionYear}, "2023"},
		{Date{}, ""},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		pub  time.Time
		want string // "" for no date
	}{
		// Khmer, full
		{"ថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣", datesTestPub, "2023-07-23"},
		{"ថ្ងៃទី 23 ខែកក្កដា ឆ្នាំ 2023", datesTestPub, "2023-07-23"},
		{"ថ្ងៃទី២៣ខែកក្កដាឆ្នាំ២០២៣", datesTestPub, "2023-07-23"},
		{"ថ្ងៃទី ២៣ ខែ កក្កដា ឆ្នាំ ២០២៣", datesTestPub, "2023-07-23"},
		{"ថ្ងៃទី២៣ កក្កដា ២០២៣", datesTestPub, "2023-07-23"},
		{"ទី២៣ ខែកក្កដា ឆ្នាំ២០២៣", datesTestPub, "2023-07-23"},
		{"២៣ កក្កដា ២០២៣", datesTestPub, "2023-07-23"},
		{"ថ្ងៃសៅរ៍ ទី២៩ ខែកក្កដា ឆ្នាំ២០២៣", datesTestPub, "2023-07-29"},
		{"ថ្ងៃសៅរ ទី៥ ខែសីហា ឆ្នាំ២០២៣", datesTestPub, "2023-08-05"},
		{"ថ្ងៃទី១ ខែកុម្ភៈ ឆ្នាំ២០២៤", datesTestPub, "2024-02-01"},
		{"ថ្ងៃទី២៩ ខែកុម្ភៈ ឆ្នាំ២០២៣", datesTestPub, ""}, // not a leap year
		{"ថ្ងៃទី២៤ ធ្នូ ឆ្នាំ២០២១ខាងនេះ", datesTestPub, "2021-12-24"},
		// Khmer, month and year
		{"ខែកក្កដា ឆ្នាំ២០២៣", datesTestPub, "2023-07"},
		{"ខែ មករា ឆ្នាំ ២០២២", datesTestPub, "2022-01"},
		{"ខែវិច្ឆិកា ២០១៧", datesTestPub, "2017-11"},
		{"ឆ្នាំ២០២៣", datesTestPub, "2023"},
		{"ឆ្នាំ ២០១៧", time.Time{}, "2017"},
		// Khmer, year taken from publication
		{"ថ្ងៃទី៩ ខែកក្កដា", datesTestPub, "2023-07-09"},
		{"ថ្ងៃទី២៥ ខែធ្នូ", datesTestPub, "2022-12-25"}, // most recent on or before
		{"ខែមិថុនា", datesTestPub, "2023-06"},
		{"ខែកញ្ញា", datesTestPub, "2022-09"},
		{"ខែវិច្ឆិកានេះ", datesTestPub, "2023-11"},
		{"ថ្ងៃទី២០ ខែវិច្ឆិកានេះ", datesTestPub, "2023-11-20"},
		{"ថ្ងៃទី២៤ ខែធ្នូ ខាងមុខនេះ", datesTestPub, "2023-12-24"},
		{"ខែធ្នូ ខាងមុខ", datesTestPub, "2023-12"},
		{"ថ្ងៃទី២៣ ខែនេះ", datesTestPub, "2023-08-23"},
		{"ថ្ងៃទី២៣ ខែមុន", datesTestPub, "2023-07-23"},
		{"ថ្ងៃទី៩ ខែកក្កដា", time.Time{}, ""},
		{"ខែសីហា ឆ្នាំមុន", datesTestPub, "2022-08"},
		{"ថ្ងៃទី២៣ ខែ០៧ ឆ្នាំ២០២៣", datesTestPub, "2023-07-23"},
		{"ថ្ងៃទី ៩ ខែ ១១ ឆ្នាំ ២០២៣", time.Time{}, "2023-11-09"},
		{"ខែ០៧ ឆ្នាំ២០២៣", datesTestPub, "2023-07"},
		{"ថ្ងៃទី២៣ ខែ០៧", datesTestPub, ""}, // a month in figures needs its year
		{"កាលពីថ្ងៃទី២៧", datesTestPub, "2023-07-27"},
		{"កាលពីថ្ងៃទី១", datesTestPub, "2023-08-01"},
		{"កាលពីព្រឹកថ្ងៃទី៣១", datesTestPub, "2023-07-31"},
		{"ថ្ងៃទី២៧ នេះ", datesTestPub, "2023-08-27"},
		{"ថ្ងៃទី២៧", datesTestPub, ""}, // nothing places it
		// figures
		{"២៣/០៧/២០២៣", datesTestPub, "2023-07-23"},
		{"23-07-2023", datesTestPub, "2023-07-23"},
		{"23.07.2023", datesTestPub, "2023-07-23"},
		{"2023-07-23", time.Time{}, "2023-07-23"},
		{"07/23/2023", datesTestPub, "2023-07-23"},
		{"5/3/2021", datesTestPub, "2021-03-05"}, // day first
		{"31/02/2023", datesTestPub, ""},
		// English
		{"July 23, 2023", datesTestPub, "2023-07-23"},
		{"July 23 2023", datesTestPub, "2023-07-23"},
		{"23 July 2023", datesTestPub, "2023-07-23"},
		{"23rd July, 2023", datesTestPub, "2023-07-23"},
		{"the 23rd of July 2023", datesTestPub, "2023-07-23"},
		{"Tuesday, July 25, 2023", datesTestPub, "2023-07-25"},
		{"Sept. 5, 2022", datesTestPub, "2022-09-05"},
		{"Jan. 22", datesTestPub, "2023-01-22"},
		{"July 9", datesTestPub, "2023-07-09"},
		{"Dec 25", datesTestPub, "2022-12-25"},
		{"July 9", time.Time{}, ""},
		{"July 2023", datesTestPub, "2023-07"},
		{"November, 2017", datesTestPub, "2017-11"},
		{"Sunday, 9 April 2023", datesTestPub, "2023-04-09"},
		{"August last year", datesTestPub, "2022-08"},
		{"July 23 next year", datesTestPub, "2024-07-23"},
		{"the June commune elections", datesTestPub, ""}, // whole string is not one date
		// relative, Khmer
		{"ម្សិលមិញ", datesTestPub, "2023-08-01"},
		{"កាលពីម្សិលមិញ", datesTestPub, "2023-08-01"},
		{"ថ្ងៃនេះ", datesTestPub, "2023-08-02"},
		{"ព្រឹកនេះ", datesTestPub, "2023-08-02"},
		{"កាលពីថ្ងៃអង្គារ", datesTestPub, "2023-08-01"},
		{"ថ្ងៃច័ន្ទ", datesTestPub, "2023-07-31"},
		{"ព្រឹកថ្ងៃច័ន្ទ", datesTestPub, "2023-07-31"},
		{"ថ្ងៃពុធ", datesTestPub, "2023-08-02"},
		{"ថ្ងៃពុធមុន", datesTestPub, "2023-07-26"},
		{"ថ្ងៃពុធសប្តាហ៍មុន", datesTestPub, "2023-07-26"},
		{"ថ្ងៃសុក្រក្រោយ", datesTestPub, "2023-08-04"},
		{"សប្តាហ៍មុន", datesTestPub, "2023-07"}, // 24–30 July
		{"សប្ដាហ៍មុន", datesTestPub, "2023-07"}, // subscript DA spelling
		{"សប្តាហ៍នេះ", datesTestPub, "2023"},    // 31 July – 2 August
		{"ខែមុន", datesTestPub, "2023-07"},
		{"ខែនេះ", datesTestPub, "2023-08"},
		{"ដើមខែនេះ", datesTestPub, "2023-08"},
		{"ឆ្នាំមុន", datesTestPub, "2022"},
		{"ឆ្នាំនេះ", datesTestPub, "2023"},
		{"៣ ថ្ងៃមុន", datesTestPub, "2023-07-30"},
		{"៦ខែមុន", datesTestPub, "2023-02"},
		{"ពីរឆ្នាំមុន", datesTestPub, "2021"},
		{"ម្សិលមិញ", time.Time{}, ""},
		// relative, English
		{"yesterday", datesTestPub, "2023-08-01"},
		{"Yesterday", datesTestPub, "2023-08-01"},
		{"today", datesTestPub, "2023-08-02"},
		{"this morning", datesTestPub, "2023-08-02"},
		{"on Tuesday", datesTestPub, "2023-08-01"},
		{"Monday", datesTestPub, "2023-07-31"},
		{"last Wednesday", datesTestPub, "2023-07-26"},
		{"next Friday", datesTestPub, "2023-08-04"},
		{"last week", datesTestPub, "2023-07"},
		{"last month", datesTestPub, "2023-07"},
		{"earlier this month", datesTestPub, "2023-08"},
		{"earlier this year", datesTestPub, "2023"},
		{"last year", datesTestPub, "2022"},
		{"last weekend", datesTestPub, "2023-07"},     // 29–30 July
		{"over the weekend", datesTestPub, "2023-07"}, // the same weekend
		{"ចុងសប្តាហ៍មុន", datesTestPub, "2023-07"},
		{"over the weekend", time.Date(2023, 9, 2, 0, 0, 0, 0, time.UTC), "2023-09-02"}, // said on Saturday
		{"last weekend", time.Date(2023, 10, 2, 0, 0, 0, 0, time.UTC), "2023"},          // 30 Sep – 1 Oct: only the year holds both
		{"in June", datesTestPub, "2023-06"},
		{"in September", datesTestPub, "2022-09"},
		{"mid-June", datesTestPub, "2023-06"},
		{"last July", datesTestPub, "2023-07"}, // the most recent July before this month
		{"last September", datesTestPub, "2022-09"},
		{"in 2019", datesTestPub, "2019"},
		{"since 2017", time.Time{}, "2017"},
		{"three days ago", datesTestPub, "2023-07-30"},
		{"two years ago", datesTestPub, "2021"},
		{"a month ago", datesTestPub, "2023-07"},
		{"yesterday", time.Time{}, ""},
		// Buddhist Era
		{"ព.ស.២៥៦៧", datesTestPub, "2023"},
		{"ព.ស. ២៥៦៧", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), "2024"},
		{"ព.ស.២៥៦៧", time.Time{}, "2023"},
		// lunar
		{"ថ្ងៃព្រហស្បតិ៍ ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៦", time.Time{}, "2023-04-27"},
		{"៨កើត ខែពិសាខ ព.ស.២៥៦៦", time.Time{}, "2023-04-27"},
		{"១៥កើត ខែពិសាខ ព.ស.២៥៦៨", time.Time{}, "2025-05-11"}, // Visakha Bochea ends its BE year
		{"១រោច ខែពិសាខ ព.ស.២៥៦៨", time.Time{}, "2024-05-23"},
		{"ថ្ងៃសៅរ៍ ៥កើត ខែចែត្រ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨", time.Time{}, "2024-04-13"}, // almanacs name the new year's BE
		{"ថ្ងៃពុធ ១៥រោច ខែភទ្របទ ឆ្នាំរោង ឆស័ក ព.ស.២៥៦៨", time.Time{}, "2024-10-02"},
		{"១៥រោច ខែភទ្របទ", time.Date(2023, 10, 20, 0, 0, 0, 0, time.UTC), "2023-10-14"},
		{"១៥រោច ខែភទ្របទ", time.Time{}, ""},
		// Printed BE years on Visakha Bochea differ between offices: both read.
		{"ថ្ងៃអាទិត្យ ១៥កើត ខែពិសាខ ឆ្នាំខាល ចត្វាស័ក ព.ស២៥៦៥", time.Time{}, "2022-05-15"},
		{"ថ្ងៃ១៥កើត ខែពិសាខ ឆ្នាំឆ្លូវ ត្រីស័ក ព.ស.២៥៦៥", time.Time{}, "2021-04-26"},
		{"៦កើត ខែទុតិយាសាឍ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧", time.Time{}, "2023-07-23"},
		// Not dates
		{"០៩ ឆ្នាំ និង ៦ ខែ", datesTestPub, ""},
		{"កញ្ញា សុខ ស្រីនាង", datesTestPub, ""},
		{"តុលាការកំពូល", datesTestPub, ""},
		{"1.5", datesTestPub, ""},
		{"it may rain", datesTestPub, ""},
		{"the 2023 election", datesTestPub, ""},
		{"", datesTestPub, ""},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in, tt.pub)
		if (tt.want == "") != !ok || got.String() != tt.want {
			t.Errorf("ParseDate(%q, %s) = %q, %v; want %q", tt.in, tt.pub.Format("2006-01-02"), got.String(), ok, tt.want)
		}
	}
}

// The weekday the brief of a document may print can disagree with the
// other parts; when the BE points one way and the animal year and ស័ក the
// other, the reading that agrees with more of the date wins.
func TestLunarDateTieBreak(t *testing.T) {
	// 8 កើត ពិសាខ of the ថោះ year is 27 April 2023 (a Thursday). Under the
	// Visakha rule that day is still BE 2566; a writer who turns the BE at
	// New Year prints 2567. The printed Monday matches neither day.
	got, ok := ParseDate("ថ្ងៃច័ន្ទ ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧", time.Time{})
	if !ok || got.String() != "2023-04-27" {
		t.Errorf("got %v %v, want 2023-04-27", got, ok)
	}
}

func TestFindDatesInText(t *testing.T) {
	text := "កាលពីព្រឹកថ្ងៃទី ២ ខែវិច្ឆិកា ឆ្នាំ ២០២១ គណបក្សបានប្រជុំ ហើយម្សិលមិញ លោក សុខ ដារ៉ា ត្រូវបានតែងតាំង។ " +
		"He left on July 9 and resigned on Tuesday, according to a letter dated 23/07/2023."
	want := []struct {
		text, date string
		kind       DateKind
	}{
		{"ថ្ងៃទី ២ ខែវិច្ឆិកា ឆ្នាំ ២០២១", "2021-11-02", DateAbsolute},
		{"ម្សិលមិញ", "2023-08-01", DateRelative},
		{"July 9", "2023-07-09", DateAbsolute},
		{"Tuesday", "2023-08-01", DateRelative},
		{"23/07/2023", "2023-07-23", DateAbsolute},
	}
	got := FindDates(text, datesTestPub)
	if len(got) != len(want) {
		t.Fatalf("FindDates: %d matches %+v, want %d", len(got), got, len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Text != w.text || text[g.Start:g.End] != w.text || g.Date.String() != w.date || g.Kind != w.kind {
			t.Errorf("match %d = %q %s %s, want %q %s %s", i, g.Text, g.Date, g.Kind, w.text, w.date, w.kind)
		}
	}
}

func TestFindDatesRange(t *testing.T) {
	got := FindDates("ចាប់ពីថ្ងៃទី៤ ដល់ថ្ងៃទី៦ ខែមីនា ឆ្នាំ២០២២", datesTestPub)
	if len(got) != 2 || got[0].Text != "ថ្ងៃទី៤" || got[0].Date.String() != "2022-03-04" || got[1].Date.String() != "2022-03-06" {
		t.Errorf("FindDates(range) = %+v", got)
	}
}

func TestFindDatesDoesNotTakeDurations(t *testing.T) {
	for _, text := range []string{
		"ដាក់ពន្ធនាគារ កំណត់ ០៩ ឆ្នាំ និង ៦ ខែ",
		"រយៈពេល៣ថ្ងៃ",
		"sentenced to 2 years in prison",
		"៣ ថ្ងៃមុនការបោះឆ្នោត", // before the vote, not before publication
	} {
		if got := FindDates(text, datesTestPub); len(got) != 0 {
			t.Errorf("FindDates(%q) = %+v, want none", text, got)
		}
	}
}

func FuzzFindDates(f *testing.F) {
	for _, s := range []string{
		"ថ្ងៃទី២៣ ខែកក្កដា ឆ្នាំ២០២៣", "ថ្ងៃច័ន្ទ ៨កើត ខែពិសាខ ឆ្នាំថោះ បញ្ចស័ក ព.ស.២៥៦៧", "២៣/០៧/២០២៣",
		"July 23, 2023", "on Tuesday", "last week", "៣ ថ្ងៃមុន", "ខែវិច្ឆិកានេះ", "ព.ស.២៥៦៧", "Jan. 22",
		"ថ្ងៃ\u200bទី២៣", "២៩/០២/២០២៤", "the 31st of February",
	} {
		f.Add(s, int64(1690945200))
	}
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		var p time.Time
		if unix%7 != 0 {
			p = time.Unix(unix%(1<<33), 0).UTC()
		}
		ms := FindDates(text, p)
		prev := 0
		for _, m := range ms {
			numCheckSpans(t, text, "FindDates", [2]int{m.Start, m.End})
			if m.Start < prev || m.Start == m.End {
				t.Fatalf("bad order or empty match: %+v", ms)
			}
			prev = m.End
			if m.Text != text[m.Start:m.End] {
				t.Fatalf("Text %q is not text[%d:%d]", m.Text, m.Start, m.End)
			}
			d := m.Date
			if d.IsZero() {
				t.Fatalf("zero date in %+v", m)
			}
			if d.Precision >= PrecisionMonth && (d.Month < 1 || d.Month > 12) {
				t.Fatalf("bad month in %+v", m)
			}
			if d.Precision == PrecisionDay && !dateValid(d.Year, d.Month, d.Day) {
				t.Fatalf("bad day in %+v", m)
			}
			if p.IsZero() && m.Kind == DateRelative {
				t.Fatalf("relative date without publication: %+v", m)
			}
		}
		ParseDate(text, p)
	})
}

// benchText mixes Khmer and English news prose with dates and numbers.
var benchText = strings.Repeat("កាលពីព្រឹកថ្ងៃទី ២ ខែវិច្ឆិកា ឆ្នាំ ២០២១ គណបក្សបានប្រជុំ ហើយម្សិលមិញ អ្នកនាំពាក្យបានប្រកាសថា សមាជិកជាង ១.៦០០ នាក់ និងអ្នកភូមិប្រាំមួយរយនាក់ បានចូលរួម។ "+
	"He left on July 9 and resigned on Tuesday, according to a letter dated 23/07/2023; more than 600 members and about 1.2 million voters. ", 40)

// BenchmarkBaselineRuneLoop decodes every rune of benchText once: the
// floor any scanner of this text pays, to compare the others with.
func BenchmarkBaselineRuneLoop(b *testing.B) {
	n := 0
	benchCPU(b, len(benchText), func() {
		for _, r := range benchText {
			if r == '0' {
				n++
			}
		}
	})
	_ = n
}

func BenchmarkFindDates(b *testing.B) {
	benchCPU(b, len(benchText), func() { FindDates(benchText, datesTestPub) })
}
