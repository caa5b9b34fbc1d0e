package khmer

import (
	"slices"
	"strings"
	"testing"
)

func TestStripTitles(t *testing.T) {
	tests := []struct {
		in     string
		bare   string
		titles []Title
	}{
		{"ឯកឧត្តម ហ៊ុន ម៉ាណែត", "ហ៊ុន ម៉ាណែត", []Title{{"ឯកឧត្តម", RoleMinisterRank}}},
		{"ឯកឧត្ដម ប្រាក់ សុខុន", "ប្រាក់ សុខុន", []Title{{"ឯកឧត្ដម", RoleMinisterRank}}},
		{"ឯកឧត្តម បណ្ឌិត ហង់ ជួន ណារ៉ុន", "ហង់ ជួន ណារ៉ុន", []Title{{"ឯកឧត្តម", RoleMinisterRank}, {"បណ្ឌិត", RoleAcademic}}},
		{"សម្ដេចតេជោ ហ៊ុន សែន", "ហ៊ុន សែន", []Title{{"សម្ដេចតេជោ", RoleSamdech}}},
		{"សម្តេចអគ្គមហាសេនាបតីតេជោ ហ៊ុន សែន", "ហ៊ុន សែន", []Title{{"សម្តេចអគ្គមហាសេនាបតីតេជោ", RoleSamdech}}},
		{"សម្តេចហ៊ុន សែន", "ហ៊ុន សែន", []Title{{"សម្តេច", RoleSamdech}}},
		{"លោកជំទាវ ម៉ែន សំអន", "ម៉ែន សំអន", []Title{{"លោកជំទាវ", RoleMinisterRank}}},
		{"អ្នកឧកញ៉ា លី យ៉ុងផាត់", "លី យ៉ុងផាត់", []Title{{"អ្នកឧកញ៉ា", RoleOknha}}},
		{"ឧកញ៉ា ស៊ុយ សុភាព", "ស៊ុយ សុភាព", []Title{{"ឧកញ៉ា", RoleOknha}}},
		{"ឧត្តមសេនីយ៍ឯក សុខ ភារម្យ", "សុខ ភារម្យ", []Title{{"ឧត្តមសេនីយ៍ឯក", RoleMilitary}}},
		{"លោកស្រី ចាន់ សុភី", "ចាន់ សុភី", []Title{{"លោកស្រី", RoleHonorific}}},
		{"អ្នកស្រី ម៉ៅ ស្រីពៅ", "ម៉ៅ ស្រីពៅ", []Title{{"អ្នកស្រី", RoleHonorific}}},
		{"កញ្ញា សុខ ស្រីនាង", "សុខ ស្រីនាង", []Title{{"កញ្ញា", RoleHonorific}}},
		{"លោកសុខ ដារ៉ា", "សុខ ដារ៉ា", []Title{{"លោក", RoleHonorific}}},
		{"លោកបណ្ឌិត កែវ សុផល", "កែវ សុផល", []Title{{"លោក", RoleHonorific}, {"បណ្ឌិត", RoleAcademic}}},
		{"ព្រះករុណា ព្រះបាទសម្តេចព្រះបរមនាថ នរោត្តម សីហមុនី", "នរោត្តម សីហមុនី", []Title{{"ព្រះករុណា", RoleRoyal}, {"ព្រះបាទសម្តេចព្រះបរមនាថ", RoleRoyal}}},
		{"ព្រះតេជគុណ ប៊ុត ប៊ុនតិញ", "ប៊ុត ប៊ុនតិញ", []Title{{"ព្រះតេជគុណ", RoleReligious}}},
		{"ឈ្មោះ សុខ សំណាង", "សុខ សំណាង", []Title{{"ឈ្មោះ", RoleOther}}},
		{"ហ៊ុន សែន", "ហ៊ុន សែន", nil},
		{"លោក", "លោក", nil},
		{"H.E. Dr. Hang Chuon Naron", "Hang Chuon Naron", []Title{{"H.E.", RoleMinisterRank}, {"Dr.", RoleAcademic}}},
		{"HE Sun Chanthol", "Sun Chanthol", []Title{{"HE", RoleMinisterRank}}},
		{"He Sok", "He Sok", nil},
		{"His Excellency Sun Chanthol", "Sun Chanthol", []Title{{"His Excellency", RoleMinisterRank}}},
		{"Samdech Techo Hun Sen", "Hun Sen", []Title{{"Samdech Techo", RoleSamdech}}},
		{"Samdech Moha Bovor Thipadei Hun Manet", "Hun Manet", []Title{{"Samdech Moha Bovor Thipadei", RoleSamdech}}},
		{"Lok Chumteav Men Sam An", "Men Sam An", []Title{{"Lok Chumteav", RoleMinisterRank}}},
		{"Neak Oknha Ly Yong Phat", "Ly Yong Phat", []Title{{"Neak Oknha", RoleOknha}}},
		{"Oknha Sok Dara", "Sok Dara", []Title{{"Oknha", RoleOknha}}},
		{"Gen. Sok Phearom", "Sok Phearom", []Title{{"Gen.", RoleMilitary}}},
		{"Lt. Gen. Chea Dara", "Chea Dara", []Title{{"Lt. Gen.", RoleMilitary}}},
		{"Mr. Kem Sokha", "Kem Sokha", []Title{{"Mr.", RoleHonorific}}},
		{"Mrs Chan Sophy", "Chan Sophy", []Title{{"Mrs", RoleHonorific}}},
		{"Ms. Mao Sreypov", "Mao Sreypov", []Title{{"Ms.", RoleHonorific}}},
		{"Prince Norodom Ranariddh", "Norodom Ranariddh", []Title{{"Prince", RoleRoyal}}},
		{"Venerable But Buntenh", "But Buntenh", []Title{{"Venerable", RoleReligious}}},
		{"Drake Sok", "Drake Sok", nil},
		{"Dr", "Dr", nil},
	}
	for _, tt := range tests {
		bare, titles := StripTitles(tt.in)
		if bare != tt.bare || !slices.Equal(titles, tt.titles) {
			t.Errorf("StripTitles(%q) = %q %v, want %q %v", tt.in, bare, titles, tt.bare, tt.titles)
		}
	}
}

