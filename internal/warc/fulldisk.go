package warc

import (
	"errors"
	"os"
	"sync"
)

// FullDisk is a File that accepts Budget more bytes and then fails as a
// full disk does: the write that crosses the budget writes part of its
// bytes and returns an error. It lets tests of every package that archives
// check what a full disk leaves behind.
type FullDisk struct {
	*os.File
	mu     sync.Mutex
	Budget int64
}

// ErrDiskFull is the error FullDisk returns.
var ErrDiskFull = errors.New("no space left on device (simulated disk full)")

func (f *FullDisk) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if int64(len(p)) <= f.Budget {
		f.Budget -= int64(len(p))
		return f.File.Write(p)
	}
	n, _ := f.File.Write(p[:f.Budget])
	f.Budget = 0
	return n, ErrDiskFull
}
