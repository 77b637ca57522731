//go:build !unix

package batch

import "os"

// tryLock does nothing where flock(2) does not exist: shards are not
// locked there.
func tryLock(*os.File) error { return nil }
