package gazetteer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kamnotra/kamnotra/internal/record"
)

func TestLoad(t *testing.T) {
	g, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(g.Provinces()); n != 25 {
		t.Errorf("provinces = %d, want 25", n)
	}
	pp, ok := g.Province("Phnom Penh")
	if !ok {
		t.Fatal("no Phnom Penh")
	}
	if len(pp.Districts) != 14 {
		t.Errorf("Phnom Penh khans = %d, want 14", len(pp.Districts))
	}
	for _, p := range g.Provinces() {
		if len(p.Districts) == 0 {
			t.Errorf("%s has no districts", p.English)
		}
	}
	canon := []string{"Cambodian People's Party", "Candlelight Party", "Cambodia National Rescue Party", "Sam Rainsy Party",
		"Human Rights Party", "FUNCINPEC", "Khmer Will Party", "Grassroots Democratic Party", "League for Democracy Party",
		"Cambodia Nationality Party", "Khmer National United Party", "Nation Power Party", "Beehive Social Democratic Party",
		"opposition (unspecified)", "other parties (unspecified)", "National Election Committee", "Phnom Penh Municipal Court", "UNHCR"}
	for _, c := range canon {
		o, ok := g.Org(c)
		if !ok || o.Canonical != c {
			t.Errorf("Org(%q) = %v, %v", c, o, ok)
		}
	}
	cnrp, _ := g.Org("CNRP")
	if cnrp.Dissolved.String() != "2017-11-16" {
		t.Errorf("CNRP dissolved %v", cnrp.Dissolved)
	}
	words := g.Words()
	for _, w := range []string{"គណបក្សប្រជាជនកម្ពុជា", "ខេត្តកំពង់ធំ", "ឯកឧត្តម", "សកម្មជន"} {
		found := false
		for _, x := range words {
			if x == w {
				found = true
			}
		}
		if !found {
			t.Errorf("Words() lacks %s", w)
		}
	}
}

func TestProvinceLookup(t *testing.T) {
	g := Default()
	tests := map[string]string{
		"Batdambang": "Battambang", "Kompong Thom": "Kampong Thom", "Sihanoukville": "Preah Sihanouk",
		"kampong som": "Preah Sihanouk", "Mondolkiri": "Mondulkiri", "Rattanakiri": "Ratanakiri",
		"Otdar Mean Chey": "Oddar Meanchey", "ត្បូងឃ្មុំ": "Tbong Khmum", "kh-17": "Siem Reap", "កណ្ដាល": "Kandal",
	}
	for in, want := range tests {
		p, ok := g.Province(in)
		if !ok || p.English != want {
			t.Errorf("Province(%q) = %v, want %s", in, p, want)
		}
	}
	if _, ok := g.Province("Hanoi"); ok {
		t.Error("Province(Hanoi) found")
	}
}

func canons(ms []OrgMatch) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Canonical)
	}
	return out
}

