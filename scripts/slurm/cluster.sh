#!/usr/bin/env bash
# A real one-node Slurm cluster for tests and trials, without systemd, as root:
#
#   scripts/slurm/cluster.sh start [DIR]   install Slurm + munge if missing (apt-get), write
#                                          DIR/slurm.conf from `slurmd -C`, start munged,
#                                          slurmctld and slurmd, wait until the node is idle
#   scripts/slurm/cluster.sh stop [DIR]    cancel its jobs, stop the daemons by their recorded PIDs
#   scripts/slurm/cluster.sh log [DIR]     print the daemons' logs
#
# DIR (default: $SPECLENS_SLURM_DIR, else /tmp/speclens-slurm) holds the configuration, the
# munge key and socket, state, spool, logs and PID files. Client commands need
# `export SLURM_CONF=DIR/slurm.conf`. The ports are picked free at start, so several clusters
# (one per folder) can run at once. Exit status: 0 done, 1 failed (logs printed), 2 not root.
# Verified on Debian 12 (slurm-wlm 22.05.8, munge 0.5.15); see docs/cluster.md.
set -euo pipefail

command=${1:-}
dir=${2:-${SPECLENS_SLURM_DIR:-/tmp/speclens-slurm}}
conf=$dir/slurm.conf

say() { echo "cluster.sh: $*" >&2; }

print_logs() {
    for file in "$dir"/munge/munged.log "$dir"/log/*; do
        [ -f "$file" ] || continue
        echo "----- $file" >&2
        tail -n 60 "$file" >&2
    done
}

# A TCP port nothing listens on, from 20000-59999.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if [ -z "$(ss -Htln "sport = :$port" 2>/dev/null)" ] && [ "$port" != "${1:-}" ]; then
            echo "$port"
            return
        fi
    done
    say "no free TCP port found"
    return 1
}

# Whether process $1 runs (a zombie left to an init that does not reap counts as ended).
alive() {
    [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]
}

# Stops the process whose PID is in file $1 (if it is still running), TERM then KILL.
stop_pid_file() {
    local file=$1 pid
    [ -f "$file" ] || return 0
    pid=$(cat "$file")
    if [ -n "$pid" ] && alive "$pid"; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do
            alive "$pid" || break
            sleep 0.1
        done
        if alive "$pid"; then
            say "process $pid ($file) did not stop within 10 s; killing it"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$file"
}

start() {
    [ "$(id -u)" = 0 ] || { say "needs root (installs packages, runs the daemons as root)"; exit 2; }
    mkdir -p "$dir"/{munge,state,spool,log}
    local missing=""
    for tool in munged slurmctld slurmd sbatch; do
        command -v "$tool" >/dev/null || missing=yes
    done
    if [ -n "$missing" ]; then
        # slurmctld + slurmd + slurm-client is slurm-wlm without its optional plugins (4 s, not 30).
        say "installing slurmctld, slurmd, slurm-client and munge (apt-get)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            slurmctld slurmd slurm-client munge >"$dir/log/apt.log" 2>&1 \
            || { cat "$dir/log/apt.log" >&2; say "apt-get install failed"; exit 1; }
    fi
    if [ -f "$dir/slurmctld.pid.bg" ] && alive "$(cat "$dir/slurmctld.pid.bg")"; then
        say "a cluster is already running in $dir (stop it first)"
        exit 1
    fi
    chmod 711 "$dir/munge"
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 2>/dev/null
    chmod 400 "$dir/munge/munge.key"
    munged --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
        --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" \
        --seed-file="$dir/munge/munged.seed" </dev/null >"$dir/log/munged.out" 2>&1 \
        || { print_logs; say "munged did not start"; exit 1; }

    local host node ctld_port d_port
    host=$(hostname -s)
    # `slurmd -C` prints this node's line; RealMemory is set 5 % below the total.
    node=$(slurmd -C | head -n 1 | awk '{
        for (i = 1; i <= NF; i++) if ($i ~ /^RealMemory=/) { split($i, kv, "="); $i = "RealMemory=" int(kv[2] * 0.95) }
        print }')
    ctld_port=$(free_port)
    d_port=$(free_port "$ctld_port")
    cat >"$conf" <<CONF
ClusterName=speclens
SlurmctldHost=$host
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
MailProg=/bin/true
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
DependencyParameters=kill_invalid_depend
SchedulerParameters=batch_sched_delay=0
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
ReturnToService=2
$node State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
    export SLURM_CONF=$conf
    setsid slurmctld -D -f "$conf" </dev/null >"$dir/log/slurmctld.out" 2>&1 &
    echo $! >"$dir/slurmctld.pid.bg"
    setsid slurmd -D -f "$conf" </dev/null >"$dir/log/slurmd.out" 2>&1 &
    echo $! >"$dir/slurmd.pid.bg"
    local state=""
    for _ in $(seq 1 150); do
        state=$(sinfo -h -o %T 2>/dev/null || true)
        [ "$state" = idle ] && break
        sleep 0.2
    done
    if [ "$state" != idle ]; then
        print_logs
        say "the node did not become idle within 30 s (state: ${state:-none})"
        stop
        exit 1
    fi
    say "cluster up in $dir ($(sinfo --version), $(munged --version 2>&1 | awk '{print $1}'); ports $ctld_port, $d_port)"
    echo "export SLURM_CONF=$conf"
}

stop() {
    if [ -f "$conf" ] && [ -f "$dir/slurmctld.pid.bg" ]; then
        export SLURM_CONF=$conf
        scancel --quiet --user=root 2>/dev/null || true
    fi
    stop_pid_file "$dir/slurmd.pid.bg"
    stop_pid_file "$dir/slurmctld.pid.bg"
    stop_pid_file "$dir/munge/munged.pid"
    say "cluster in $dir stopped"
}

case "$command" in
start) start ;;
stop) stop ;;
log) print_logs ;;
*)
    echo "usage: $0 start|stop|log [DIR]" >&2
    exit 64
    ;;
esac