// Spellings that must meet: the same person written by different
// newspapers or romanisation habits.
var nameSame = [][]string{
	{"Khuong Sreng", "Khoung Sreng", "KHUONG Sreng"},
	{"Kimsour Phirith", "Kimsour Phearith", "Khimsour Phirith", "Kim Sour Phirith"},
	{"Hun Sen", "HUN SEN", "Hun Sèn"},
	{"Sar Kheng", "Sa Kheng"},
	{"Sok Eysan", "Sok Ey San", "Sok Eisan"},
	{"Hor Namhong", "Hor Nam Hong", "Hor Namhung"},
	{"Yim Chhay Ly", "Yim Chhayly", "Yem Chhaily"},
	{"Prak Sokhonn", "Prak Sokhon"},
	{"Kuoch Chamroeun", "Kouch Chamreun", "Kuoch Chamroen"},
	{"Say Chhum", "Sai Chhum", "Say Chum"},
	{"Thach Setha", "Thach Settha", "Thach Sedtha"},
	{"Teav Vannol", "Teav Vanol", "Tiev Vannol"},
	{"Khieu Samphan", "Khiev Samphan", "Khieu Samphann"},
	{"Mam Bunheng", "Mam Bun Heng"},
	{"Ouk Rabun", "Uk Rabun", "Ouk Rabunn"},
	{"Chhim Phalla", "Chim Phala"},
	{"Keo Remy", "Keo Rémy", "Kaev Remy"},
	{"Neth Savoeun", "Net Savoeun", "Neth Savuen"},
	{"Cham Prasidh", "Cham Prasith", "Cham Prasit"},
	{"Tea Banh", "Tia Banh", "Tea Bânh"},
	{"Aun Pornmoniroth", "Aun Porn Moniroth", "Oun Pornmoniroth"},
}

// Different people whose names are close.
var nameDifferent = [][2]string{
	{"Sok Eysan", "Sok An"},
	{"Kem Sokha", "Kem Monovithya"},
	{"Kem Sokha", "Kem Ley"},
	{"Hun Sen", "Hun Many"},
	{"Hun Sen", "Hun Manet"},
	{"Hun Many", "Hun Manet"},
	{"Sam Rainsy", "Sam Sary"},
	{"Tea Banh", "Tea Seiha"},
	{"Chea Sim", "Chea Sophara"},
	{"Sar Kheng", "Sar Sokha"},
	{"Sok An", "Sok Dara"},
	{"Prak Sokhonn", "Prak Sovann"},
	{"Sun Chanthol", "Sun Chanthy"},
	{"Khuong Sreng", "Khuong Sam"},
	{"Sok Sam", "Sak Sam"},
	{"Kong Korm", "Kong Kim"},
}

