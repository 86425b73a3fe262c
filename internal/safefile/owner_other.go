//go:build !unix

package safefile

import (
	"io/fs"
	"os"
)

func keepOwner(*os.File, fs.FileInfo) {}

func identity(fs.FileInfo) (dev, ino uint64) { return 0, 0 }

// lock is a no-op where there is no advisory lock; the content check of
// Replace still catches most concurrent changes.
func lock(*os.File) error { return nil }

func unlock(*os.File) {}
