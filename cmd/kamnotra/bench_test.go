package main

import (
	"strings"
	"testing"
)

// TestBenchFlags: a benchmark asked of PostgreSQL without a server to
// use, or of an unknown page, says what to give it and runs nothing.
func TestBenchFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"bench", "web", "--postgres", "--work", t.TempDir()}, "--postgres needs --db URL or KAMNOTRA_TEST_POSTGRES"},
		{[]string{"bench", "web", "--pages", "person,home", "--work", t.TempDir()}, `unknown page kind "home"`},
		{[]string{"bench", "search", "--no-sqlite", "--work", t.TempDir()}, "--no-sqlite needs --db URL"},
	} {
		code, _, stderr := run(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 saying %q", tt.args, code, stderr, tt.want)
		}
	}
}
