import { readFileSync, readdirSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux everywhere that matters). */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  cpuTicks: number;
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces and parentheses; fields continue after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null; // exited
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** CPU time (utime + stime, ms) of a process and all its descendants (Hive's --fork workers, for instance). */
function treeCpuMs(root: number, stats: ProcStat[]): number {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const stack = [root];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    const own = stats.find((s) => s.pid === pid);
    if (own) ticks += own.cpuTicks;
    for (const child of children.get(pid) ?? []) stack.push(child.pid);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** PostgreSQL backends serving the bench databases (their command line names the database). */
function postgresBackendPids(databasePrefix: string): number[] {
  const pids: number[] = [];
  for (const pid of allPids()) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.startsWith('postgres: ') && cmd.includes(` ${databasePrefix}_`)) pids.push(pid);
    } catch {
      // exited
    }
  }
  return pids;
}

const SUBGRAPH_PROCESSES = ['catalog', 'orders', 'returns', 'marketing', 'creators'];

/** A snapshot of CPU ms per named process (including descendants), plus the bench databases' backends. */
export type CpuSnapshot = Record<string, number>;

/** Takes CPU snapshots of a fixed set of processes; the difference of two is the work done in between. */
export class CpuMeter {
  constructor(
    private readonly processes: () => Record<string, number | undefined>,
    private readonly databasePrefix: string,
  ) {}

  snapshot(): CpuSnapshot {
    const stats = allPids()
      .map(readStat)
      .filter((s): s is ProcStat => s !== null);
    const out: CpuSnapshot = {};
    for (const [name, pid] of Object.entries(this.processes())) if (pid) out[name] = treeCpuMs(pid, stats);
    // Backends come and go with pool connections; sum the live ones (an idle pool keeps them open).
    out.postgres =
      postgresBackendPids(this.databasePrefix).reduce((sum, pid) => sum + (stats.find((s) => s.pid === pid)?.cpuTicks ?? 0), 0) * (1000 / TICKS_PER_SECOND);
    const self = process.cpuUsage();
    out['load-generator'] = (self.user + self.system) / 1000;
    return out;
  }

  /** CPU ms per request per process between two snapshots. */
  static perRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): Record<string, number> {
    const out: Record<string, number> = {};
    if (requests <= 0) return out;
    for (const [name, value] of Object.entries(after)) {
      const delta = value - (before[name] ?? 0);
      if (delta > 0) out[name] = Number((delta / requests).toFixed(3));
    }
    const subgraphs = SUBGRAPH_PROCESSES.reduce((sum, name) => sum + (out[name] ?? 0), 0);
    if (subgraphs > 0) out.subgraphs = Number(subgraphs.toFixed(3));
    return out;
  }
}
