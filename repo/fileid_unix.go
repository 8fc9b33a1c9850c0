//go:build unix

package repo

import (
	"fmt"
	"io/fs"
	"syscall"
)

// fileID identifies a file by device and inode, as "DEV:INODE".
func fileID(fi fs.FileInfo) (string, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%d:%d", uint64(st.Dev), uint64(st.Ino)), true
}
