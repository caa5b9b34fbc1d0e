package khmer

import (
	"strings"
	"testing"
)

// encodeLimon writes Unicode Khmer the way it is typed in a Limon font:
// the inverse of limonTable, with pre-base vowels typed before the
// consonant. Used to make test input from our own Khmer sentences.
func encodeLimon(t *testing.T, s string) string {
	t.Helper()
	inv := map[string]rune{}
	for k, v := range limonTable {
		if _, dup := inv[v]; !dup || k < inv[v] {
			inv[v] = k
		}
	}
	var b strings.Builder
	for _, cl := range Clusters(Normalize(s)) {
		var pre, rest strings.Builder
		for _, r := range cl {
			k, ok := inv[string(r)]
			if !ok {
				if r == ' ' {
					rest.WriteByte(' ')
					continue
				}
				t.Fatalf("no Limon key for %q in %q", r, s)
			}
			if limonPreBase[k] {
				pre.WriteRune(k)
			} else {
				rest.WriteRune(k)
			}
		}
		b.WriteString(pre.String())
		b.WriteString(rest.String())
	}
	return b.String()
}

// Invented sentences in the style of news reports.
var legacySamples = []string{
	"ក្រសួងមហាផ្ទៃបានប្រកាសថា មន្ត្រីចំនួនដប់នាក់ត្រូវបានតែងតាំងនៅខេត្តតាកែវ។",
	"លោកអភិបាលខេត្តបានជួបប្រជាពលរដ្ឋនៅឃុំថ្មី ដើម្បីដោះស្រាយបញ្ហាដីធ្លី។",
	"គណបក្សនយោបាយទាំងពីរបានចុះហត្ថលេខាលើកិច្ចព្រមព្រៀងកាលពីម្សិលមិញ។",
	"តុលាការបានសម្រេចដោះលែងសកម្មជនបរិស្ថានបីនាក់ កាលពីថ្ងៃទី២៣ ខែមីនា។",
}

func TestConvertLimonRoundTrip(t *testing.T) {
	for _, want := range legacySamples {
		limon := encodeLimon(t, want)
		got, bad := ConvertLimon(limon)
		if got != Normalize(want) {
			t.Errorf("ConvertLimon(%q) = %q, want %q", limon, got, Normalize(want))
		}
		if len(bad) != 0 {
			t.Errorf("unconverted %v in %q", bad, limon)
		}
	}
}

func TestConvertLimonVectors(t *testing.T) {
	// Exact vectors of single keys and of the pre-base reordering.
	simple := []struct{ in, want string }{
		{"kar", "ការ"},
		{"ebIn", "បើន"},
		{"Resn", "ឬសេន"},
		{"ktþ", "កត" + "þ"},
		{"eKal", "គោល"},
		{"k x", "ក ខ"},
		{"12", "១២"},
		{"esIv", "សើវ"},
	}
	for _, tt := range simple {
		if got, _ := ConvertLimon(tt.in); got != tt.want {
			t.Errorf("ConvertLimon(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if _, bad := ConvertLimon("ktþ"); len(bad) != 1 || bad[0].Offset != 2 {
		t.Errorf("þ not reported: %v", bad)
	}
	got, bad := ConvertLimon("k\u00e6k")
	if got != "ក\u00e6ក" || len(bad) != 1 || bad[0] != (Unconverted{Offset: 1, Text: "\u00e6"}) {
		t.Errorf("unknown character: %q %v", got, bad)
	}
}

func TestDetectLegacy(t *testing.T) {
	if DefaultSegmenter().Err() != nil {
		t.Skip("no dictionary")
	}
	for _, s := range legacySamples {
		limon := encodeLimon(t, s)
		kind, conf := DetectLegacy(limon)
		if kind != LegacyLimon || conf < 0.5 {
			t.Errorf("DetectLegacy(%q) = %v %.2f, want limon", limon, kind, conf)
		}
	}
	notLegacy := []string{
		"The ministry said on Thursday that ten officials had been appointed in Takeo province.",
		"Police arrested three activists after the protest, according to a rights group.",
		legacySamples[0],
		"OK",
		"",
		"ID: 2023/045-KH; ref. ABC-123",
	}
	for _, s := range notLegacy {
		if kind, conf := DetectLegacy(s); kind != LegacyNone {
			t.Errorf("DetectLegacy(%q) = %v %.2f, want none", s, kind, conf)
		}
	}
}

func FuzzConvertLimon(f *testing.F) {
	f.Add("eKalkar")
	f.Add("k\u00e6k\xff")
	f.Fuzz(func(t *testing.T, s string) {
		out, bad := ConvertLimon(s)
		if Normalize(out) != out {
			t.Fatalf("output of %q not normalised", s)
		}
		for _, u := range bad {
			if u.Offset < 0 || u.Offset >= len(s) {
				t.Fatalf("bad offset %v for %q", u, s)
			}
		}
		kind, conf := DetectLegacy(s)
		if conf < 0 || conf > 1 || kind > LegacyUnknown {
			t.Fatalf("DetectLegacy(%q) = %v %v", s, kind, conf)
		}
	})
}