func TestFindOrgs(t *testing.T) {
	g := Default()
	tests := []struct {
		text string
		want []string
	}{
		{"សមាជិកគណបក្សភ្លើងទៀនចំនួន៥០នាក់បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។", []string{"Candlelight Party", "Cambodian People's Party"}},
		{"អតីតមន្ត្រីគណបក្សសង្គ្រោះជាតិ និងបក្សកម្លាំងជាតិ", []string{"Cambodia National Rescue Party", "Nation Power Party"}},
		{"អតីតគណបក្សសង្រ្គោះជាតិ", []string{"Cambodia National Rescue Party"}},
		{"អ្នកគាំទ្របក្សប្រឆាំងនៅខេត្តតាកែវ", []string{"opposition (unspecified)"}},
		{"គណបក្ស ភ្លើងទៀន", []string{"Candlelight Party"}},
		{"គណបក្សសម រង្ស៊ី និងគណបក្សសិទ្ធិមនុស្ស", []string{"Sam Rainsy Party", "Human Rights Party"}},
		{"គណបក្សហ្វ៊ុនស៊ិនប៉ិច គណបក្សឆន្ទៈខ្មែរ", []string{"FUNCINPEC", "Khmer Will Party"}},
		{"គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត (គ.ជ.ប)", []string{"National Election Committee", "National Election Committee"}},
		{"សាលាដំបូងរាជធានីភ្នំពេញបានកាត់ទោស", []string{"Phnom Penh Municipal Court"}},
		{"សាលាដំបូងខេត្តសៀមរាប", []string{"Siem Reap Provincial Court"}},
		{"សមត្ថកិច្ចថៃបានចាប់ខ្លួន", []string{"Thai authorities"}},
		{"ឧត្តមស្នងការអង្គការសហប្រជាជាតិទទួលបន្ទុកជនភៀសខ្លួន", []string{"UNHCR"}},
		{"The ruling Cambodian People’s Party (CPP) welcomed CP members.", []string{"Cambodian People's Party", "Cambodian People's Party", "Candlelight Party"}},
		{"former Candle Light Party activists joined the ruling party", []string{"Candlelight Party", "Cambodian People's Party"}},
		{"the Phnom Penh Municipal Court and the Supreme Court", []string{"Phnom Penh Municipal Court", "Supreme Court"}},
		{"opposition party members fled to Thailand; Thai police arrested them", []string{"opposition (unspecified)", "Thai authorities"}},
		{"Ministry of Interior spokesman", []string{"Ministry of Interior"}},
		{"cpp and cnrp in lower case are not abbreviations", nil},
		{"CPPX is not CPP", []string{"Cambodian People's Party"}},
		{"ក្រសួងមហាផ្ទៃ ក្រសួងយុត្តិធម៌", []string{"Ministry of Interior", "Ministry of Justice"}},
		{"អតីតសកម្មជនសង្គ្រោះជាតិ ៥០នាក់", []string{"Cambodia National Rescue Party"}},
		{"ដើម្បីសង្គ្រោះជាតិ", nil},
	}
	for _, tt := range tests {
		got := g.FindOrgs(tt.text)
		if strings.Join(canons(got), "|") != strings.Join(tt.want, "|") {
			t.Errorf("FindOrgs(%q) = %v, want %v", tt.text, canons(got), tt.want)
		}
		for _, m := range got {
			if m.Start < 0 || m.End > len(tt.text) || m.Start >= m.End {
				t.Errorf("FindOrgs(%q): bad span %d-%d", tt.text, m.Start, m.End)
			}
		}
	}
}

func TestOrgSpansWithInvisibles(t *testing.T) {
	g := Default()
	text := "នៅ\u200bគណបក្ស\u200bភ្លើង\u200bទៀន\u200b ផង"
	ms := g.FindOrgs(text)
	if len(ms) != 1 {
		t.Fatalf("got %v", ms)
	}
	if got := text[ms[0].Start:ms[0].End]; got != "គណបក្ស\u200bភ្លើង\u200bទៀន" {
		t.Errorf("span text %q", got)
	}
	// Subscript DA spelling of the same name.
	ms = g.FindOrgs("សាលាដំបូងខេត្តកណ្ដាល")
	if len(ms) != 1 || ms[0].Canonical != "Kandal Provincial Court" {
		t.Errorf("got %v", ms)
	}
}

