package postgres_test

import (
	"fmt"
	"testing"

	"github.com/kamnotra/kamnotra/internal/store/postgres"
	"github.com/kamnotra/kamnotra/internal/store/sqlstore"
	"github.com/kamnotra/kamnotra/internal/store/storetest"
)

func openBench(b *testing.B) *sqlstore.Store { return openTest(b) }

// BenchmarkSaveCapture measures SaveCapture of 2 KB documents against a
// baseline of raw INSERTs of the same rows through the same connection:
//
//	go test ./internal/store/postgres -run '^$' -bench SaveCapture -benchtime 2000x
func BenchmarkSaveCapture(b *testing.B) {
	for _, batch := range []int{1, 100} {
		b.Run(fmt.Sprintf("raw-insert/batch=%d", batch), func(b *testing.B) {
			storetest.BenchRawInsert(b, openBench(b).Writer(), postgres.Dialect{}.Rebind, batch)
		})
		b.Run(fmt.Sprintf("new/batch=%d", batch), func(b *testing.B) {
			storetest.BenchSaveCapture(b, openBench(b), batch, false)
		})
		b.Run(fmt.Sprintf("unchanged/batch=%d", batch), func(b *testing.B) {
			storetest.BenchSaveCapture(b, openBench(b), batch, true)
		})
	}
}
