import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@sc/stack';
import { Measurement } from '../workloads/measure';

/** One line of the targets table. */
export interface TargetRow {
  figure: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export const fmt = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

/** Git revision and machine facts for the JSON report. */
export function runContext(): Record<string, unknown> {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    gitRevision: git('rev-parse', 'HEAD'),
    gitDirty: git('status', '--porcelain').length > 0,
    node: process.version,
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((os.totalmem() / 1024 ** 3).toFixed(1)),
    loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
    platform: `${os.platform()} ${os.release()}`,
  };
}

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));

/** A plain-text table with a header row. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The workload line of the per-workload table. */
export function workloadRow(name: string, via: string, m: Measurement | undefined, costs: string, cpuKeys: string[]): string[] {
  if (!m) return [name, via, 'skipped', '', '', '', ''];
  const thr = m.throughput.rate === null ? '<' + fmt(m.throughput.steps[m.throughput.steps.length - 1]?.targetRate ?? 0, 0) : fmt(m.throughput.rate, 0);
  const cpu = cpuKeys.map((k) => `${k} ${fmt(m.cpuMsPerRequest[k] ?? 0, 2)}`).join(', ');
  return [name, via, thr, `${fmt(m.c1.p50)} / ${fmt(m.c1.p99)}`, `${fmt(m.fixed.p50)} / ${fmt(m.fixed.p99)} @${m.fixedRate}`, cpu, costs];
}

/** Writes the JSON report to .sc/bench/<timestamp>.json and returns its path. */
export function writeJson(report: Record<string, unknown>): string {
  const dir = path.join(REPO_ROOT, '.sc/bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  return file;
}
