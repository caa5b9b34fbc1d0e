package extract

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kamnotra/kamnotra/internal/record"
)

// want is an expected event. Type, count, organisations, province and date
// are always checked ("" and 0 mean none); persons when not nil; stance,
// claimant, district and presided_by when set.
type want struct {
	typ      record.EventType
	count    int64
	q        record.CountQualifier
	from, to string
	persons  []string
	prov     string
	district string
	date     string
	stance   record.Stance
	claimant string
	presided []string
}

type enCase struct {
	name   string
	text   string
	pub    string // YYYY-MM-DD publication date, "" when unknown
	want   []want // the asserted events, in order
	denied int    // how many denials
}

const (
	tCPP = CPP
	tCP  = Candlelight
)

// The sentences are invented, in the style of Cambodian news reports; the
// people in them do not exist.
var enCases = []enCase{
	// Defections and joinings.
	{name: "more than N members of X joined Y", pub: "2024-03-12",
		text: "More than 600 members of the Candlelight Party in Kampot province joined the Cambodian People's Party on Saturday, a party official said.",
		want: []want{{typ: record.EventDefection, count: 600, q: record.CountMoreThan, from: tCP, to: tCPP, prov: "Kampot", date: "2024-03-09"}}},
	{name: "some N defected to the ruling party",
		text: "Some 150 former CNRP activists in Prey Veng defected to the ruling party, according to a statement from the provincial working group.",
		want: []want{{typ: record.EventDefection, count: 150, q: record.CountAbout, from: CNRP, to: tCPP, prov: "Prey Veng"}}},
	{name: "named councillor switched to",
		text: "Nhem Sokha, a Khmer Will Party commune councillor in Svay Rieng, switched to the CPP last week.",
		want: []want{{typ: record.EventDefection, from: KhmerWill, to: tCPP, persons: []string{"Nhem Sokha"}, prov: "Svay Rieng"}}},
	{name: "quit X to join Y", pub: "2024-02-01",
		text: "Chan Dara quit the Candlelight Party to join the CPP on January 22.",
		want: []want{{typ: record.EventDefection, from: tCP, to: tCPP, persons: []string{"Chan Dara"}, date: "2024-01-22"}}},
	{name: "party welcomed N new members", pub: "2024-06-05",
		text: "The CPP welcomed 245 new members from the Nation Power Party at a ceremony in Takeo on Sunday.",
		want: []want{{typ: record.EventDefection, count: 245, from: NationPower, to: tCPP, prov: "Takeo", date: "2024-06-02"}}},
	{name: "at least N, media reported",
		text: "At least 30 FUNCINPEC supporters have joined the Cambodian People's Party in Kratie, pro-government media reported.",
		want: []want{{typ: record.EventDefection, count: 30, q: record.CountAtLeast, from: FUNCINPEC, to: tCPP, prov: "Kratie", claimant: "pro-government media"}}},
	{name: "about N from other parties, claimed",
		text: "About 2,000 people from other parties joined the CPP in Siem Reap province, the party's provincial chief claimed.",
		want: []want{{typ: record.EventDefection, count: 2000, q: record.CountAbout, from: OtherParties, to: tCPP, prov: "Siem Reap", stance: record.StanceHedged}}},
	{name: "former lawmaker has joined",
		text: "Meas Sophorn, a former Sam Rainsy Party lawmaker, has joined the Candlelight Party.",
		want: []want{{typ: record.EventDefection, from: SRP, to: tCP, persons: []string{"Meas Sophorn"}}}},
	{name: "villagers joined, presided over by",
		text: "Three hundred villagers in Kampong Speu joined the ruling party during a ceremony presided over by Senator Keo Rathana.",
		want: []want{{typ: record.EventPartyJoin, count: 300, to: tCPP, prov: "Kampong Speu", presided: []string{"Keo Rathana"}}}},
	{name: "two councillors defected",
		text: "Two Grassroots Democratic Party commune councillors defected to the CPP in Battambang.",
		want: []want{{typ: record.EventDefection, count: 2, from: GDP, to: tCPP, prov: "Battambang"}}},
	{name: "two named by joining", pub: "2022-01-05",
		text: "Ouk Bunthoeun and Lay Vichet, both former CNRP commune chiefs, returned to politics by joining the Candlelight Party on Monday.",
		want: []want{{typ: record.EventDefection, from: CNRP, to: tCP, persons: []string{"Ouk Bunthoeun", "Lay Vichet"}, date: "2022-01-03"}}},
	{name: "accepted N defectors",
		text: "The ruling party accepted 78 defectors from the opposition in Pursat.",
		want: []want{{typ: record.EventDefection, count: 78, from: OppositionUnspecified, to: tCPP, prov: "Pursat"}}},
	{name: "pledged allegiance, outlet claimant",
		text: "More than 1,200 opposition supporters pledged allegiance to the CPP in Kampong Cham, Fresh News reported.",
		want: []want{{typ: record.EventDefection, count: 1200, q: record.CountMoreThan, from: OppositionUnspecified, to: tCPP, prov: "Kampong Cham", claimant: "Fresh News"}}},
	{name: "defected, received by governor",
		text: "Yim Sovann, a Candlelight Party activist in Kandal province, defected to the CPP on 3 February 2024 in a ceremony presided over by provincial governor Kong Sophorn.",
		want: []want{{typ: record.EventDefection, from: tCP, to: tCPP, persons: []string{"Yim Sovann"}, prov: "Kandal", date: "2024-02-03", presided: []string{"Kong Sophorn"}}}},
	{name: "left X and joined Y",
		text: "Heng Piseth left the Khmer Will Party and joined the CPP.",
		want: []want{{typ: record.EventDefection, from: KhmerWill, to: tCPP, persons: []string{"Heng Piseth"}}}},
	{name: "over N youth activists",
		text: "Over 50 youth activists from the Candlelight Party joined the CPP in Koh Kong.",
		want: []want{{typ: record.EventDefection, count: 50, q: record.CountMoreThan, from: tCP, to: tCPP, prov: "Koh Kong"}}},
	{name: "number in words",
		text: "Twenty-five former FUNCINPEC officials joined the Candlelight Party.",
		want: []want{{typ: record.EventDefection, count: 25, from: FUNCINPEC, to: tCP}}},
	{name: "coordinated list summed",
		text: "Two lawmakers, three provincial councillors and another official from the Khmer Will Party joined the CPP.",
		want: []want{{typ: record.EventDefection, count: 6, from: KhmerWill, to: tCPP}}},
	{name: "group and subset", pub: "2024-04-10",
		text: "In a ceremony in Kampong Thom on Sunday, 320 people – 20 of them former Candlelight activists – joined the CPP.",
		want: []want{
			{typ: record.EventPartyJoin, count: 320, to: tCPP, prov: "Kampong Thom", date: "2024-04-07"},
			{typ: record.EventDefection, count: 20, from: tCP, to: tCPP, prov: "Kampong Thom", date: "2024-04-07"},
		}},
	{name: "nearly N have defected, the party said",
		text: "Nearly 3,000 CNRP commune councillors have defected to the CPP, the party said.",
		want: []want{{typ: record.EventDefection, count: 3000, q: record.CountAbout, from: CNRP, to: tCPP}}},
	{name: "district gives the province",
		text: "A total of 85 Candlelight members in Bati district joined the CPP.",
		want: []want{{typ: record.EventDefection, count: 85, from: tCP, to: tCPP, prov: "Takeo", district: "Bati"}}},

	// Not events: plans, conditions, threats, wishes, ongoing states.
	{name: "would be joining", text: "Chan Dara said he would be joining the CPP after the election."},
	{name: "plan to welcome", text: "Party officials plan to welcome 500 new members next month."},
	{name: "conditional", text: "If the opposition members defect, they will keep their jobs, Keo Rathana said."},
	{name: "threatened to arrest", text: "The prime minister threatened to arrest Candlelight members who protest."},
	{name: "urged to join", text: "The governor urged former CNRP members to join the CPP before the deadline."},
	{name: "remains in exile", text: "Pich Sreymom remains in exile in Thailand."},
	{name: "continued to join", text: "Opposition members continued to join the ruling party across the country."},
	{name: "may arrest", text: "Local officials may arrest anyone who spoils a ballot."},
	{name: "whether", text: "It is unclear whether the four councillors have joined another party."},
	{name: "arrest warrant is not an arrest", text: "Lay Vichet left the country after receiving notice of an arrest warrant.",
		want: []want{{typ: record.EventFlight, persons: []string{"Lay Vichet"}}}},
	{name: "joined a rally", text: "More than 200 workers joined a rally outside the Ministry of Labour on Monday."},
	{name: "joined the ministry", text: "Chan Dara joined the Ministry of Interior in 2010 as a junior official."},
	{name: "press release", text: "The Candlelight Party released a statement on the elections."},

	// Denials are kept apart from events.
	{name: "denied that", denied: 1,
		text: "Candlelight spokesman Thy Chanthou denied that 300 members had defected to the CPP."},
	{name: "never joined", denied: 1,
		text: "Sok Vannak said he had never joined the ruling party."},

	// Resignations.
	{name: "resigned from party", pub: "2023-05-18",
		text: "Keo Rathana resigned from the Candlelight Party on Tuesday, citing pressure from local authorities.",
		want: []want{{typ: record.EventResignation, from: tCP, persons: []string{"Keo Rathana"}, date: "2023-05-16"}}},
	{name: "stepped down from post", pub: "2023-05-18",
		text: "Sok Vannak stepped down as deputy governor of Battambang province last month.",
		want: []want{{typ: record.EventResignation, persons: []string{"Sok Vannak"}, prov: "Battambang", date: "2023-04"}}},
	{name: "quit party",
		text: "Lay Vichet quit the Cambodian People's Party last week.",
		want: []want{{typ: record.EventResignation, from: tCPP, persons: []string{"Lay Vichet"}}}},

	// Appointments.
	{name: "party appointed spokesman",
		text: "The Candlelight Party appointed Meas Sophorn as its new spokesman on 2 November 2021.",
		want: []want{{typ: record.EventAppointment, to: tCP, persons: []string{"Meas Sophorn"}, date: "2021-11-02"}}},
	{name: "was appointed adviser",
		text: "Chan Dara was appointed an adviser to the Ministry of Interior.",
		want: []want{{typ: record.EventAppointment, to: InteriorMinistry, persons: []string{"Chan Dara"}}}},

	// Arrests.
	{name: "police arrested N", pub: "2023-06-14",
		text: "Police arrested three Candlelight Party activists in Siem Reap on Friday.",
		want: []want{{typ: record.EventArrest, count: 3, from: tCP, to: NationalPolice, prov: "Siem Reap", date: "2023-06-09"}}},
	{name: "Thai authorities arrested named", pub: "2021-11-20",
		text: "Thai authorities arrested former CNRP activist Pich Sreymom in Bangkok on Tuesday.",
		want: []want{{typ: record.EventArrest, from: CNRP, to: ThaiAuthorities, persons: []string{"Pich Sreymom"}, date: "2021-11-16"}}},
	{name: "was arrested by police",
		text: "Ouk Bunthoeun, a Candlelight Party member, was arrested by police in Tbong Khmum province.",
		want: []want{{typ: record.EventArrest, from: tCP, to: NationalPolice, persons: []string{"Ouk Bunthoeun"}, prov: "Tbong Khmum"}}},
	{name: "allegedly detained",
		text: "Four opposition officials were allegedly detained in Kampong Chhnang.",
		want: []want{{typ: record.EventArrest, count: 4, from: OppositionUnspecified, prov: "Kampong Chhnang", stance: record.StanceHedged}}},
	{name: "arrested yesterday", pub: "2023-02-15",
		text: "Ouk Bunthoeun was arrested yesterday in Phnom Penh.",
		want: []want{{typ: record.EventArrest, persons: []string{"Ouk Bunthoeun"}, prov: "Phnom Penh", date: "2023-02-14"}}},

	// Charges.
	{name: "court charged named", pub: "2022-08-10",
		text: "The Phnom Penh Municipal Court charged Yim Sovann with incitement on Monday.",
		want: []want{{typ: record.EventCharge, to: PhnomPenhCourt, persons: []string{"Yim Sovann"}, prov: "Phnom Penh", date: "2022-08-08"}}},
	{name: "were charged, according to",
		text: "Two CNRP activists were charged with plotting treason, according to their lawyer.",
		want: []want{{typ: record.EventCharge, count: 2, from: CNRP, claimant: "their lawyer"}}},
	{name: "charges were filed against", pub: "2023-03-01",
		text: "Charges were filed against six Candlelight officials in August last year.",
		want: []want{{typ: record.EventCharge, count: 6, from: tCP, date: "2022-08"}}},

	// Convictions.
	{name: "sentenced in absentia",
		text: "The Phnom Penh Municipal Court sentenced exiled opposition leader Nhem Sokha in absentia to 10 years in prison.",
		want: []want{{typ: record.EventConviction, from: OppositionUnspecified, to: PhnomPenhCourt, persons: []string{"Nhem Sokha"}, prov: "Phnom Penh"}}},
	{name: "convicted by provincial court",
		text: "Heng Piseth was convicted of incitement and sentenced to two years by the Kandal Provincial Court.",
		want: []want{{typ: record.EventConviction, to: "Kandal Provincial Court", persons: []string{"Heng Piseth"}, prov: "Kandal"}}},
	{name: "found guilty",
		text: "Eleven Candlelight activists were found guilty of forging documents.",
		want: []want{{typ: record.EventConviction, count: 11, from: tCP}}},

	// Releases.
	{name: "released on bail", pub: "2023-03-20",
		text: "Pich Sreymom was released on bail on Thursday after three weeks in pre-trial detention.",
		want: []want{{typ: record.EventRelease, persons: []string{"Pich Sreymom"}, date: "2023-03-16"}}},
	{name: "authorities freed N",
		text: "Authorities freed five detained CNRP activists from Prey Sar prison.",
		want: []want{{typ: record.EventRelease, count: 5, from: CNRP}}},
	{name: "granted bail to",
		text: "The court granted bail to Lay Vichet.",
		want: []want{{typ: record.EventRelease, persons: []string{"Lay Vichet"}}}},
	{name: "will be released", text: "The ten activists will be released next month."},

	// Flight.
	{name: "fled to Thailand", pub: "2024-05-01",
		text: "Candlelight Party activist Thy Chanthou fled to Thailand in March, fearing arrest.",
		want: []want{{typ: record.EventFlight, from: tCP, persons: []string{"Thy Chanthou"}, date: "2024-03"}}},
	{name: "dozens fled Cambodia",
		text: "Dozens of opposition supporters have fled Cambodia since the election.",
		want: []want{{typ: record.EventFlight, from: OppositionUnspecified}}},
	{name: "escaped in year",
		text: "Sok Vannak escaped Cambodia in 2019 and has lived in France since.",
		want: []want{{typ: record.EventFlight, persons: []string{"Sok Vannak"}, date: "2019"}}},
	{name: "fled earlier this month", pub: "2023-08-20",
		text: "Lay Vichet fled Cambodia earlier this month.",
		want: []want{{typ: record.EventFlight, persons: []string{"Lay Vichet"}, date: "2023-08"}}},

	// Asylum.
	{name: "granted refugee status by UNHCR", pub: "2022-06-01",
		text: "Keo Rathana was granted refugee status by the UNHCR in Bangkok last year.",
		want: []want{{typ: record.EventAsylum, to: UNHCR, persons: []string{"Keo Rathana"}, date: "2021"}}},
	{name: "applied for asylum", pub: "2023-09-15",
		text: "Three former CNRP members applied for asylum in Thailand on Wednesday.",
		want: []want{{typ: record.EventAsylum, count: 3, from: CNRP, date: "2023-09-13"}}},
	{name: "said he is seeking asylum",
		text: "Chan Dara said he is seeking asylum.",
		want: []want{{typ: record.EventAsylum, persons: []string{"Chan Dara"}, claimant: "Chan Dara"}}},

	// Disqualification.
	{name: "NEC refused to register",
		text: "The National Election Committee refused to register the Candlelight Party for the July election.",
		want: []want{{typ: record.EventDisqualification, from: tCP, to: NEC}}},
	{name: "banned N from politics",
		text: "The Supreme Court banned 20 senior Khmer Will Party officials from politics for five years.",
		want: []want{{typ: record.EventDisqualification, count: 20, from: KhmerWill}}},
	{name: "barred from contesting",
		text: "Opposition leader Sok Vannak was barred from contesting the commune elections.",
		want: []want{{typ: record.EventDisqualification, from: OppositionUnspecified, persons: []string{"Sok Vannak"}}}},
	{name: "NEC disqualified party", pub: "2023-06-01",
		text: "The NEC disqualified the Nation Power Party from the upcoming election on May 15.",
		want: []want{{typ: record.EventDisqualification, from: NationPower, to: NEC, date: "2023-05-15"}}},

	// Hedges and claimants.
	{name: "reportedly",
		text: "Reportedly, 90 Candlelight members in Pailin joined the CPP.",
		want: []want{{typ: record.EventDefection, count: 90, from: tCP, to: tCPP, prov: "Pailin", stance: record.StanceHedged}}},
	{name: "according to outlet", pub: "2024-01-10",
		text: "According to Fresh News, 400 former opposition members in Mondulkiri joined the CPP on Friday.",
		want: []want{{typ: record.EventDefection, count: 400, from: OppositionUnspecified, to: tCPP, prov: "Mondulkiri", date: "2024-01-05", claimant: "Fresh News"}}},
	{name: "claimed that",
		text: "Provincial CPP chief Chan Dara claimed that 1,500 Candlelight supporters had defected in Battambang.",
		want: []want{{typ: record.EventDefection, count: 1500, from: tCP, to: tCPP, prov: "Battambang", stance: record.StanceHedged, claimant: "Chan Dara"}}},

	// Documents of several sentences.
	{name: "pronoun and merge", pub: "2024-02-14",
		text: "Former Candlelight Party official Sok Vannak joined the CPP on Monday. He was welcomed by CPP vice president Keo Rathana at the party headquarters in Phnom Penh.",
		want: []want{{typ: record.EventDefection, from: tCP, to: tCPP, persons: []string{"Sok Vannak"}, prov: "Phnom Penh", date: "2024-02-12", presided: []string{"Keo Rathana"}}}},
	{name: "count told twice", pub: "2024-02-14",
		text: "More than 300 Candlelight members in Kampot joined the CPP, officials said. The 312 new members were welcomed at a ceremony.",
		want: []want{{typ: record.EventDefection, count: 312, from: tCP, to: tCPP, prov: "Kampot"}}},
	{name: "announced his resignation", pub: "2024-05-22",
		text: "Nation Power Party official Pen Sokunthea announced his resignation from the party on Saturday, citing internal disputes.",
		want: []want{{typ: record.EventResignation, from: NationPower, persons: []string{"Pen Sokunthea"}, date: "2024-05-18"}}},
	{name: "appointed past an appositive", pub: "2024-05-22",
		text: "The prime minister appointed Chea Sopheak, a former Candlelight Party deputy president, as a secretary of state at the Ministry of Interior on Thursday.",
		want: []want{{typ: record.EventAppointment, to: InteriorMinistry, persons: []string{"Chea Sopheak"}, date: "2024-05-16"}}},
	{name: "joined along with a group", pub: "2024-05-22",
		text: "Sopheak Vichea joined the ruling party in January along with 12 other Candlelight officials.",
		want: []want{
			{typ: record.EventPartyJoin, to: tCPP, persons: []string{"Sopheak Vichea"}, date: "2024-01"},
			{typ: record.EventDefection, count: 12, from: tCP, to: tCPP, date: "2024-01"},
		}},
	{name: "relative clause is not the affiliation",
		text: "Long Kosal, who defected to the CPP in 2019, was arrested in March 2022.",
		want: []want{
			{typ: record.EventDefection, from: OppositionUnspecified, to: tCPP, persons: []string{"Long Kosal"}, date: "2019"},
			{typ: record.EventArrest, persons: []string{"Long Kosal"}, date: "2022-03"},
		}},
	{name: "a charge names its own court or none",
		text: "The Appeal Court upheld the verdict. Opposition figures Mu Sokha and Chan Sophal were charged in absentia with incitement.",
		want: []want{{typ: record.EventCharge, from: OppositionUnspecified, persons: []string{"Mu Sokha", "Chan Sophal"}}}},
	{name: "receiving official told of the group told before", pub: "2024-05-22",
		text: "More than 300 former opposition supporters in Kampong Cham have joined the CPP. The new members were received by provincial governor Un Chanda.",
		want: []want{{typ: record.EventDefection, count: 300, q: record.CountMoreThan, from: OppositionUnspecified, to: tCPP, prov: "Kampong Cham", presided: []string{"Un Chanda"}}}},
	{name: "aside is not the party disqualified",
		text: "The Candlelight Party, founded in 1995 as the Khmer Nation Party, was not allowed to contest the election after the National Election Committee rejected its registration.",
		want: []want{{typ: record.EventDisqualification, from: tCP, to: NEC}}},
	{name: "was himself jailed",
		text: "Rong Sokhom was himself jailed in 2020 for incitement and was released in November 2021.",
		want: []want{
			{typ: record.EventConviction, persons: []string{"Rong Sokhom"}, date: "2020"},
			{typ: record.EventRelease, persons: []string{"Rong Sokhom"}, date: "2021-11"},
		}},
	{name: "according to a long source", pub: "2024-06-10",
		text: "On Saturday, 1,026 Candlelight members from Prey Veng province joined the CPP, according to a post on the provincial administration's Facebook page.",
		want: []want{{typ: record.EventDefection, count: 1026, from: tCP, to: tCPP, prov: "Prey Veng", date: "2024-06-08", claimant: "a post on the provincial administration's Facebook page"}}},
	{name: "commune as an adjective is no place",
		text: "A total of 57 former Cambodia National Rescue Party commune councillors in Battambang province joined the CPP.",
		want: []want{{typ: record.EventDefection, count: 57, from: CNRP, to: tCPP, prov: "Battambang"}}},
	{name: "ceremony chaired in the next sentence",
		text: "Forty Candlelight members in Kratie joined the CPP on Sunday. The ceremony was chaired by provincial governor Sok Lyda and Mr Hay Bunthan.",
		want: []want{{typ: record.EventDefection, count: 40, from: tCP, to: tCPP, prov: "Kratie", presided: []string{"Sok Lyda", "Hay Bunthan"}}}},
	{name: "another occasion is another event",
		text: "Forty Candlelight members in Kampot joined the CPP on Sunday. A similar defection ceremony took place in the same district two years ago.",
		want: []want{
			{typ: record.EventDefection, count: 40, from: tCP, to: tCPP, prov: "Kampot"},
			{typ: record.EventDefection, from: OppositionUnspecified, to: tCPP, prov: "Kampot"},
		}},
	{name: "in the same district",
		text: "Forty Candlelight members in Bati district joined the CPP on Sunday. A similar defection ceremony took place in the same district a year ago.",
		want: []want{
			{typ: record.EventDefection, count: 40, from: tCP, to: tCPP, prov: "Takeo", district: "Bati"},
			{typ: record.EventDefection, from: OppositionUnspecified, to: tCPP, prov: "Takeo", district: "Bati"},
		}},
	{name: "the same ceremony told again",
		text: "Forty Candlelight members in Kampot joined the CPP on Sunday. The defection ceremony was held at a pagoda.",
		want: []want{{typ: record.EventDefection, count: 40, from: tCP, to: tCPP, prov: "Kampot"}}},
	{name: "arrested and then charged", pub: "2024-06-12",
		text: "Meas Sokhom was arrested on Monday and charged with incitement on Tuesday.",
		want: []want{
			{typ: record.EventArrest, persons: []string{"Meas Sokhom"}, date: "2024-06-10"},
			{typ: record.EventCharge, persons: []string{"Meas Sokhom"}, date: "2024-06-11"},
		}},
	{name: "speaker announced he had joined",
		text: "Former CNRP lawmaker Ou Chanvirak on Monday announced he had joined the Candlelight Party.",
		want: []want{{typ: record.EventDefection, from: CNRP, to: tCP, persons: []string{"Ou Chanvirak"}, claimant: "Ou Chanvirak"}}},
	{name: "registration rejected",
		text: "The NEC rejected the Khmer Will Party's registration for the commune elections.",
		want: []want{{typ: record.EventDisqualification, from: KhmerWill, to: NEC}}},
	{name: "quit the party",
		text: "Three Candlelight officials quit the party to protest against the leadership.",
		want: []want{{typ: record.EventResignation, count: 3, from: tCP}}},
	{name: "two groups, smaller first",
		text: "Some 80 opposition members were welcomed into the CPP in Svay Rieng. The CPP has also received 230 new members from the Nation Power Party.",
		want: []want{
			{typ: record.EventDefection, count: 80, q: record.CountAbout, from: OppositionUnspecified, to: tCPP, prov: "Svay Rieng"},
			{typ: record.EventDefection, count: 230, from: NationPower, to: tCPP},
		}},
	{name: "a counted noun reported by an outlet",
		text: "Fresh News reported 6,473 defections to the ruling party in the first half of the year.",
		want: []want{{typ: record.EventDefection, count: 6473, from: OppositionUnspecified, to: tCPP, claimant: "Fresh News"}}},
	{name: "the date told with the welcome that follows",
		text: "Former Candlelight official Sok Vannak has joined the CPP, bringing 200 members with him. The new members were welcomed at a ceremony on Sunday, 9 June 2024.",
		want: []want{
			{typ: record.EventDefection, from: tCP, to: tCPP, persons: []string{"Sok Vannak"}, date: "2024-06-09"},
			{typ: record.EventDefection, count: 200, from: OppositionUnspecified, to: tCPP, date: "2024-06-09"},
		}},
	{name: "military title stripped", pub: "2024-01-20",
		text: "Gen. Sao Vannak was appointed as deputy commander of the National Police on Jan. 15.",
		want: []want{{typ: record.EventAppointment, to: NationalPolice, persons: []string{"Sao Vannak"}, date: "2024-01-15"}}},
	{name: "he is the person named before him, not the speaker", pub: "2023-07-27",
		text: "Candlelight spokesman Kim Sophearith said that Nhem Raksmey was no longer a member because he resigned from the party on June 16.",
		want: []want{{typ: record.EventResignation, from: tCP, persons: []string{"Nhem Raksmey"}, date: "2023-06-16", claimant: "Kim Sophearith"}}},
	{name: "Fresh News style with titles", pub: "2024-03-03",
		text: "Siem Reap (FN), March 3 – A total of 512 members of the Candlelight Party in Siem Reap province decided to leave the party and join the Cambodian People's Party on Saturday morning, under the presidency of Lok Chumteav Men Sam An.\nThe ceremony was held in the presence of H.E. Tea Seiha, Governor of Siem Reap province.",
		want: []want{{typ: record.EventDefection, count: 512, from: tCP, to: tCPP, prov: "Siem Reap", date: "2024-03-02", presided: []string{"Men Sam An", "Tea Seiha"}}}},
	{name: "headline and body",
		text: "Opposition Activist Flees to Thailand\nCandlelight Party activist Pich Sreymom fled to Thailand after police summoned her.",
		want: []want{{typ: record.EventFlight, from: tCP, persons: []string{"Pich Sreymom"}}}},
}

