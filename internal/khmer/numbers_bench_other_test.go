//go:build !unix

package khmer

import "testing"

// benchCPU without getrusage: wall time only.
func benchCPU(b *testing.B, bytes int, f func()) {
	b.Helper()
	b.SetBytes(int64(bytes))
	for b.Loop() {
		f()
	}
}
