package batch

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// holderEnv makes the test binary a child that holds a shard's lock (see
// TestMain and TestLockAcrossProcesses).
const holderEnv = "NEWSMILL_TEST_HOLD_LOCK"

// heldShard is the shard the child locks.
var heldShard = Shard{Index: 1, Count: 4}

func TestMain(m *testing.M) {
	if dir := os.Getenv(holderEnv); dir != "" {
		if _, err := lockShard(dir, heldShard); err != nil {
			fmt.Println(err)
			os.Exit(1)
		}
		fmt.Println("locked")
		time.Sleep(time.Minute) // until killed
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestLockAcrossProcesses runs a real second process that holds the lock
// of shard 1/4: a run of that shard fails fast naming the holder's host
// and PID and leaves the shard's parts alone, another shard runs, and once
// the holder dies of SIGKILL the lock is simply taken over.
func TestLockAcrossProcesses(t *testing.T) {
	out := t.TempDir()
	part := filepath.Join(out, "documents", heldShard.PartPrefix()+"-00000.parquet")
	if err := os.MkdirAll(filepath.Dir(part), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(part, []byte("the holder's part"), 0o644); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(in, []byte("A short article.\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), holderEnv+"="+out)
	stdout, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "locked\n" {
		t.Fatalf("child: %q %v", line, err)
	}

	cfg := Config{Inputs: []string{in}, Out: out, Stages: []string{}, Shard: heldShard}
	_, err = Run(context.Background(), cfg)
	var le *LockedError
	host, _ := os.Hostname()
	if !errors.As(err, &le) || le.Owner.PID != child.Process.Pid || le.Owner.Host != host {
		t.Fatalf("run of a locked shard: %v, want a *LockedError naming pid %d on %s", err, child.Process.Pid, host)
	}
	if msg := err.Error(); !strings.Contains(msg, fmt.Sprintf("pid %d on host %s", child.Process.Pid, host)) {
		t.Errorf("message %q does not name the holder", msg)
	}
	if _, err := os.Stat(part); err != nil {
		t.Errorf("the locked shard's part was touched: %v", err)
	}
	other := cfg
	other.Shard = Shard{Index: 0, Count: 4}
	if _, err := Run(context.Background(), other); err != nil {
		t.Errorf("another shard: %v", err)
	}
	forced := cfg
	forced.Shard, forced.Force = Shard{}, true // would delete the 4 shards' output
	if _, err := Run(context.Background(), forced); !errors.As(err, &le) || le.Owner.PID != child.Process.Pid {
		t.Errorf("--force over a running shard: %v, want a *LockedError", err)
	}
	if _, err := os.Stat(filepath.Join(out, ManifestName(other.Shard))); err != nil {
		t.Errorf("--force over a running shard deleted another shard's manifest: %v", err)
	}
	if _, err := os.Stat(part); err != nil {
		t.Errorf("--force deleted a running shard's part: %v", err)
	}

	if err := child.Process.Kill(); err != nil { // SIGKILL: no chance to unlock
		t.Fatal(err)
	}
	child.Wait()
	res, err := Run(context.Background(), cfg)
	if err != nil || res.Status != StatusComplete {
		t.Fatalf("after the holder was killed: %v, status %s", err, res.Status)
	}
	if b, err := os.ReadFile(part); err != nil || string(b) == "the holder's part" {
		t.Errorf("the new run did not replace the dead holder's part: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(out, LockName(heldShard)))
	if err != nil || !strings.Contains(string(b), fmt.Sprintf(`"pid":%d`, os.Getpid())) {
		t.Errorf("lock file after the takeover: %s %v", b, err)
	}
}

// TestLockInProcess checks that one process cannot run a shard twice at
// once either (flock locks belong to open files, not processes).
func TestLockInProcess(t *testing.T) {
	out := t.TempDir()
	l, err := lockShard(out, Shard{Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	var le *LockedError
	if _, err := lockShard(out, Shard{Count: 1}); !errors.As(err, &le) || le.Owner.PID != os.Getpid() {
		t.Errorf("second lock: %v", err)
	}
	l.unlock()
	l, err = lockShard(out, Shard{Count: 1})
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	l.unlock()
	if LockName(Shard{Count: 1}) != "_manifest.lock" || LockName(Shard{3, 16}) != "_manifest-0003-of-0016.lock" {
		t.Errorf("lock names %s %s", LockName(Shard{Count: 1}), LockName(Shard{3, 16}))
	}
}