func TestRomanize(t *testing.T) {
	for _, tt := range []struct{ km, want string }{
		{"ឃួង ស្រេង", "Khuong Sreng"},
		{"ទាវ វណ្ណុល", "Teav Vannol"},
		{"ស៊ុន ចាន់ថុល", "Sun Chanthol"},
		{"ហង់ ជួន ណារ៉ុន", "Hang Chuon Naron"},
		{"ប្រាក់", "Prak"},
		{"ម៉ម", "Mam"},
		{"ខៀវ សំផន", "Khiev Samphan"},
		{"សុវណ្ណារិទ្ធ", "Sovannarit"},
		{"វិចិត្រ", "Vichet"},
		{"ចន្ទថា", "Chantha"},
		{"ព័ន្ធ", "Poan"},
		{"សីហមុនី", "Seihamuni"},
		{"ភ្នំ ពេញ", "Phnum Penh"},
		{"កំពង់ ចាម", "Kampong Cham"},
		{"សៀម រាប", "Siem Reab"},
		{"តាកែវ", "Takaev"},
		{"ឥសាន", "Esan"},
		{"ថ្ងៃ ១២", "Thngai 12"},
		{"abc", "abc"},
		{"", ""},
	} {
		if got := Romanize(tt.km); got != tt.want {
			t.Errorf("Romanize(%q) = %q, want %q", tt.km, got, tt.want)
		}
	}
}

func TestNameKeySame(t *testing.T) {
	for _, group := range nameSame {
		want := NameKey(group[0])
		if want == "" {
			t.Errorf("NameKey(%q) is empty", group[0])
		}
		for _, n := range group[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, NameKey(%q) = %q: should meet", group[0], want, n, got)
			}
		}
	}
}

func TestNameKeyDifferent(t *testing.T) {
	for _, p := range nameDifferent {
		if a, b := NameKey(p[0]), NameKey(p[1]); a == b {
			t.Errorf("NameKey(%q) = NameKey(%q) = %q: different people meet", p[0], p[1], a)
		}
	}
}

func TestNameKeysOrder(t *testing.T) {
	for _, p := range [][2]string{
		{"Khuong Sreng", "Sreng Khuong"},
		{"Hun Manet", "Manet Hun"},
		{"Kem Sokha", "SOKHA Kem"},
	} {
		a, b := NameKeys(p[0]), NameKeys(p[1])
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) || len(a) != 2 {
			t.Errorf("NameKeys(%q) = %v and NameKeys(%q) = %v should hold the same parts", p[0], a, p[1], b)
		}
		if NameKey(p[0]) == NameKey(p[1]) {
			t.Errorf("NameKey(%q) should keep the order", p[0])
		}
	}
}

// Well-known public figures, their names in Khmer script and the Latin
// spelling the press uses. Only names we are sure of are listed. The test
// fails for any pair outside knownMisses, and logs the match rate.
var nameScripts = [][2]string{
	{"ហ៊ុន សែន", "Hun Sen"},
	{"សម រង្ស៊ី", "Sam Rainsy"},
	{"កឹម សុខា", "Kem Sokha"},
	{"សុខ ឥសាន", "Sok Eysan"},
	{"ឃួង ស្រេង", "Khuong Sreng"},
	{"ហ៊ុន ម៉ាណែត", "Hun Manet"},
	{"ហ៊ុន ម៉ានី", "Hun Many"},
	{"ហ៊ុន ម៉ានិត", "Hun Manith"},
	{"ទាវ វណ្ណុល", "Teav Vannol"},
	{"ថាច់ សេដ្ឋា", "Thach Setha"},
	{"ប្រាក់ សុខុន", "Prak Sokhonn"},
	{"ស៊ុន ចាន់ថុល", "Sun Chanthol"},
	{"ចម ប្រសិទ្ធ", "Cham Prasidh"},
	{"ហោ ណាំហុង", "Hor Namhong"},
	{"ហង់ ជួន ណារ៉ុន", "Hang Chuon Naron"},
	{"នេត សាវឿន", "Neth Savoeun"},
	{"ទៀ បាញ់", "Tea Banh"},
	{"ទៀ សីហា", "Tea Seiha"},
	{"ម៉ម ប៊ុនហេង", "Mam Bunheng"},
	{"យឹម ឆៃលី", "Yim Chhay Ly"},
	{"ខៀវ សំផន", "Khieu Samphan"},
	{"ជា ស៊ីម", "Chea Sim"},
	{"ហេង សំរិន", "Heng Samrin"},
	{"ប៊ុន រ៉ានី", "Bun Rany"},
	{"ស ខេង", "Sar Kheng"},
	{"កែម ឡី", "Kem Ley"},
	{"នួន ជា", "Nuon Chea"},
	{"អៀង សារី", "Ieng Sary"},
	{"ជា សុផារ៉ា", "Chea Sophara"},
	{"សាយ ឈុំ", "Say Chhum"},
	{"ស៊ីម កា", "Sim Ka"},
	{"ឡុង ឌីម៉ង់", "Long Dimanche"},
	{"អូន ព័ន្ធមុនីរ័ត្ន", "Aun Pornmoniroth"},
	{"នរោត្តម សីហមុនី", "Norodom Sihamoni"},
	{"ចាន់ សារុន", "Chan Sarun"},
	{"ញឹក ប៊ុនឆៃ", "Nhek Bunchhay"},
}