func TestEnglishRules(t *testing.T) {
	for _, c := range enCases {
		t.Run(c.name, func(t *testing.T) {
			in := Input{Text: c.text, Outlet: "Test Daily"}
			if c.pub != "" {
				p, err := time.Parse("2006-01-02", c.pub)
				if err != nil {
					t.Fatal(err)
				}
				in.Published = p
			}
			all := Extract(in)
			for _, e := range all {
				if e.Evidence != c.text[e.Span.Start:e.Span.End] {
					t.Errorf("evidence %q is not the text at its span %v", e.Evidence, e.Span)
				}
			}
			got := Asserted(all)
			if d := len(all) - len(got); d != c.denied {
				t.Errorf("denials = %d, want %d", d, c.denied)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d events, want %d:\n%s", len(got), len(c.want), describeEvents(got))
			}
			for i, w := range c.want {
				checkEvent(t, got[i], w)
			}
		})
	}
}

func describeEvents(evs []Event) string {
	var b strings.Builder
	for _, e := range evs {
		fmt.Fprintf(&b, "  %s count=%s/%s from=%q to=%q persons=%v place=%+v date=%s stance=%s claimant=%q presided=%v\n",
			e.Type, countStr(e.Count), e.CountQualifier, e.FromOrg, e.ToOrg, e.Persons, e.Place, e.Date, e.Stance, e.Claimant, e.PresidedBy)
	}
	return b.String()
}

