//go:build unix

package khmer

import (
	"syscall"
	"testing"
)

// benchCPU runs f b.N times and reports, besides wall time, the CPU time
// the process spent per call (cpu-ns/op) and the throughput over CPU time
// (cpu-MB/s). On a shared, loaded machine wall time mostly measures the
// neighbours; CPU time measures the code.
func benchCPU(b *testing.B, bytes int, f func()) {
	b.Helper()
	b.SetBytes(int64(bytes))
	var r0, r1 syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	for b.Loop() {
		f()
	}
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &r1)
	ns := func(r syscall.Rusage) float64 {
		return float64(r.Utime.Nano() + r.Stime.Nano())
	}
	cpu := ns(r1) - ns(r0)
	if b.N > 0 && cpu > 0 {
		b.ReportMetric(cpu/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(bytes)*float64(b.N)/cpu*1e3, "cpu-MB/s")
	}
}