func TestFindPlaces(t *testing.T) {
	g := Default()
	type pm struct {
		level                       record.PlaceLevel
		province, district, commune string
	}
	tests := []struct {
		text string
		want []pm
	}{
		{"នៅខណ្ឌកំបូល រាជធានីភ្នំពេញ", []pm{{record.PlaceDistrict, "Phnom Penh", "Kamboul", ""}, {record.PlaceProvince, "Phnom Penh", "", ""}}},
		{"ក្នុងមូលដ្ឋានខេត្តកំពង់ធំ", []pm{{record.PlaceProvince, "Kampong Thom", "", ""}}},
		{"ក្រុមប្រឹក្សាក្រុងតាខ្មៅ", []pm{{record.PlaceDistrict, "Kandal", "Ta Khmau", ""}}},
		{"ឃុំព្រែកតាមាក់ ស្រុកខ្សាច់កណ្តាល ខេត្តកណ្តាល", []pm{{record.PlaceCommune, "Kandal", "Khsach Kandal", "ព្រែកតាមាក់"}, {record.PlaceDistrict, "Kandal", "Khsach Kandal", ""}, {record.PlaceProvince, "Kandal", "", ""}}},
		{"គណៈកម្មាធិការកណ្តាលនៃគណបក្ស", nil},
		{"ស្រុកសំរោង ខេត្តតាកែវ", []pm{{record.PlaceDistrict, "Takeo", "Samraong", ""}, {record.PlaceProvince, "Takeo", "", ""}}},
		{"ក្រុងសៀមរាប", []pm{{record.PlaceDistrict, "Siem Reap", "Siem Reap", ""}}},
		{"ក្រុងភ្នំពេញ", []pm{{record.PlaceProvince, "Phnom Penh", "", ""}}},
		{"ត្រូវបានឃុំខ្លួន ហើយនៅក្រៅឃុំ", nil},
		{"in Bati district’s Komar Reachea commune", []pm{{record.PlaceDistrict, "Takeo", "Bati", ""}, {record.PlaceCommune, "", "", "Komar Reachea"}}},
		{"members in Banteay Meanchey and Kompong Cham provinces", []pm{{record.PlaceProvince, "Banteay Meanchey", "", ""}, {record.PlaceProvince, "Kampong Cham", "", ""}}},
		{"in Sihanoukville and Tboung Khmum province", []pm{{record.PlaceProvince, "Preah Sihanouk", "", ""}, {record.PlaceProvince, "Tbong Khmum", "", ""}}},
		{"in Kompong Trach district of Kampot", []pm{{record.PlaceDistrict, "Kampot", "Kampong Trach", ""}, {record.PlaceProvince, "Kampot", "", ""}}},
		{"Phnom Kravanh district", []pm{{record.PlaceDistrict, "Pursat", "Phnum Kravanh", ""}}},
		{"Khan Chroy Changvar, Phnom Penh", []pm{{record.PlaceDistrict, "Phnom Penh", "Chroy Changvar", ""}, {record.PlaceProvince, "Phnom Penh", "", ""}}},
		{"ខេត្តព្រះសីហនុ តែព្រះសីហនុ", []pm{{record.PlaceProvince, "Preah Sihanouk", "", ""}}},
	}
	for _, tt := range tests {
		got := g.FindPlaces(tt.text)
		var gp []pm
		for _, m := range got {
			gp = append(gp, pm{m.Level, m.Province, m.District, m.Commune})
			if m.Start < 0 || m.End > len(tt.text) || m.Start >= m.End {
				t.Errorf("FindPlaces(%q): bad span %d-%d", tt.text, m.Start, m.End)
			}
		}
		if len(gp) != len(tt.want) {
			t.Errorf("FindPlaces(%q) = %+v, want %+v", tt.text, gp, tt.want)
			continue
		}
		for i := range gp {
			if gp[i] != tt.want[i] {
				t.Errorf("FindPlaces(%q)[%d] = %+v, want %+v", tt.text, i, gp[i], tt.want[i])
			}
		}
	}
}