func checkEvent(t *testing.T, e Event, w want) {
	t.Helper()
	bad := func(field string, got, want any) {
		t.Errorf("%s %s = %v, want %v\n%s", w.typ, field, got, want, describeEvents([]Event{e}))
	}
	if e.Type != w.typ {
		bad("type", e.Type, w.typ)
	}
	switch {
	case w.count == 0 && e.Count != nil:
		bad("count", *e.Count, "none")
	case w.count != 0 && (e.Count == nil || *e.Count != w.count):
		bad("count", countStr(e.Count), w.count)
	}
	if w.count != 0 {
		q := w.q
		if q == "" {
			q = record.CountExact
		}
		if e.CountQualifier != q {
			bad("count_qualifier", e.CountQualifier, q)
		}
	}
	if e.FromOrg != w.from {
		bad("from_org", e.FromOrg, w.from)
	}
	if e.ToOrg != w.to {
		bad("to_org", e.ToOrg, w.to)
	}
	if e.Place.Province != w.prov {
		bad("province", e.Place.Province, w.prov)
	}
	if w.district != "" && e.Place.District != w.district {
		bad("district", e.Place.District, w.district)
	}
	if e.Date.String() != w.date {
		bad("date", e.Date.String(), w.date)
	}
	if w.persons != nil && !sameSet(e.Persons, w.persons) {
		bad("persons", e.Persons, w.persons)
	}
	if w.persons == nil && len(e.Persons) > 0 {
		bad("persons", e.Persons, "none")
	}
	if w.stance != "" && e.Stance != w.stance {
		bad("stance", e.Stance, w.stance)
	}
	if w.claimant != "" && e.Claimant != w.claimant {
		bad("claimant", e.Claimant, w.claimant)
	}
	if w.presided != nil && !sameSet(e.PresidedBy, w.presided) {
		bad("presided_by", e.PresidedBy, w.presided)
	}
}

