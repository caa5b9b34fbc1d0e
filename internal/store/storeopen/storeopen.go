// Package storeopen picks the store the configuration names: PostgreSQL
// when a database URL is given, else the SQLite file in the data directory.
// It is the one place that imports both implementations, so commands stay
// free of either.
package storeopen

import (
	"context"
	"strings"

	"github.com/kamnotra/kamnotra/internal/record"
	"github.com/kamnotra/kamnotra/internal/store"
	"github.com/kamnotra/kamnotra/internal/store/postgres"
	"github.com/kamnotra/kamnotra/internal/store/sqlite"
)

// Open opens PostgreSQL at dbURL when it is set, else the SQLite database
// <dataDir>/kamnotra.db (creating the directory), and migrates its schema.
func Open(ctx context.Context, dataDir, dbURL string) (store.Store, error) {
	if dbURL != "" {
		if !strings.HasPrefix(dbURL, "postgres://") && !strings.HasPrefix(dbURL, "postgresql://") {
			return nil, record.Errorf(record.EInvalid, "database URL %q: want postgres://user:password@host:port/database", redact(dbURL))
		}
		return postgres.Open(ctx, dbURL)
	}
	return sqlite.OpenDir(ctx, dataDir)
}

// redact hides a password in a URL-like string for messages.
func redact(u string) string {
	at := strings.LastIndex(u, "@")
	if at < 0 {
		return u
	}
	scheme := strings.Index(u, "://")
	colon := strings.Index(u[max(scheme+3, 0):at], ":")
	if colon < 0 {
		return u
	}
	colon += max(scheme+3, 0)
	return u[:colon+1] + "***" + u[at:]
}
