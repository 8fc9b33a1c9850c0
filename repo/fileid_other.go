//go:build !unix

package repo

import "io/fs"

// fileID identifies a file by device and inode where the system says; here it cannot, and
// lock files of a crashed writer are left for the user to remove, as git leaves its own.
func fileID(fs.FileInfo) (string, bool) { return "", false }
