//go:build !unix

package view

import (
	"io"
	"os"
)

// mapFile reads the whole of f into memory, for systems without mmap.
func mapFile(f *os.File, size int64) ([]byte, func() error, error) {
	b := make([]byte, size)
	if _, err := io.ReadFull(io.NewSectionReader(f, 0, size), b); err != nil {
		return nil, nil, err
	}
	return b, func() error { return nil }, nil
}