func TestFindRolesTitles(t *testing.T) {
	g := Default()
	roles := []struct {
		text  string
		class []record.RoleClass
	}{
		{"សមាជិក សកម្មជន និងអ្នកគាំទ្រ", []record.RoleClass{record.RoleMember, record.RoleActivist, record.RoleSupporter}},
		{"សមាជិកក្រុមប្រឹក្សាឃុំ និងមេឃុំ", []record.RoleClass{record.RoleElectedOfficial, record.RoleElectedOfficial}},
		{"អនុប្រធានគណបក្ស", []record.RoleClass{record.RoleLeader}},
		{"two commune councillors and a lawmaker", []record.RoleClass{record.RoleElectedOfficial, record.RoleElectedOfficial}},
		{"youth activists and supporters", []record.RoleClass{record.RoleActivist, record.RoleSupporter}},
	}
	for _, tt := range roles {
		got := g.FindRoles(tt.text)
		var cls []record.RoleClass
		for _, m := range got {
			cls = append(cls, m.Class)
		}
		if len(cls) != len(tt.class) {
			t.Errorf("FindRoles(%q) = %v, want %v", tt.text, cls, tt.class)
			continue
		}
		for i := range cls {
			if cls[i] != tt.class[i] {
				t.Errorf("FindRoles(%q) = %v, want %v", tt.text, cls, tt.class)
				break
			}
		}
	}
	if r := g.FindRoles("ក្រុមការងារគណបក្សខេត្ត"); len(r) != 1 || !r[0].Presiding {
		t.Errorf("working group: %+v", r)
	}
	titles := []struct {
		text string
		want []string
	}{
		{"ឯកឧត្តម សុខ ចាន់ និងលោកជំទាវ ម៉ៅ ស្រីល័ក្ខ", []string{"ឯកឧត្តម", "លោកជំទាវ"}},
		{"សម្តេចតេជោ ហ៊ុន សែន", []string{"សម្តេចតេជោ"}},
		{"H.E. Sok Chan met Oknha Ly Heng", []string{"H.E.", "Oknha"}},
		{"Mrs Chan and Ms Lim, not forms", []string{"Mrs", "Ms"}},
	}
	for _, tt := range titles {
		var got []string
		for _, m := range g.FindTitles(tt.text) {
			got = append(got, m.Title)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("FindTitles(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
	if n := g.TitleAt("ឯកឧត្តម  សុខ ចាន់"); n != len("ឯកឧត្តម  ") {
		t.Errorf("TitleAt = %d", n)
	}
	if n := g.TitleAt("សុខ ចាន់"); n != 0 {
		t.Errorf("TitleAt(no title) = %d", n)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ស្រ្តី", "ស្ត្រី"},
		{"កណ្ដាល", "កណ្តាល"},
		{"ឲ្យ", "ឱ្យ"},
		{"ក\u200bខ", "កខ"},
		{"plain", "plain"},
	}
	for _, tt := range tests {
		if got := foldString(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkFindAll(b *testing.B) {
	g := Default()
	text := strings.Repeat("(ភ្នំពេញ)៖ សមាជិក សកម្មជន និងអ្នកគាំទ្រគណបក្សភ្លើងទៀន នៅឃុំស្វាយ ស្រុកបាទី ខេត្តតាកែវ ចំនួនជាង៦០០នាក់ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា ក្រោមអធិបតីភាពឯកឧត្តម សុខ ចាន់។ The ruling CPP said 300 members of the Candlelight Party in Kampong Cham province joined. ", 6)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		g.FindOrgs(text)
		g.FindPlaces(text)
		g.FindRoles(text)
		g.FindTitles(text)
	}
}

func TestMatcher(t *testing.T) {
	m := NewMatcher([]string{"ចាប់ខ្លួន", "ចាប់", "ជនជាប់ចោទ", "ចោទប្រកាន់", "arrested", "ចាប់ខ្លួន"})
	tests := []struct {
		text string
		want []int
	}{
		{"សមត្ថកិច្ចបានចាប់ខ្លួនជនជាប់ចោទ ហើយចោទប្រកាន់", []int{0, 2, 3}},
		{"ចាប់ផ្ដើម", []int{1}},
		{"Police Arrested him; unarrested", []int{4}},
		{"ចា", nil},
	}
	for _, tt := range tests {
		var got []int
		for _, w := range m.Find(tt.text) {
			got = append(got, w.Index)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
