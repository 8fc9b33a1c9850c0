package repo

import (
	"fmt"
	"os"

	"github.com/go-git/go-billy/v5/osfs"
)

// writerLockFile is the file, in the git directory, that blackline's writers lock.
const writerLockFile = "blackline.lock"

// lockWriters takes the archive's writer lock: an advisory lock (flock on Unix, LockFileEx
// on Windows) on a file in the git directory, held from reading main to moving it, so that
// two blackline processes never build on the same parent. The operating system releases
// it when the process dies, so a crash leaves no stale lock. It blocks while another
// writer holds the lock.
func (a *Archive) lockWriters() (unlock func(), err error) {
	f, err := osfs.New(a.commonDir).OpenFile(writerLockFile, os.O_CREATE|os.O_RDWR, 0o666)
	if err != nil {
		return nil, fmt.Errorf("open writer lock: %w", err)
	}
	if err := f.Lock(); err != nil {
		f.Close()
		return nil, fmt.Errorf("take writer lock: %w", err)
	}
	if err := a.recoverJournal(f); err != nil {
		f.Unlock()
		f.Close()
		return nil, err
	}
	a.journal = f
	return func() {
		a.journal = nil
		f.Truncate(0)
		f.Unlock()
		f.Close()
	}, nil
}
