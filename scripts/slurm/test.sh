#!/usr/bin/env bash
# make test-slurm: the README's Slurm job script (scripts/slurm/newsmill.sbatch)
# on a real one-node Slurm cluster. It installs Debian's Slurm and munge when
# they are missing, runs munged, slurmctld and slurmd by hand with everything
# under a temporary directory (no systemd, nothing under /etc changed), and
# checks with DuckDB that:
#   1. a 4-task array's union equals a single-process run, row for row;
#   2. after one task is stopped with scancel --full --signal=TERM and another
#      requeued with scontrol requeue, resubmitting the stopped task alone
#      (sbatch --array=2, which computes shard 2 of 4) completes the dataset
#      with nothing lost or doubled.
# The daemons it started are stopped by their PIDs on exit. Needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$(date +%s)
log() { echo "test-slurm: [$(($(date +%s) - start))s] $*"; }
die() { log "FAIL: $*"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null ||
  ! command -v munged >/dev/null; then
  log "installing Debian's slurmctld, slurmd, slurm-client and munge"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    slurmctld slurmd slurm-client munge >/dev/null
fi

T=$(mktemp -d /tmp/newsmill-slurm.XXXXXX)
chmod 700 "$T"
pids=()
cleanup() {
  local rc=$?
  # Jobs still queued or running (after a failure) end before the daemons.
  if [ -n "${SLURM_CONF:-}" ] && [ -n "$(squeue -h -o %A 2>/dev/null)" ]; then
    squeue -h -o %A | sort -u | xargs -r scancel --full 2>/dev/null || true
    sleep 2
  fi
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$rc" -ne 0 ]; then
    for f in "$T"/*.log "$T"/work/*.log; do
      [ -f "$f" ] && { echo "--- $f"; tail -n 30 "$f"; }
    done
  fi
  rm -rf "$T"
  exit "$rc"
}
trap cleanup EXIT

# munge with its own key, socket, pid and log.
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/work" "$T/bin"
chmod 700 "$T/munge"
dd if=/dev/urandom of="$T/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$T/munge/munge.key"
munged --foreground --force --socket="$T/munge/munge.sock" --key-file="$T/munge/munge.key" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/munged.log" --seed-file="$T/munge/munge.seed" \
  >"$T/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$T/munge/munge.sock" ] && break; sleep 0.1; done
[ -S "$T/munge/munge.sock" ] || die "munged did not start"

# A one-node cluster on free ports.
host=$(hostname -s)
port() { shuf -i 20000-60000 -n 1; }
export SLURM_CONF="$T/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=newsmilltest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(port)
SlurmdPort=$(port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$T/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/slurmctld.log
SlurmdLogFile=$T/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
KillWait=20
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=4 RealMemory=8000 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i >"$T/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N "$host" >"$T/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 300); do
  state=$(sinfo -h -n "$host" -o %t 2>/dev/null || true)
  [ "$state" = idle ] && break
  sleep 0.1
done
[ "$state" = idle ] || die "node $host is '$state', not idle"
log "cluster up: node $host idle"

# newsmill, the checker and the inputs: 8 JSON Lines files, those of shard 2
# (files 2 and 6) large enough that TERM lands while it runs.
go build -o "$T/bin/newsmill" ./cmd/newsmill
go build -o "$T/bin/check" ./scripts/slurm/check
go build -o "$T/bin/gencorpus" ./internal/gen/gencorpus
for i in $(seq 0 7); do
  n=40
  [ $((i % 4)) = 2 ] && n=${BIG_DOCS:-600}
  "$T/bin/gencorpus" -n "$n" -first $((i * 10000)) -words 120 -o "$T/in/feed-$i.jsonl"
done
export PATH="$T/bin:$PATH"
newsmill annotate -q --workers 2 -o "$T/ref" "$T/in/*.jsonl"
log "single-process reference written"

# The README's script with its settings lines pointed at the test.
sed -e "s|^SHARDS=.*|SHARDS=4|" -e "s|^OUT=.*|OUT=\"\$TEST_OUT\"|" -e "s|^IN=.*|IN='$T/in/*.jsonl'|" \
  scripts/slurm/newsmill.sbatch >"$T/job.sbatch"
[ "$(diff scripts/slurm/newsmill.sbatch "$T/job.sbatch" | grep -c '^>')" = 3 ] || die "the script's SHARDS, OUT and IN lines changed"
cd "$T/work"
submit() { sbatch --parsable --cpus-per-task=1 --mem=200M --time=10 "$@" "$T/job.sbatch"; }
states() { squeue -h -j "$1" -o '%i %T' 2>/dev/null || true; }
wait_job() { # until no task of job $1 is pending or running
  for i in $(seq 1200); do
    [ -z "$(states "$1")" ] && return 0
    [ $((i % 50)) = 0 ] && log "job $1: $(squeue -h -j "$1" -o '%i %T %r' | tr '\n' ' ')"
    sleep 0.2
  done
  die "job $1 did not finish: $(states "$1")"
}

# 1. A 4-task array equals the single-process run.
export TEST_OUT="$T/out1"
job=$(submit --array=0-3)
wait_job "$job"
log "array $job done"
check -shards 4 "$T/ref" "$T/out1"

# 2. Stop task 2 with TERM, requeue task 1 while it runs, then resubmit task 2 alone.
export TEST_OUT="$T/out2"
job=$(submit --array=0-3)
wait_task_log() { # until task $1's log has a line matching $2
  for _ in $(seq 600); do
    grep -q "$2" "newsmill-${job}_$1.log" 2>/dev/null && return 0
    sleep 0.1
  done
  die "task $1 never logged '$2'"
}
wait_task_log 2 'shard 2 of 4'
scancel --full --signal=TERM "${job}_2"
wait_task_log 1 'shard 1 of 4'
for _ in $(seq 50); do # a task that just ended may be completing for a moment
  scontrol requeue "${job}_1" 2>/dev/null && break
  sleep 0.2
done
# A requeued job is held back for two minutes (its begin time): once it is
# pending for that reason, start it now, and wait until it ran again.
for i in $(seq 300); do
  [ "$(grep -c 'shard 1 of 4' "newsmill-${job}_1.log")" -ge 2 ] && break
  [ "$(squeue -h -j "${job}_1" -o '%T %r' 2>/dev/null)" = "PENDING BeginTime" ] &&
    scontrol update JobId="${job}_1" StartTime=now
  [ "$i" = 300 ] && die "task 1 was not run again after requeue"
  sleep 0.2
done
wait_job "$job"
grep -q 'stopped: received terminated' "newsmill-${job}_2.log" || die "task 2 was not stopped by TERM"
grep -q '^  "status": "stopped"' "$T/out2/_manifest-0002-of-0004.json" || die "shard 2's manifest does not say stopped"
log "array $job done: task 2 stopped by TERM, task 1 requeued and rerun"
job2=$(submit --array=2)
wait_job "$job2"
grep -q 'shard 2 of 4' "newsmill-${job2}_2.log" || die "the resubmitted task did not compute shard 2 of 4"
check -shards 4 "$T/ref" "$T/out2"
log "PASS"
