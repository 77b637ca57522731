package batch

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockedError is returned by Run when another process holds the lock of
// the shard in the output directory: two runs of one shard would remove
// each other's parts.
type LockedError struct {
	Path  string // the lock file
	Owner Owner  // who holds it, as it wrote itself in the file (zero if unreadable)
}

func (e *LockedError) Error() string {
	who := "another process"
	if e.Owner.PID != 0 {
		who = fmt.Sprintf("newsmill (pid %d on host %s, since %s)", e.Owner.PID, e.Owner.Host, e.Owner.Since.Format(time.RFC3339))
	}
	return fmt.Sprintf("%s is locked by %s, which is writing this shard: wait for it to end, or stop it first", e.Path, who)
}

// Owner is what a lock file says about the process holding it.
type Owner struct {
	Host  string    `json:"host"`
	PID   int       `json:"pid"`
	Since time.Time `json:"since"`
}

// errLocked is tryLock's error when another open file holds the lock.
var errLocked = errors.New("locked")

// shardLock is a held lock (an open file with an exclusive flock on it).
type shardLock struct{ f *os.File }

// LockName is the lock file's name in OUT for a shard, next to its
// manifest: _manifest.lock, _manifest-0003-of-0016.lock.
func LockName(s Shard) string {
	return strings.TrimSuffix(ManifestName(s), ".json") + ".lock"
}

// lockShard takes the exclusive lock of shard s in out without waiting,
// and writes this process's host and PID into the lock file; it returns a
// *LockedError when another process holds it. The lock is flock(2) on the
// file: the kernel releases it when the holder exits, however it dies, so
// a lock left by kill -9 is simply taken over. Across machines it needs a
// file system with working flock (NFS does; Lustre needs -o flock).
func lockShard(out string, s Shard) (*shardLock, error) {
	path := filepath.Join(out, LockName(s))
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errLocked) {
			le := &LockedError{Path: path}
			if b, err := os.ReadFile(path); err == nil {
				json.Unmarshal(b, &le.Owner) // best effort: the holder may be writing it
			}
			return nil, le
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	host, _ := os.Hostname()
	b, _ := json.Marshal(Owner{Host: host, PID: os.Getpid(), Since: time.Now().UTC().Truncate(time.Second)})
	if err := f.Truncate(0); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if _, err := f.WriteAt(append(b, '\n'), 0); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &shardLock{f: f}, nil
}

// unlock releases the lock; the file stays, for the next run to lock.
// It is safe to call on a nil lock.
func (l *shardLock) unlock() {
	if l != nil {
		l.f.Close()
	}
}
