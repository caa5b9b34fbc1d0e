package warc

import "testing"

func TestDigestsAgree(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("a"), []byte("ព័ត៌មាន\r\n\r\n"), make([]byte, 70000)} {
		d, h := Digests(b)
		if d != Digest(b) || h != DigestHex(b) {
			t.Errorf("Digests(%d bytes) = %s, %s; want %s, %s", len(b), d, h, Digest(b), DigestHex(b))
		}
		if got, err := ParseDigest(d); err != nil || got != h {
			t.Errorf("ParseDigest(%s) = %s, %v; want %s", d, got, err, h)
		}
	}
}
