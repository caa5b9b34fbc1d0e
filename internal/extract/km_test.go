package extract

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// The people in these sentences are invented; the places, parties and
// bodies are real. The sentences follow the wording of Fresh News, RFA,
// VOD and the provincial party pages, not any one report.

type kmWant struct {
	typ      record.EventType
	count    int64 // -1: none
	qual     record.CountQualifier
	from, to string
	prov     string
	dist     string
	date     string
	persons  []string
	presided []string
	stance   record.Stance // "" means asserts
	claimant string        // checked when set
	role     record.RoleClass
}

type kmCase struct {
	name string
	pub  string
	text string
	want []kmWant
}

const (
	cpp  = "Cambodian People's Party"
	cp   = "Candlelight Party"
	cnrp = "Cambodia National Rescue Party"
	opp  = "opposition (unspecified)"
)

var kmCases = []kmCase{
	{name: "ceremony with qualifier, district, date and presiding official", pub: "2023-02-05",
		text: "(តាកែវ)៖ សមាជិក សកម្មជន និងអ្នកគាំទ្រគណបក្សភ្លើងទៀនជាង៣០០នាក់ នៅស្រុកបាទី ខេត្តតាកែវ បានប្រកាសចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា នាព្រឹកថ្ងៃទី៣ ខែកុម្ភៈ ឆ្នាំ២០២៣ ក្រោមអធិបតីភាពឯកឧត្តម ហេង សុវណ្ណ ប្រធានក្រុមការងារថ្នាក់ជាតិចុះមូលដ្ឋានស្រុកបាទី។",
		want: []kmWant{{typ: record.EventDefection, count: 300, qual: record.CountMoreThan, from: cp, to: cpp, prov: "Takeo", dist: "Bati", date: "2023-02-03", presided: []string{"ហេង សុវណ្ណ"}, role: record.RoleUnclear}}},
	{name: "join without an old party, about", pub: "2023-03-01",
		text: "ប្រជាពលរដ្ឋប្រមាណ ១៥០ នាក់ នៅឃុំព្រែកអំបិល ស្រុកស្អាង ខេត្តកណ្តាល បានស្ម័គ្រចិត្តចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventPartyJoin, count: 150, qual: record.CountAbout, to: cpp, prov: "Kandal", dist: "S'ang"}}},
	{name: "nearly, yesterday", pub: "2023-06-10",
		text: "អតីតសកម្មជនគណបក្សសង្គ្រោះជាតិជិត ៨០នាក់ នៅខេត្តព្រៃវែង បានចុះចូលជាមួយគណបក្សប្រជាជនកម្ពុជា កាលពីម្សិលមិញ។",
		want: []kmWant{{typ: record.EventDefection, count: 80, qual: record.CountAbout, from: cnrp, to: cpp, prov: "Prey Veng", date: "2023-06-09", role: record.RoleActivist}}},
	{name: "named defector from the Nation Power Party", pub: "2024-05-01",
		text: "លោក ស៊ុន ចាន់ណា អតីតប្រធានគណបក្សកម្លាំងជាតិប្រចាំខេត្តបាត់ដំបង បានសម្រេចចិត្តចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: -1, from: "Nation Power Party", to: cpp, prov: "Battambang", persons: []string{"ស៊ុន ចាន់ណា"}, role: record.RoleLeader}}},
	{name: "working group welcomes members of two parties", pub: "2023-04-02",
		text: "ក្រុមការងារគណបក្សប្រជាជនកម្ពុជាខេត្តសៀមរាប បានទទួលស្វាគមន៍សមាជិកថ្មីចំនួន ២៥០ នាក់ ដែលមកពីគណបក្សភ្លើងទៀន និងគណបក្សឆន្ទៈខ្មែរ។",
		want: []kmWant{{typ: record.EventDefection, count: 250, qual: record.CountExact, from: opp, to: cpp, prov: "Siem Reap", role: record.RoleMember}}},
	{name: "left one party and joined another: one defection", pub: "2022-08-08",
		text: "លោកស្រី ម៉ែន សុភា សមាជិកក្រុមប្រឹក្សាឃុំគោកព្រីង បានលាឈប់ពីគណបក្សភ្លើងទៀន ហើយចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជាវិញ។",
		want: []kmWant{{typ: record.EventDefection, count: -1, from: cp, to: cpp, persons: []string{"ម៉ែន សុភា"}, role: record.RoleElectedOfficial}}},
	{name: "resignation from a post", pub: "2024-03-20",
		text: "លោក កែវ វិចិត្រ បានដាក់លាលែងពីតំណែងជាអនុប្រធានគណបក្សភ្លើងទៀន កាលពីថ្ងៃទី១៥ ខែមីនា ឆ្នាំ២០២៤។",
		want: []kmWant{{typ: record.EventResignation, count: -1, from: cp, date: "2024-03-15", persons: []string{"កែវ វិចិត្រ"}, role: record.RoleLeader}}},
	{name: "appointment to a ministry", pub: "2024-04-05",
		text: "រាជរដ្ឋាភិបាលបានតែងតាំងលោក ឈិន ម៉ារ៉ា ជារដ្ឋលេខាធិការក្រសួងមហាផ្ទៃ កាលពីថ្ងៃទី២ ខែមេសា ឆ្នាំ២០២៤។",
		want: []kmWant{{typ: record.EventAppointment, count: -1, to: "Ministry of Interior", date: "2024-04-02", persons: []string{"ឈិន ម៉ារ៉ា"}}}},
	{name: "passive appointment by a party", pub: "2022-01-10",
		text: "លោក ពេជ្រ សុធា ត្រូវបានគណបក្សភ្លើងទៀនតែងតាំងជាប្រធានគណៈកម្មាធិការខេត្តកំពង់ចាម។",
		want: []kmWant{{typ: record.EventAppointment, count: -1, to: cp, prov: "Kampong Cham", persons: []string{"ពេជ្រ សុធា"}}}},
	{name: "arrest by provincial police on a weekday", pub: "2024-05-20",
		text: "សមត្ថកិច្ចនគរបាលខេត្តកំពង់ស្ពឺ បានចាប់ខ្លួនលោក សេង វណ្ណៈ សកម្មជនគណបក្សភ្លើងទៀន កាលពីថ្ងៃអាទិត្យ។",
		want: []kmWant{{typ: record.EventArrest, count: -1, from: cp, to: "Kampong Speu Provincial Police", prov: "Kampong Speu", date: "2024-05-19", persons: []string{"សេង វណ្ណៈ"}, role: record.RoleActivist}}},
	{name: "arrest abroad of one unnamed person", pub: "2023-11-10",
		text: "អតីតមន្ត្រីគណបក្សសង្គ្រោះជាតិម្នាក់ ត្រូវបានប៉ូលិសថៃចាប់ខ្លួននៅទីក្រុងបាងកក កាលពីថ្ងៃទី៨ ខែវិច្ឆិកា ឆ្នាំ២០២៣។",
		want: []kmWant{{typ: record.EventArrest, count: 1, qual: record.CountExact, from: cnrp, to: "Thai authorities", date: "2023-11-08", role: record.RoleLeader}}},
	{name: "charge by a provincial court, date after the offence", pub: "2022-09-15",
		text: "សាលាដំបូងខេត្តបន្ទាយមានជ័យ បានចោទប្រកាន់លោក ញឹម សុខា ពីបទញុះញង់ កាលពីថ្ងៃទី១២ ខែកញ្ញា ឆ្នាំ២០២២។",
		want: []kmWant{{typ: record.EventCharge, count: -1, to: "Banteay Meanchey Provincial Court", prov: "Banteay Meanchey", date: "2022-09-12", persons: []string{"ញឹម សុខា"}}}},
	{name: "conviction in absentia of a counted group", pub: "2023-06-20",
		text: "នៅថ្ងៃទី១៤ ខែមិថុនា ឆ្នាំ២០២៣ សាលាដំបូងរាជធានីភ្នំពេញ បានកាត់ទោសកំបាំងមុខ អតីតមេដឹកនាំគណបក្សសង្គ្រោះជាតិចំនួន ៨ រូប ឱ្យជាប់ពន្ធនាគារពី ៥ ទៅ ១០ ឆ្នាំ ពីបទក្បត់ជាតិ។",
		want: []kmWant{{typ: record.EventConviction, count: 8, qual: record.CountExact, from: cnrp, to: "Phnom Penh Municipal Court", prov: "Phnom Penh", date: "2023-06-14", role: record.RoleLeader}}},
	{name: "release on bail", pub: "2024-10-03",
		text: "តុលាការឧទ្ធរណ៍បានសម្រេចដោះលែងលោកស្រី ហ៊ឹម ចន្ថា ឱ្យនៅក្រៅឃុំ កាលពីថ្ងៃទី១ ខែតុលា ឆ្នាំ២០២៤។",
		want: []kmWant{{typ: record.EventRelease, count: -1, to: "Appeal Court", date: "2024-10-01", persons: []string{"ហ៊ឹម ចន្ថា"}}}},
	{name: "flight after a warrant: no arrest", pub: "2021-03-01",
		text: "អតីតតំណាងរាស្ត្រគណបក្សសង្គ្រោះជាតិពីររូប បានភៀសខ្លួនទៅក្រៅប្រទេស បន្ទាប់ពីតុលាការចេញដីកាចាប់ខ្លួន។",
		want: []kmWant{{typ: record.EventFlight, count: 2, qual: record.CountExact, from: cnrp, role: record.RoleElectedOfficial}}},
	{name: "named flight with month", pub: "2024-02-01",
		text: "លោក ទេព សុវិចិត្រ សកម្មជនគណបក្សភ្លើងទៀន បានរត់គេចខ្លួនទៅប្រទេសថៃ កាលពីខែមករា ឆ្នាំ២០២៤។",
		want: []kmWant{{typ: record.EventFlight, count: -1, from: cp, date: "2024-01", persons: []string{"ទេព សុវិចិត្រ"}, role: record.RoleActivist}}},
	{name: "asylum request to UNHCR", pub: "2019-05-05",
		text: "ក្រុមសកម្មជនបរិស្ថានចំនួន ៣ នាក់ បានស្នើសុំសិទ្ធិជ្រកកោននយោបាយពីឧត្តមស្នងការអង្គការសហប្រជាជាតិទទួលបន្ទុកជនភៀសខ្លួន (UNHCR) នៅប្រទេសថៃ។",
		want: []kmWant{{typ: record.EventAsylum, count: 3, qual: record.CountExact, to: "UNHCR", role: record.RoleActivist}}},
	{name: "party refused registration by the NEC", pub: "2023-05-20",
		text: "គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត (គ.ជ.ប) បានសម្រេចមិនអនុញ្ញាតឱ្យចុះបញ្ជីគណបក្សភ្លើងទៀន ដើម្បីចូលរួមការបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ កាលពីថ្ងៃទី១៥ ខែឧសភា ឆ្នាំ២០២៣។",
		want: []kmWant{{typ: record.EventDisqualification, count: -1, from: cp, to: "National Election Committee", date: "2023-05-15"}}},
	{name: "person banned from politics", pub: "2020-01-01",
		text: "តុលាការកំពូលបានហាមឃាត់មិនឱ្យលោក យិន សុភ័ក្ត្រ ធ្វើនយោបាយរយៈពេល ៥ ឆ្នាំ។",
		want: []kmWant{{typ: record.EventDisqualification, count: -1, to: "Supreme Court", persons: []string{"យិន សុភ័ក្ត្រ"}}}},
	{name: "hedged claim", pub: "2023-01-01",
		text: "សកម្មជនគណបក្សភ្លើងទៀនចំនួន ៤ នាក់ ដែលគេអះអាងថាបានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា នៅខេត្តស្វាយរៀង។",
		want: []kmWant{{typ: record.EventDefection, count: 4, qual: record.CountExact, from: cp, to: cpp, prov: "Svay Rieng", stance: record.StanceHedged, role: record.RoleActivist}}},
	{name: "denial with negation", pub: "2023-01-01",
		text: "លោក ញ៉ែម សុភ័ណ្ឌ មន្ត្រីគណបក្សភ្លើងទៀន បានបដិសេធថា សមាជិករបស់គណបក្សមិនបានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជាទេ។"},
	{name: "denial of a reported count", pub: "2023-01-01",
		text: "គណបក្សភ្លើងទៀនបានបដិសេធព័ត៌មានដែលថាសមាជិក ៥០០ នាក់បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។"},
	{name: "plan with នឹង", pub: "2023-01-01",
		text: "សមាជិកគណបក្សឆន្ទៈខ្មែរប្រមាណ ២០០ នាក់ នឹងចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជានៅសប្តាហ៍ក្រោយ។"},
	{name: "plan with គ្រោងនឹង", pub: "2023-01-01",
		text: "អាជ្ញាធរគ្រោងនឹងចាប់ខ្លួនសកម្មជនទាំងនោះ។"},
	{name: "hypothetical", pub: "2023-01-01",
		text: "ប្រសិនបើគណបក្សភ្លើងទៀនមិនផ្លាស់ប្តូរមេដឹកនាំ សមាជិកជាច្រើននឹងចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា។"},
	{name: "negated arrest", pub: "2023-01-01",
		text: "ប៉ូលិសមិនបានចាប់ខ្លួនអ្នកតវ៉ាណាម្នាក់ឡើយ។"},
	{name: "total of several groups", pub: "2024-06-01",
		text: "សមាជិកគណបក្សហ្វ៊ុនស៊ិនប៉ិច ចំនួន ១២ រូប និងសមាជិកគណបក្សភ្លើងទៀន ចំនួន ១៨ រូប សរុបចំនួន ៣០ រូប នៅខេត្តកំពង់ឆ្នាំង បានសុំចូលរួមជីវភាពនយោបាយជាមួយគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 30, qual: record.CountExact, from: opp, to: cpp, prov: "Kampong Chhnang", role: record.RoleMember}}},
	{name: "counts summed", pub: "2024-06-01",
		text: "អ្នកគាំទ្រគណបក្សភ្លើងទៀន ៤០ នាក់ និងសកម្មជន ១០ នាក់ នៅស្រុកមង្គលបុរី ខេត្តបន្ទាយមានជ័យ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 50, qual: record.CountExact, from: cp, to: cpp, prov: "Banteay Meanchey", dist: "Mongkol Borei", role: record.RoleUnclear}}},
	{name: "a part of the group came from a party", pub: "2018-02-01",
		text: "ប្រជាពលរដ្ឋ ៣៤០ នាក់ ក្នុងនោះ ៤០ នាក់ជាអតីតសកម្មជនគណបក្សសង្គ្រោះជាតិ នៅឃុំរការ ស្រុកព្រៃកប្បាស ខេត្តតាកែវ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{
			{typ: record.EventPartyJoin, count: 340, qual: record.CountExact, to: cpp, prov: "Takeo", dist: "Prey Kabbas"},
			{typ: record.EventDefection, count: 40, qual: record.CountExact, from: cnrp, to: cpp, prov: "Takeo", dist: "Prey Kabbas", role: record.RoleActivist},
		}},
	{name: "counted, then named in the next sentence", pub: "2024-05-01",
		text: "បេក្ខជនក្រុមប្រឹក្សាឃុំពីររូបមកពីគណបក្សភ្លើងទៀន នៅស្រុកស្វាយជ្រំ ខេត្តស្វាយរៀង បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។ បេក្ខជនទាំងពីររូបនេះ មានឈ្មោះ លី សុផល និង ចាន់ ធារី។",
		want: []kmWant{{typ: record.EventDefection, count: 2, qual: record.CountExact, from: cp, to: cpp, prov: "Svay Rieng", dist: "Svay Chrum", persons: []string{"លី សុផល", "ចាន់ ធារី"}, role: record.RoleMember}}},
	{name: "headline and lead tell one ceremony", pub: "2023-08-21",
		text: "ពិធីទទួលសមាជិកថ្មីចំនួន ៥០០ នាក់ នៅខេត្តកំពត\nនៅព្រឹកថ្ងៃទី២០ ខែសីហា ឆ្នាំ២០២៣ ក្រុមការងារគណបក្សខេត្តកំពត បានរៀបចំពិធីទទួលសមាជិកថ្មីចំនួន ៥០០ នាក់ មកពីគណបក្សផ្សេងៗ ក្រោមអធិបតីភាពឯកឧត្តម អ៊ុំ វិសាល។",
		want: []kmWant{{typ: record.EventDefection, count: 500, qual: record.CountExact, from: opp, to: cpp, prov: "Kampot", date: "2023-08-20", presided: []string{"អ៊ុំ វិសាល"}}}},
	{name: "two named people arrested", pub: "2023-07-07",
		text: "អាជ្ញាធរខេត្តសៀមរាប បានឃាត់ខ្លួនសកម្មជនគណបក្សភ្លើងទៀនពីរនាក់ ឈ្មោះ សួន ចិន្តា និង ម៉ៅ រតនា កាលពីយប់ថ្ងៃទី៥ ខែកក្កដា ឆ្នាំ២០២៣។",
		want: []kmWant{{typ: record.EventArrest, count: 2, qual: record.CountExact, from: cp, to: "Siem Reap Provincial Administration", prov: "Siem Reap", date: "2023-07-05", persons: []string{"សួន ចិន្តា", "ម៉ៅ រតនា"}, role: record.RoleActivist}}},
	{name: "conviction of a named former commune chief", pub: "2021-01-01",
		text: "សាលាដំបូងខេត្តកំពង់ធំ បានផ្តន្ទាទោសលោក ខៀវ សំណាង អតីតមេឃុំមកពីគណបក្សសង្គ្រោះជាតិ ដាក់ពន្ធនាគាររយៈពេល ២ ឆ្នាំ។",
		want: []kmWant{{typ: record.EventConviction, count: -1, from: cnrp, to: "Kampong Thom Provincial Court", prov: "Kampong Thom", persons: []string{"ខៀវ សំណាង"}, role: record.RoleElectedOfficial}}},
	{name: "alleged flight is hedged", pub: "2022-01-01",
		text: "លោក ហាក់ សុខុម ដែលត្រូវបានគេចោទថាបានរត់គេចខ្លួនទៅប្រទេសថៃ បានលេចមុខនៅភ្នំពេញវិញ។",
		want: []kmWant{{typ: record.EventFlight, count: -1, persons: []string{"ហាក់ សុខុម"}, stance: record.StanceHedged}}},
	{name: "royal pardon", pub: "2022-01-01",
		text: "ព្រះមហាក្សត្របានចេញព្រះរាជក្រឹត្យព្រះរាជទានលើកលែងទោសដល់អតីតសកម្មជនគណបក្សសង្គ្រោះជាតិចំនួន ៦ នាក់។",
		want: []kmWant{{typ: record.EventRelease, count: 6, qual: record.CountExact, from: cnrp, role: record.RoleActivist}}},
	{name: "appointment told again as this appointment", pub: "2022-12-12",
		text: "លោក ផាន់ សុវណ្ណារិទ្ធ ត្រូវបានតែងតាំងជាអ្នកនាំពាក្យគណបក្សឆន្ទៈខ្មែរ\nការតែងតាំងនេះធ្វើឡើងក្នុងកិច្ចប្រជុំគណៈកម្មាធិការអចិន្ត្រៃយ៍ កាលពីថ្ងៃទី១០ ខែធ្នូ ឆ្នាំ២០២២ ក្រោមការដឹកនាំរបស់លោក ស៊ាង ម៉េងលី ប្រធានគណបក្ស។",
		want: []kmWant{{typ: record.EventAppointment, count: -1, to: "Khmer Will Party", date: "2022-12-10", persons: []string{"ផាន់ សុវណ្ណារិទ្ធ"}, presided: []string{"ស៊ាង ម៉េងលី"}, role: record.RoleLeader}}},
	{name: "from one opposition party to another", pub: "2022-11-20",
		text: "អតីតមន្ត្រីគណបក្សសង្គ្រោះជាតិ លោក ប៉ាន់ វិសិដ្ឋ បានប្តូរមកចូលរួមជាមួយគណបក្សភ្លើងទៀន កាលពីថ្ងៃទី១៨ ខែវិច្ឆិកា ឆ្នាំ២០២២។",
		want: []kmWant{{typ: record.EventDefection, count: -1, from: cnrp, to: cp, date: "2022-11-18", persons: []string{"ប៉ាន់ វិសិដ្ឋ"}, role: record.RoleLeader}}},
	{name: "abbreviations in Latin script", pub: "2018-01-01",
		text: "លោក អ៊ុក សារឿន អតីតសមាជិកគណបក្ស CNRP បានចូលជាសមាជិកគណបក្ស CPP នៅខេត្តក្រចេះ។",
		want: []kmWant{{typ: record.EventDefection, count: -1, from: cnrp, to: cpp, prov: "Kratie", persons: []string{"អ៊ុក សារឿន"}, role: record.RoleMember}}},
	{name: "more than, thousands separator", pub: "2023-01-01",
		text: "ពលរដ្ឋជាង ១,២០០ នាក់ មកពីបក្សប្រឆាំង នៅខេត្តត្បូងឃ្មុំ បានប្រកាសគាំទ្រ និងចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 1200, qual: record.CountMoreThan, from: opp, to: cpp, prov: "Tbong Khmum"}}},
	{name: "number in words", pub: "2023-01-01",
		text: "សមាជិកក្រុមប្រឹក្សាឃុំប្រាំរូបមកពីគណបក្សភ្លើងទៀន នៅស្រុកជើងព្រៃ ខេត្តកំពង់ចាម បានចុះចូលគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 5, qual: record.CountExact, from: cp, to: cpp, prov: "Kampong Cham", dist: "Cheung Prey", role: record.RoleElectedOfficial}}},
	{name: "future congress is no event", pub: "2021-12-01",
		text: "គណបក្សប្រជាជនកម្ពុជានឹងរៀបចំសន្និបាតគណៈកម្មាធិការកណ្តាលនៅខែក្រោយ។"},
	{name: "taking part in a meeting is not joining", pub: "2021-12-01",
		text: "សមាជិកគណបក្សភ្លើងទៀនបានចូលរួមកិច្ចប្រជុំនៅខេត្តតាកែវ។"},
	{name: "a ceremony for a school", pub: "2021-12-01",
		text: "ក្រុមអ្នកសារព័ត៌មានបានចូលរួមពិធីសម្ពោធសាលារៀន។"},
	{name: "speaker is the claimant, not a subject", pub: "2023-01-20",
		text: "លោក ស៊ុំ ចាន់ថន ប្រធានក្រុមការងារ បានអះអាងថា សកម្មជនបក្សប្រឆាំងចំនួន ៦០០ នាក់ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 600, qual: record.CountExact, from: opp, to: cpp, claimant: "ស៊ុំ ចាន់ថន", role: record.RoleActivist}}},
	{name: "official presided before the ceremony", pub: "2023-01-20",
		text: "ឯកឧត្តម សាយ ម៉ារិន បានអញ្ជើញជាអធិបតីក្នុងពិធីប្រកាសបញ្ចូលសមាជិកថ្មីចំនួន ៨០០ នាក់ នៅស្រុកកៀនស្វាយ។",
		want: []kmWant{{typ: record.EventPartyJoin, count: 800, qual: record.CountExact, to: cpp, prov: "Kandal", dist: "Kien Svay", presided: []string{"សាយ ម៉ារិន"}}}},
	{name: "flight with a year", pub: "2020-01-01",
		text: "អតីតប្រធានគណបក្សសង្គ្រោះជាតិ លោក ហ៊ួ ដារ៉ា បានភៀសខ្លួនទៅក្រៅប្រទេសតាំងពីឆ្នាំ២០១៦។",
		want: []kmWant{{typ: record.EventFlight, count: -1, from: cnrp, date: "2016", persons: []string{"ហ៊ួ ដារ៉ា"}, role: record.RoleLeader}}},
	{name: "handed over by Vietnamese authorities", pub: "2020-01-01",
		text: "អាជ្ញាធរវៀតណាមបានចាប់បញ្ជូនសកម្មជនបក្សប្រឆាំងបីនាក់មកឱ្យអាជ្ញាធរកម្ពុជា។",
		want: []kmWant{{typ: record.EventArrest, count: 3, qual: record.CountExact, from: opp, to: "Vietnamese authorities", role: record.RoleActivist}}},
	{name: "passive charge by prosecutor of a provincial court", pub: "2023-10-12",
		text: "សកម្មជនយុវជនចំនួន ៥ នាក់ ត្រូវបានតំណាងអយ្យការអមសាលាដំបូងខេត្តព្រះសីហនុ ចោទប្រកាន់ពីបទញុះញង់ កាលពីថ្ងៃទី៩ ខែតុលា ឆ្នាំ២០២៣។",
		want: []kmWant{{typ: record.EventCharge, count: 5, qual: record.CountExact, to: "Preah Sihanouk Provincial Court", prov: "Preah Sihanouk", date: "2023-10-09", role: record.RoleActivist}}},
	{name: "commune chief resigns post and party", pub: "2023-01-01",
		text: "មេឃុំត្រពាំងស្គន់ លោក ណុប ប៊ុនធឿន បានប្រកាសលាលែងពីតំណែង និងលាឈប់ពីគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventResignation, count: -1, from: cpp, persons: []string{"ណុប ប៊ុនធឿន"}, role: record.RoleElectedOfficial}}},
	{name: "conviction on Wednesday", pub: "2024-03-01",
		text: "តុលាការបានកាត់ទោសលោក ថន រ៉ាវី អតីតសកម្មជនគណបក្សភ្លើងទៀន ឱ្យជាប់ពន្ធនាគារ ១៨ ខែ កាលពីថ្ងៃពុធ។",
		want: []kmWant{{typ: record.EventConviction, count: -1, from: cp, date: "2024-02-28", persons: []string{"ថន រ៉ាវី"}, role: record.RoleActivist}}},
	{name: "provincial dateline gives the province", pub: "2023-01-01",
		text: "(បាត់ដំបង)៖ សកម្មជនគណបក្សកម្លាំងជាតិចំនួន ៣៥ នាក់ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 35, qual: record.CountExact, from: "Nation Power Party", to: cpp, prov: "Battambang", role: record.RoleActivist}}},
	{name: "capital dateline does not", pub: "2023-01-01",
		text: "(ភ្នំពេញ)៖ សមាជិកគណបក្សភ្លើងទៀន ៧០ នាក់ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 70, qual: record.CountExact, from: cp, to: cpp, role: record.RoleMember}}},
	{name: "asylum granted abroad", pub: "2023-01-01",
		text: "លោក ម៉ាន់ សុភ័ក្រ អតីតមន្ត្រីបក្សប្រឆាំង ទទួលបានសិទ្ធិជ្រកកោននយោបាយនៅប្រទេសអូស្ត្រាលី។",
		want: []kmWant{{typ: record.EventAsylum, count: -1, from: opp, persons: []string{"ម៉ាន់ សុភ័ក្រ"}, role: record.RoleLeader}}},
	{name: "candidate list not recognised by the NEC", pub: "2022-03-10",
		text: "គ.ជ.ប បានប្រកាសមិនទទួលស្គាល់បញ្ជីបេក្ខជនរបស់គណបក្សសម្ព័ន្ធដើម្បីប្រជាធិបតេយ្យ។",
		want: []kmWant{{typ: record.EventDisqualification, count: -1, from: "League for Democracy Party", to: "National Election Committee"}}},
	{name: "a party not recognising results is no disqualification", pub: "2022-03-10",
		text: "គណបក្សភ្លើងទៀនមិនទទួលស្គាល់លទ្ធផលបោះឆ្នោតនោះទេ។"},
	{name: "arrest then charge in one sentence", pub: "2024-01-10",
		text: "ប៉ូលិសបានចាប់ខ្លួនលោក វ៉ាន់ សុខលី កាលពីថ្ងៃទី៣ ខែមករា ឆ្នាំ២០២៤ ហើយតុលាការខេត្តកណ្តាលបានចោទប្រកាន់គាត់ពីបទក្បត់ជាតិ។",
		want: []kmWant{
			{typ: record.EventArrest, count: -1, prov: "Kandal", date: "2024-01-03", persons: []string{"វ៉ាន់ សុខលី"}},
			{typ: record.EventCharge, count: -1, to: "Kandal Provincial Court", prov: "Kandal", persons: []string{"វ៉ាន់ សុខលី"}},
		}},
	{name: "living abroad is a state, not an event", pub: "2023-01-01",
		text: "លោក ស៊ាន សុផល នៅតែរស់នៅក្រៅប្រទេសតាំងពីឆ្នាំ២០១៧។"},
	{name: "refugees as a noun", pub: "2023-01-01",
		text: "ជនភៀសខ្លួនខ្មែររាប់រយនាក់រស់នៅជំរំ។"},
	{name: "governor welcomes former members", pub: "2023-09-09",
		text: "ឯកឧត្តម ហួត វណ្ណា អភិបាលខេត្តពោធិ៍សាត់ បានទទួលស្វាគមន៍អតីតសមាជិកគណបក្សភ្លើងទៀនចំនួន ៩០ នាក់ ចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 90, qual: record.CountExact, from: cp, to: cpp, prov: "Pursat", presided: []string{"ហួត វណ្ណា"}, role: record.RoleMember}}},
	{name: "working group receives new members", pub: "2023-01-15",
		text: "ក្រុមការងារគណបក្សប្រជាជនកម្ពុជាចុះជួយស្រុកពាមរក៍ បានទទួលសមាជិកថ្មីចំនួន ៤២០ នាក់ កាលពីថ្ងៃទី១២ ខែមករា ឆ្នាំ២០២៣។",
		want: []kmWant{{typ: record.EventPartyJoin, count: 420, qual: record.CountExact, to: cpp, prov: "Prey Veng", dist: "Peam Ro", date: "2023-01-12", role: record.RoleMember}}},
	{name: "arrest with invisible spaces and a subscript variant", pub: "2023-01-01",
		text: "ស្នងការដ្ឋាននគរបាល​ខេត្តកណ្ដាល បាន​ចាប់ខ្លួន​លោក សុខ ពិសី កាលពី​ម្សិលមិញ។",
		want: []kmWant{{typ: record.EventArrest, count: -1, to: "Kandal Provincial Police", prov: "Kandal", date: "2022-12-31", persons: []string{"សុខ ពិសី"}}}},
	{name: "defectors named with និង after a count", pub: "2024-02-02",
		text: "អតីតសមាជិកក្រុមប្រឹក្សាខេត្តពីររូប គឺលោក ឌី ពិសិដ្ឋ និងលោកស្រី សេង ម៉ាលីស មកពីគណបក្សភ្លើងទៀន បានចូលរួមជាមួយគណបក្សប្រជាជនកម្ពុជា នៅខេត្តកោះកុង។",
		want: []kmWant{{typ: record.EventDefection, count: 2, qual: record.CountExact, from: cp, to: cpp, prov: "Koh Kong", persons: []string{"ឌី ពិសិដ្ឋ", "សេង ម៉ាលីស"}, role: record.RoleElectedOfficial}}},
	{name: "returned to the party", pub: "2024-02-02",
		text: "អតីតសកម្មជនចំនួន ៣០ នាក់ បានវិលត្រឡប់មកគណបក្សប្រជាជនកម្ពុជាវិញ នៅស្រុកថ្មគោល ខេត្តបាត់ដំបង។",
		want: []kmWant{{typ: record.EventPartyJoin, count: 30, qual: record.CountExact, to: cpp, prov: "Battambang", dist: "Thma Koul", role: record.RoleActivist}}},
	{name: "release from prison of a named activist", pub: "2024-02-02",
		text: "សកម្មជនបរិស្ថាន លោក ឡុង គីមហុង ត្រូវបានដោះលែងចេញពីពន្ធនាគារព្រៃស កាលពីថ្ងៃទី៣០ ខែមករា ឆ្នាំ២០២៤។",
		want: []kmWant{{typ: record.EventRelease, count: -1, date: "2024-01-30", persons: []string{"ឡុង គីមហុង"}, role: record.RoleActivist}}},
	{name: "at least, in Khmer", pub: "2024-02-02",
		text: "យ៉ាងហោចណាស់ ២០ នាក់ មកពីគណបក្សកម្លាំងជាតិ បានចូលជាសមាជិកគណបក្សភ្លើងទៀន នៅរាជធានីភ្នំពេញ។",
		want: []kmWant{{typ: record.EventDefection, count: 20, qual: record.CountAtLeast, from: "Nation Power Party", to: cp, prov: "Phnom Penh"}}},
	{name: "khan of the capital", pub: "2024-09-10",
		text: "អតីតបេក្ខជនគណបក្សភ្លើងទៀនចំនួន ៤៥ រូប នៅខណ្ឌសែនសុខ រាជធានីភ្នំពេញ បានប្រកាសចូលរួមជីវភាពនយោបាយជាមួយគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 45, qual: record.CountExact, from: cp, to: cpp, prov: "Phnom Penh", dist: "Sen Sok", role: record.RoleMember}}},
	{name: "declared support for the ruling party", pub: "2023-03-03",
		text: "សកម្មជនបក្សប្រឆាំងចំនួន ១២០ នាក់ នៅស្រុកសំរោងទង ខេត្តកំពង់ស្ពឺ បានប្រកាសគាំទ្រគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 120, qual: record.CountExact, from: opp, to: cpp, prov: "Kampong Speu", dist: "Samraong Tong", role: record.RoleActivist}}},
	{name: "support for a decision is no join", pub: "2023-03-03",
		text: "សមាជិកគណបក្សភ្លើងទៀនបានប្រកាសគាំទ្រការសម្រេចចិត្តរបស់ថ្នាក់ដឹកនាំ។"},
	{name: "the party's leader is neither subject nor presiding", pub: "2024-01-01",
		text: "អតីតសមាជិកគណបក្សភ្លើងទៀន ៦០ នាក់ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា ក្រោមការដឹកនាំដ៏ឈ្លាសវៃរបស់សម្តេចធិបតី ហ៊ុន ម៉ាណែត។",
		want: []kmWant{{typ: record.EventDefection, count: 60, qual: record.CountExact, from: cp, to: cpp, role: record.RoleMember}}},
	{name: "banned from standing", pub: "2022-01-01",
		text: "អតីតមេឃុំមកពីគណបក្សសង្គ្រោះជាតិ ត្រូវបានតុលាការហាមឃាត់មិនឱ្យឈរឈ្មោះបោះឆ្នោត។",
		want: []kmWant{{typ: record.EventDisqualification, count: -1, from: cnrp, role: record.RoleElectedOfficial}}},
	{name: "out of prison after a year", pub: "2024-06-10",
		text: "សកម្មជនសហជីពពីររូប បានរួចផុតពីពន្ធនាគារ កាលពីថ្ងៃទី៥ ខែមិថុនា ឆ្នាំ២០២៤ បន្ទាប់ពីជាប់ឃុំអស់រយៈពេលមួយឆ្នាំ។",
		want: []kmWant{{typ: record.EventRelease, count: 2, qual: record.CountExact, date: "2024-06-05", role: record.RoleActivist}}},
	{name: "working with the authorities is no join", pub: "2023-03-03",
		text: "ប្រជាពលរដ្ឋ ៥០០ នាក់ បានចូលរួមជាមួយអាជ្ញាធរដើម្បីសម្អាតភូមិ។"},
	{name: "surrender to the police is no join", pub: "2023-03-03",
		text: "ជនសង្ស័យម្នាក់បានចុះចូលសមត្ថកិច្ចនៅស្រុកស្អាង។"},
	{name: "thousands written with a space", pub: "2023-03-03",
		text: "សមាជិកគណបក្សកម្លាំងជាតិចំនួន ១ ២០០ នាក់ នៅខេត្តកំពង់ធំ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 1200, qual: record.CountExact, from: "Nation Power Party", to: cpp, prov: "Kampong Thom", role: record.RoleMember}}},
	{name: "more than after the counter", pub: "2023-03-03",
		text: "អ្នកគាំទ្របក្សប្រឆាំង ៣០០នាក់ជាង នៅខេត្តកែប បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 300, qual: record.CountMoreThan, from: opp, to: cpp, prov: "Kep", role: record.RoleSupporter}}},
	{name: "an official who came is presiding", pub: "2023-03-03",
		text: "ឯកឧត្តម ជា វិបុល ប្រធានក្រុមការងារ បានអញ្ជើញចូលរួមក្នុងពិធីទទួលសមាជិកថ្មីចំនួន ២០០ នាក់ នៅស្រុកអង្គរជ័យ ខេត្តកំពត។",
		want: []kmWant{{typ: record.EventPartyJoin, count: 200, qual: record.CountExact, to: cpp, prov: "Kampot", dist: "Angkor Chey", presided: []string{"ជា វិបុល"}, role: record.RoleMember}}},
	{name: "this arrest refers back", pub: "2024-03-14",
		text: "លោក ឈួន សុភារ៉ា សកម្មជនគណបក្សភ្លើងទៀន ត្រូវបានសមត្ថកិច្ចខេត្តព្រៃវែងចាប់ខ្លួន កាលពីល្ងាចថ្ងៃទី១២ ខែមីនា។\nការចាប់ខ្លួននេះ ធ្វើឡើងប៉ុន្មានខែមុនការបោះឆ្នោតជាតិ។",
		want: []kmWant{{typ: record.EventArrest, count: -1, from: cp, prov: "Prey Veng", date: "2024-03-12", persons: []string{"ឈួន សុភារ៉ា"}, role: record.RoleActivist}}},
	{name: "the ceremony's date in the next sentence", pub: "2024-06-12",
		text: "(ភ្នំពេញ)៖ សមាជិក និងសកម្មជនគណបក្សភ្លើងទៀន ចំនួនជាង ៧០០នាក់ នៅខេត្តបាត់ដំបង បានសុំចូលរួមជីវភាពនយោបាយជាមួយគណបក្សប្រជាជនកម្ពុជា។\nពិធីប្រកាសចូលរួមនេះ បានប្រព្រឹត្តទៅនៅថ្ងៃទី១០ ខែមិថុនា ឆ្នាំ២០២៤ ក្រោមអធិបតីភាពឯកឧត្តម ងួន រតនៈ។",
		want: []kmWant{{typ: record.EventDefection, count: 700, qual: record.CountMoreThan, from: cp, to: cpp, prov: "Battambang", date: "2024-06-10", presided: []string{"ងួន រតនៈ"}, role: record.RoleUnclear}}},
	{name: "dissolution with a ban from politics", pub: "2017-11-17",
		text: "តុលាការកំពូលបានសម្រេចរំលាយគណបក្សសង្គ្រោះជាតិ និងហាមឃាត់មិនឱ្យមន្ត្រីជាន់ខ្ពស់ចំនួន ១១៨ នាក់ ធ្វើនយោបាយរយៈពេល ៥ ឆ្នាំ កាលពីថ្ងៃទី១៦ ខែវិច្ឆិកា ឆ្នាំ២០១៧។",
		want: []kmWant{{typ: record.EventDisqualification, count: 118, qual: record.CountExact, from: cnrp, to: "Supreme Court", date: "2017-11-16", role: record.RoleLeader}}},
	{name: "leaving a party without joining another", pub: "2023-02-02",
		text: "លោក សាន់ វិបុល អនុប្រធានគណបក្សកម្លាំងជាតិប្រចាំខេត្តតាកែវ បានប្រកាសចាកចេញពីគណបក្សកម្លាំងជាតិ។",
		want: []kmWant{{typ: record.EventResignation, count: -1, from: "Nation Power Party", prov: "Takeo", persons: []string{"សាន់ វិបុល"}, role: record.RoleLeader}}},
	{name: "leaving then joining across sentences is one defection", pub: "2023-02-02",
		text: "សមាជិកគណបក្សភ្លើងទៀនចំនួន ៤០ នាក់ នៅខេត្តតាកែវ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។ ពួកគេបានប្រកាសចាកចេញពីគណបក្សភ្លើងទៀន ដោយសារបាត់បង់ជំនឿ។",
		want: []kmWant{{typ: record.EventDefection, count: 40, qual: record.CountExact, from: cp, to: cpp, prov: "Takeo", role: record.RoleMember}}},
	{name: "promoted to a post", pub: "2023-02-02",
		text: "លោក ទិត ច័ន្ទតារា ត្រូវបានដំឡើងជាអគ្គលេខាធិការគណបក្សភ្លើងទៀន កាលពីថ្ងៃទី២០ ខែមករា ឆ្នាំ២០២៣។",
		want: []kmWant{{typ: record.EventAppointment, count: -1, to: cp, date: "2023-01-20", persons: []string{"ទិត ច័ន្ទតារា"}, role: record.RoleLeader}}},
	{name: "appointed in place of one who resigned", pub: "2024-06-12",
		text: "គណបក្សភ្លើងទៀន បានប្រកាសតែងតាំងលោក អ៊ឹង ចាន់ធូ ជាប្រធានគណៈកម្មាធិការគណបក្សប្រចាំខេត្តក្រចេះ ជំនួសលោក ស៊ឺន សុផល ដែលបានលាលែងពីតំណែងកាលពីខែមុន។",
		want: []kmWant{
			{typ: record.EventAppointment, count: -1, to: cp, prov: "Kratie", persons: []string{"អ៊ឹង ចាន់ធូ"}, role: record.RoleLeader},
			{typ: record.EventResignation, count: -1, from: cp, prov: "Kratie", date: "2024-05", persons: []string{"ស៊ឺន សុផល"}},
		}},
	{name: "fled, then refugee status from UNHCR", pub: "2024-06-12",
		text: "អតីតសកម្មជនគណបក្សសង្គ្រោះជាតិពីរនាក់ ដែលបានភៀសខ្លួនទៅប្រទេសថៃកាលពីឆ្នាំ២០២១ ត្រូវបានអង្គការ UNHCR ផ្តល់ឋានៈជាជនភៀសខ្លួន។",
		want: []kmWant{
			{typ: record.EventFlight, count: 2, qual: record.CountExact, from: cnrp, date: "2021", role: record.RoleActivist},
			{typ: record.EventAsylum, count: 2, qual: record.CountExact, from: cnrp, to: "UNHCR", role: record.RoleActivist},
		}},
	{name: "a body is the claimant", pub: "2023-01-23",
		text: "ក្រុមការងារគណបក្សប្រជាជនកម្ពុជាខេត្តកំពង់ចាម បានអះអាងថា សមាជិកគណបក្សភ្លើងទៀនចំនួន ៦៧៥ នាក់ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។ ប៉ុន្តែអ្នកនាំពាក្យគណបក្សភ្លើងទៀន លោក គង់ មុនី បានបដិសេធថា ព័ត៌មាននេះមិនពិតទេ។",
		want: []kmWant{{typ: record.EventDefection, count: 675, qual: record.CountExact, from: cp, to: cpp, prov: "Kampong Cham", claimant: cpp, role: record.RoleMember}}},
	{name: "the governor who attended presides", pub: "2023-06-12",
		text: "(ព្រៃវែង)៖ អតីតសមាជិក សមាជិកា សកម្មជន និងអ្នកគាំទ្របក្សប្រឆាំង ចំនួន ៣៥០នាក់ មកពីស្រុកចំនួន ៣ នៃខេត្តព្រៃវែង បានដាក់ពាក្យសុំចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា នាថ្ងៃទី១៥ ខែមករា ឆ្នាំ២០២៣។ ពិធីនេះក៏មានការចូលរួមពីឯកឧត្តម ប៉ែន សុវណ្ណ អភិបាលខេត្តព្រៃវែងផងដែរ។",
		want: []kmWant{{typ: record.EventDefection, count: 350, qual: record.CountExact, from: opp, to: cpp, prov: "Prey Veng", date: "2023-01-15", presided: []string{"ប៉ែន សុវណ្ណ"}, role: record.RoleUnclear}}},
	{name: "returning home is no event", pub: "2023-06-12",
		text: "លោក ហេង សុផល អតីតតំណាងរាស្ត្រគណបក្សសង្គ្រោះជាតិ មណ្ឌលខេត្តសៀមរាប បានវិលត្រឡប់មកប្រទេសកម្ពុជាវិញ បន្ទាប់ពីរស់នៅក្រៅប្រទេសជាង ៥ ឆ្នាំ។"},
	{name: "a part of the group told after the verb", pub: "2018-02-01",
		text: "ប្រជាពលរដ្ឋចំនួន ៥០០ នាក់ នៅស្រុកបាទី ខេត្តតាកែវ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា ក្នុងនោះមានអតីតសកម្មជនគណបក្សសង្គ្រោះជាតិចំនួន ៦០ នាក់។",
		want: []kmWant{
			{typ: record.EventPartyJoin, count: 500, qual: record.CountExact, to: cpp, prov: "Takeo", dist: "Bati"},
			{typ: record.EventDefection, count: 60, qual: record.CountExact, from: cnrp, to: cpp, prov: "Takeo", dist: "Bati", role: record.RoleActivist},
		}},
	{name: "a party refused for lack of documents", pub: "2023-06-12",
		text: "ថ្ងៃទី២០ ខែមីនា ឆ្នាំ២០២៣ គណៈកម្មាធិការជាតិរៀបចំការបោះឆ្នោត បានចេញសេចក្តីប្រកាសមិនទទួលស្គាល់គណបក្សភ្លើងទៀន ក្នុងការចុះបញ្ជីបោះឆ្នោតជ្រើសតាំងតំណាងរាស្ត្រ ដោយសារខ្វះឯកសារ។",
		want: []kmWant{{typ: record.EventDisqualification, count: -1, from: cp, to: "National Election Committee", date: "2023-03-20", role: record.RoleUnclear}}},
	{name: "a leader brings a large group: two events", pub: "2023-04-10",
		text: "លោក ឈាង គីមសេង អតីតមន្ត្រីគណបក្សភ្លើងទៀន បាននាំសមាជិកជាង ៧០០ នាក់ ចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា នៅរាជធានីភ្នំពេញ កាលពីថ្ងៃទី៩ ខែមេសា ឆ្នាំ២០២៣។",
		want: []kmWant{
			{typ: record.EventDefection, count: -1, from: cp, to: cpp, prov: "Phnom Penh", date: "2023-04-09", persons: []string{"ឈាង គីមសេង"}, role: record.RoleLeader},
			{typ: record.EventDefection, count: 700, qual: record.CountMoreThan, from: cp, to: cpp, prov: "Phnom Penh", date: "2023-04-09", role: record.RoleLeader},
		}},
	{name: "the ceremony's date in the sentence before", pub: "2023-05-02",
		text: "នាព្រឹកថ្ងៃទី៣០ ខែមេសា ឆ្នាំ២០២៣ ក្រុមការងារគណបក្សខេត្តតាកែវ បានរៀបចំពិធីមួយនៅស្រុកត្រាំកក់។ នៅក្នុងពិធីនោះ សមាជិកគណបក្សឆន្ទៈខ្មែរចំនួន ៨៥ នាក់ បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។",
		want: []kmWant{{typ: record.EventDefection, count: 85, qual: record.CountExact, from: "Khmer Will Party", to: cpp, prov: "Takeo", dist: "Tram Kak", date: "2023-04-30", role: record.RoleMember}}},
	{name: "not only joined, and no fewer than", pub: "2023-05-02",
		text: "អ្នកគាំទ្រគណបក្សភ្លើងទៀនមិនតិចជាង ៥០០ នាក់ មិនត្រឹមតែចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជាទេ ថែមទាំងបានបរិច្ចាគថវិកាទៀតផង។",
		want: []kmWant{{typ: record.EventDefection, count: 500, qual: record.CountAtLeast, from: cp, to: cpp, role: record.RoleSupporter}}},
	{name: "joining a union is no party join", pub: "2023-05-02",
		text: "កម្មករចំនួន ៣០០ នាក់ បានចូលជាសមាជិកសហជីពឯករាជ្យនៅរោងចក្រកាត់ដេរក្នុងខេត្តកំពង់ស្ពឺ។"},
	{name: "welcoming a group of activists", pub: "2023-05-02",
		text: "ក្រុមការងារគណបក្សប្រជាជនកម្ពុជា បានទទួលស្វាគមន៍ក្រុមសកម្មជនគណបក្សភ្លើងទៀនចំនួន ៤៥ នាក់ នៅស្រុកសង្កែ ខេត្តបាត់ដំបង។",
		want: []kmWant{{typ: record.EventDefection, count: 45, qual: record.CountExact, from: cp, to: cpp, prov: "Battambang", dist: "Sangkae", role: record.RoleActivist}}},
	{name: "appointment plan is not an appointment", pub: "2024-09-10",
		text: "គណបក្សភ្លើងទៀនគ្រោងនឹងតែងតាំងអ្នកនាំពាក្យថ្មីនៅខែក្រោយ។"},
}

func kmDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func kmSet(xs []string) string {
	ys := append([]string(nil), xs...)
	sort.Strings(ys)
	return strings.Join(ys, "|")
}

func TestKhmerRules(t *testing.T) {
	if n := len(kmCases); n < 60 {
		t.Fatalf("only %d Khmer cases; keep at least 60", n)
	}
	for _, tc := range kmCases {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Text: tc.text, Lang: record.LangKhmer, Published: kmDate(tc.pub), Outlet: "Test"}
			got := Asserted(Extract(in))
			if len(got) != len(tc.want) {
				for _, e := range got {
					t.Logf("got %s count=%v from=%q to=%q persons=%v evidence=%q", e.Type, kmCountString(e.Count), e.FromOrg, e.ToOrg, e.Persons, e.Evidence)
				}
				t.Fatalf("%d events, want %d", len(got), len(tc.want))
			}
			for i, w := range tc.want {
				e := got[i]
				check := func(field, have, want string) {
					if have != want {
						t.Errorf("event %d (%s) %s = %q, want %q", i, e.Type, field, have, want)
					}
				}
				check("type", string(e.Type), string(w.typ))
				wantCount := "null"
				if w.count >= 0 {
					wantCount = fmt.Sprint(w.count)
				}
				check("count", kmCountString(e.Count), wantCount)
				if w.count >= 0 {
					check("qualifier", string(e.CountQualifier), string(w.qual))
				}
				check("from", e.FromOrg, w.from)
				check("to", e.ToOrg, w.to)
				check("province", e.Place.Province, w.prov)
				check("district", e.Place.District, w.dist)
				check("date", e.Date.String(), w.date)
				check("persons", kmSet(e.Persons), kmSet(w.persons))
				check("presided", kmSet(e.PresidedBy), kmSet(w.presided))
				stance := w.stance
				if stance == "" {
					stance = record.StanceAsserts
				}
				check("stance", string(e.Stance), string(stance))
				if w.claimant != "" {
					check("claimant", e.Claimant, w.claimant)
				}
				if w.role != "" {
					check("role", string(e.RoleClass), string(w.role))
				}
				if e.Evidence != tc.text[e.Span.Start:e.Span.End] {
					t.Errorf("evidence is not the text of its span")
				}
			}
		})
	}
}

func kmCountString(c *int64) string {
	if c == nil {
		return "null"
	}
	return fmt.Sprint(*c)
}

// Denials are kept as citations that deny, never as events.
func TestKhmerDenialStance(t *testing.T) {
	in := Input{Text: "គណបក្សភ្លើងទៀនបានបដិសេធព័ត៌មានដែលថាសមាជិក ៥០០ នាក់បានចូលជាសមាជិកគណបក្សប្រជាជនកម្ពុជា។", Lang: "km"}
	evs := Extract(in)
	if len(evs) != 1 || evs[0].Stance != record.StanceDenies {
		t.Fatalf("got %+v, want one denied event", evs)
	}
}

func TestKhmerNames(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"ក្រោមអធិបតីភាព ឯកឧត្តម គួង វិចិត្រ ប្រធានក្រុមការងារ ឯកឧត្តម ពៅ សុភា ប្រធានគណៈកម្មាធិការ និងឯកឧត្តម ឡេង ច័ន្ទផល្លាអនុប្រធាន", []string{"គួង វិចិត្រ", "ពៅ សុភា", "ឡេង ច័ន្ទផល្លា"}},
		{"លោកឃុន សុផារ៉ា ជាប្រធានចៅក្រម", []string{"ឃុន សុផារ៉ា"}},
		{"យុវជនពីរនាក់ ឈ្មោះ ជុំ សុខា និង ជុំ សុខន", []string{"ជុំ សុខា", "ជុំ សុខន"}},
		{"លោកបានប្រាប់ថា ពិភពលោកកំពុងតាមដាន", nil},
		{"ប្រធានគណបក្សភ្លើងទៀនលោក ម៉ុក សុធា ប្រាប់", []string{"ម៉ុក សុធា"}},
		{"លោកបណ្ឌិត ហេង វិបុល និងលោកស្រី ណាង សុខលី", []string{"ហេង វិបុល", "ណាង សុខលី"}},
		{"យុវជន ជុំ សុវណ្ណ បានប្រាប់ថា យុវជនកម្ពុជា ជាច្រើនចង់ចូលរួម", []string{"ជុំ សុវណ្ណ"}},
	}
	for _, tt := range tests {
		var toks []kmTok
		for _, m := range kmMatcher.Find(tt.text) {
			toks = append(toks, kmTok{m.Start, m.End, &kmWords[m.Index]})
		}
		var got []string
		for _, n := range kmFindNames(tt.text, kmGaz, toks) {
			got = append(got, n.name)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("names in %q = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func FuzzExtractKm(f *testing.F) {
	for _, tc := range kmCases[:12] {
		f.Add(tc.text)
	}
	f.Add("ឈ្មោះ ឈ្មោះ និង និង លោក លោក ។ ក្នុងនោះ ក្នុងនោះ ៣នាក់")
	f.Fuzz(func(t *testing.T, s string) {
		in := Input{Text: s, Lang: "km", Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		for _, e := range Extract(in) {
			if e.Span.Start < 0 || e.Span.End > len(s) || e.Evidence != s[e.Span.Start:e.Span.End] {
				t.Fatalf("bad span %v in %q", e.Span, s)
			}
			if e.Count != nil && *e.Count < 0 {
				t.Fatalf("negative count in %q", s)
			}
		}
	})
}

func BenchmarkExtractKm(b *testing.B) {
	var text strings.Builder
	for _, tc := range kmCases[:20] {
		text.WriteString(tc.text)
		text.WriteString("\n")
	}
	in := Input{Text: text.String(), Lang: "km", Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	b.SetBytes(int64(len(in.Text)))
	for b.Loop() {
		Extract(in)
	}
}
