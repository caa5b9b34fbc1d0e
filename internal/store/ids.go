package store

import (
	"slices"

	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"github.com/kamnotra/kamnotra/internal/khmer"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// DocumentID returns the ID of the document at canonicalURL: "d" and the
// first 16 hex digits of the URL's SHA-256. Deriving it rather than drawing
// it means a capture repeated after a crash finds the document it already
// made, and the two databases agree without a sequence.
func DocumentID(canonicalURL string) string {
	sum := sha256.Sum256([]byte(canonicalURL))
	return "d" + hex.EncodeToString(sum[:8])
}

// crockford is Crockford's base32 alphabet in lower case: no i, l, o or u,
// so IDs read aloud or copied by hand survive.
const crockford = "0123456789abcdefghjkmnpqrstvwxyz"

// NewID returns a new random ID that sorts by creation time: prefix, then
// 10 base32 digits of the Unix time in milliseconds and 16 of randomness
// (80 bits), ULID-style. Prefixes name the kind ("e" event, "c" citation…)
// so an ID in a log says what it is.
func NewID(prefix string) string {
	return newIDAt(prefix, time.Now())
}

func newIDAt(prefix string, t time.Time) string {
	var b [26]byte
	ms := uint64(t.UnixMilli())
	for i := 9; i >= 0; i-- {
		b[i] = crockford[ms&31]
		ms >>= 5
	}
	var r [10]byte
	if _, err := rand.Read(r[:]); err != nil {
		panic("store: crypto/rand failed: " + err.Error()) // never happens on Linux
	}
	// 80 bits → 16 digits of 5 bits.
	var acc uint64
	bits := 0
	j := 10
	for _, x := range r {
		acc = acc<<8 | uint64(x)
		bits += 8
		for bits >= 5 {
			bits -= 5
			b[j] = crockford[(acc>>bits)&31]
			j++
		}
	}
	return prefix + string(b[:])
}

// NameKey is the form in which names are compared when matching: NFC, lower
// case, with everything but letters, marks and digits removed ("Hun Sen",
// "HUN-SEN" and "hun sen" share a key; so do Khmer names written with and
// without a space or a zero-width space between the parts). Stores keep it
// in an indexed column beside each name; changing it means rewriting that
// column.
func NameKey(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.IsNumber(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Mc, r):
			b.WriteRune(r)
		}
	}
	// Again: dropping a space can put a combining mark after a letter it
	// now composes with ("a ̃" → "ã").
	return norm.NFC.String(b.String())
}

// PersonNameKey is the form in which people's names are compared: the
// romanisation keys of the name's parts (khmer.NameKeys), titles stripped,
// sorted, so that every script and spelling of one name and both orders of
// its parts share a key (Khuong Sreng, Khoung Sreng, Sreng Khuong,
// ឃួង ស្រេង). A zero-width space separates parts as a space does.
func PersonNameKey(name string) string {
	name = strings.NewReplacer("\u200b", " ", "\u200c", " ", "\u2060", " ").Replace(name)
	bare, _ := khmer.StripTitles(name)
	parts := khmer.NameKeys(bare)
	slices.Sort(parts)
	return strings.Join(parts, " ")
}
