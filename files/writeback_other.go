//go:build !linux

package files

import "os"

// startWriteback is Linux's sync_file_range; elsewhere the final sync does
// all the writing.
func startWriteback(f *os.File, off, n int64) {}
