//go:build unix

package view

import (
	"os"
	"syscall"
)

// mapFile maps the whole of f read-only; the pages are read on demand and
// can be evicted by the kernel, so the index costs little resident memory.
// The returned function unmaps it.
func mapFile(f *os.File, size int64) ([]byte, func() error, error) {
	if size == 0 {
		return nil, func() error { return nil }, nil
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, err
	}
	return b, func() error { return syscall.Munmap(b) }, nil
}