// Denials are kept with who denies, apart from the events.
func TestDenialsKeepTheirClaimant(t *testing.T) {
	for _, c := range []struct{ text, claimant string }{
		{"Candlelight spokesman Thy Chanthou denied that 300 members had defected to the CPP.", "Thy Chanthou"},
		{"The party's leaders have repeatedly denied claims that members were forced to defect.", "party's leaders"},
		{"Sok Vannak said he had never joined the ruling party.", "Sok Vannak"},
	} {
		evs := Extract(Input{Text: c.text, Outlet: "Test Daily"})
		if len(evs) != 1 || evs[0].Stance != record.StanceDenies || evs[0].Claimant != c.claimant || len(Asserted(evs)) != 0 {
			t.Errorf("%q:\n%s want one denial claimed by %q", c.text, describeEvents(evs), c.claimant)
		}
	}
}

func TestRoleClassAndGrade(t *testing.T) {
	for _, c := range []struct {
		text  string
		role  record.RoleClass
		grade record.EvidenceGrade
	}{
		{"About 2,500 former CNRP commune officials have joined the CPP.", record.RoleElectedOfficial, record.GradeBareCount},
		{"Forty Candlelight supporters joined the CPP, according to photos posted on Facebook.", record.RoleSupporter, record.GradeDocumented},
		{"Candlelight youth activist Sok Vannak joined the CPP.", record.RoleActivist, record.GradeNamed},
		{"Khmer Will Party president Chan Dara defected to the CPP.", record.RoleLeader, record.GradeNamed},
		{"Twelve Candlelight members joined the CPP.", record.RoleMember, record.GradeBareCount},
	} {
		evs := Asserted(Extract(Input{Text: c.text}))
		if len(evs) != 1 || evs[0].RoleClass != c.role || evs[0].Grade != c.grade {
			t.Errorf("%q:\n%s want role %s, grade %s", c.text, describeEvents(evs), c.role, c.grade)
			for _, e := range evs {
				t.Logf("role %s grade %s", e.RoleClass, e.Grade)
			}
		}
	}
}
