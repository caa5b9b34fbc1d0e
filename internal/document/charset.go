package document

import (
	"strings"
	"unicode/utf8"

	"github.com/kamnotra/kamnotra/internal/record"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
)

// decode returns body as UTF-8, the name of the charset it was read as,
// and the flags that decoding raised.
//
// The order of witnesses is the HTML standard's (BOM, Content-Type, <meta>
// in the first 1024 bytes), with one correction: a body declared as a
// single-byte Latin charset that is entirely valid UTF-8 with multi-byte
// sequences is UTF-8. Servers mislabel Khmer pages "iso-8859-1" far more
// often than Latin-1 text happens to form valid UTF-8 sequences.
func decode(body []byte, contentType string) (string, string, []string) {
	if !hasHighBit(body) {
		// ASCII reads the same in every charset we meet; nothing was
		// decoded, so nothing is flagged.
		return strings.TrimPrefix(string(body), "\uFEFF"), "utf-8", invalidFlag(body)
	}
	enc, name, certain := charset.DetermineEncoding(body, contentType)
	if name != "utf-8" && isLatin8(name) && utf8.Valid(body) && hasHighBit(body) {
		enc, name = encoding.Nop, "utf-8"
	}
	if name == "utf-8" || enc == encoding.Nop {
		return utf8Text(body), "utf-8", invalidFlag(body)
	}
	if !certain && name == "windows-1252" {
		// No declaration at all: DetermineEncoding falls back to
		// windows-1252 when the first KB is not valid UTF-8. A Khmer page
		// with a few broken bytes is still UTF-8.
		valid, invalid := utf8Counts(body)
		if valid > invalid {
			return utf8Text(body), "utf-8", invalidFlag(body)
		}
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return utf8Text(body), "utf-8", invalidFlag(body)
	}
	flags := []string{record.FlagLegacyEncode}
	if name == "utf-16le" || name == "utf-16be" {
		flags = nil
	}
	s := string(out)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
		flags = append(flags, record.FlagInvalidUTF8)
	}
	return strings.TrimPrefix(s, "\uFEFF"), name, flags
}

func utf8Text(b []byte) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	return strings.TrimPrefix(s, "\uFEFF")
}

func invalidFlag(b []byte) []string {
	if utf8.Valid(b) {
		return nil
	}
	return []string{record.FlagInvalidUTF8}
}

func isLatin8(name string) bool {
	switch name {
	case "windows-1252", "iso-8859-1", "iso-8859-15", "iso-8859-2", "windows-1250", "macintosh":
		return true
	}
	return false
}

func hasHighBit(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// utf8Counts counts valid multi-byte sequences and invalid bytes.
func utf8Counts(b []byte) (valid, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		} else {
			valid++
		}
		i += n
	}
	return valid, invalid
}