// knownMisses are pairs the folding does not join, with the reason.
var knownMisses = map[string]string{
	"Sam Rainsy":       "a French-style spelling: រង្ស៊ី is Rangsi",
	"Long Dimanche":    "a French given name written in Khmer letters",
	"Norodom Sihamoni": "the royal family name keeps its French spelling (នរោត្តម is Norottam)",
}

func TestRomanizedNamesMeetLatin(t *testing.T) {
	hits := 0
	for _, p := range nameScripts {
		k1, k2 := NameKey(Romanize(p[0])), NameKey(p[1])
		if k1 == k2 {
			hits++
			if _, miss := knownMisses[p[1]]; miss {
				t.Errorf("%s now meets %s: take it off knownMisses", p[0], p[1])
			}
			continue
		}
		if why, ok := knownMisses[p[1]]; ok {
			t.Logf("known miss: %s → %s (%s) vs %s (%s): %s", p[0], Romanize(p[0]), k1, p[1], k2, why)
			continue
		}
		t.Errorf("%s → %s (%s) does not meet %s (%s)", p[0], Romanize(p[0]), k1, p[1], k2)
	}
	t.Logf("Khmer-script names meeting their press spelling: %d of %d", hits, len(nameScripts))
	// NameKey romanises Khmer input by itself.
	if NameKey("ឃួង ស្រេង") != NameKey("Khuong Sreng") {
		t.Error("NameKey on Khmer script does not romanise")
	}
}

func FuzzNameKey(f *testing.F) {
	for _, s := range []string{"Khuong Sreng", "ឃួង ស្រេង", "H.E. Dr. Hang Chuon Naron", "សម្ដេចតេជោ ហ៊ុន សែន", "Nhek", "yy", "ñ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := NameKey(s)
		if k != NameKey(s) {
			t.Fatal("NameKey is not deterministic")
		}
		if k != strings.Join(NameKeys(s), "") {
			t.Fatal("NameKey is not the join of NameKeys")
		}
		for _, r := range k {
			if r < 'a' || r > 'z' || r == 'i' || r == 'u' {
				t.Fatalf("NameKey(%q) = %q has %q", s, k, r)
			}
		}
		// Case and accents never change a key.
		if NameKey(strings.ToUpper(s)) != NameKey(strings.ToLower(s)) && !strings.ContainsFunc(s, func(r rune) bool { return r > 0x7f }) {
			t.Fatalf("NameKey of %q depends on case", s)
		}
		bare, titles := StripTitles(s)
		if !strings.Contains(s, bare) {
			t.Fatalf("StripTitles(%q) bare %q is not part of the input", s, bare)
		}
		for _, ti := range titles {
			if ti.Text == "" || !strings.Contains(s, ti.Text) || ti.Role == "" {
				t.Fatalf("StripTitles(%q) gave title %+v", s, ti)
			}
		}
	})
}

func FuzzRomanize(f *testing.F) {
	for _, s := range []string{"ឃួង ស្រេង", "ព្រហស្បតិ៍", "វណ្ណុល", "្", "ា", "ក្", "\u200bស", "abc ១២"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Romanize(s)
		for _, r := range out {
			if r >= 0x1780 && r <= 0x17DD {
				t.Fatalf("Romanize(%q) = %q keeps Khmer letters", s, out)
			}
		}
	})
}

func BenchmarkNameKey(b *testing.B) {
	names := []string{"Khuong Sreng", "Kimsour Phirith", "Hang Chuon Naron", "Yim Chhay Ly", "Aun Pornmoniroth"}
	n := 0
	for _, s := range names {
		n += len(s)
	}
	benchCPU(b, n, func() {
		for _, s := range names {
			NameKey(s)
		}
	})
}

func BenchmarkRomanize(b *testing.B) {
	names := []string{"ឃួង ស្រេង", "ហង់ ជួន ណារ៉ុន", "ថាច់ សេដ្ឋា", "យឹម ឆៃលី", "ចម ប្រសិទ្ធ"}
	n := 0
	for _, s := range names {
		n += len(s)
	}
	benchCPU(b, n, func() {
		for _, s := range names {
			Romanize(s)
		}
	})
}
