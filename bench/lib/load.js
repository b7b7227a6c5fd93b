// Bounded loads: autocannon after a warm-up, several runs, medians with min and max, and what the
// server spent on them: its CPU time per request and its share of one core over the run.
import autocannon from 'autocannon';
import { cpuMs, loadAverage, ownCpuMs } from './cpu.js';

export const CONNECTIONS = 50;
export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
export const RUNS = 3;
const WARM_UP_SECONDS = 2;

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function summarize(name, runs, extra = {}) {
  const pick = (key) => runs.map((r) => r[key]);
  const entry = {
    name,
    rps: median(pick('rps')),
    rpsMin: Math.min(...pick('rps')),
    rpsMax: Math.max(...pick('rps')),
    p50: median(pick('p50')),
    p99: median(pick('p99')),
    p99Max: Math.max(...pick('p99')),
    // Server CPU per request (µs) and the server's share of one core during the measured runs.
    cpuUs: runs[0]?.cpuUs === undefined ? null : median(pick('cpuUs')),
    cpuUsMin: runs[0]?.cpuUs === undefined ? null : Math.min(...pick('cpuUs')),
    cpuUsMax: runs[0]?.cpuUs === undefined ? null : Math.max(...pick('cpuUs')),
    cpuShare: runs[0]?.cpuShare === undefined ? null : median(pick('cpuShare')),
    loadAverage: runs.map((r) => r.loadAverage),
    ...extra,
  };
  const cpu =
    entry.cpuUs === null
      ? ''
      : `  CPU ${entry.cpuUs.toFixed(0)} µs/req (${entry.cpuUsMin.toFixed(0)}-${entry.cpuUsMax.toFixed(0)}) at ${(100 * entry.cpuShare).toFixed(0)}% of a core`;
  console.log(
    `${name.padEnd(44)} ${entry.rps.toFixed(0).padStart(7)} req/s (min ${entry.rpsMin.toFixed(0)}, max ${entry.rpsMax.toFixed(0)})  p50 ${entry.p50} ms  p99 ${entry.p99} ms${cpu}  load ${entry.loadAverage.at(-1)}`,
  );
  return entry;
}

/** Over one run: the server's CPU per request (µs) and its share of one core. */
function cpuOver(cpuBefore, cpuAfter, startedAt, requests) {
  const cpu = cpuAfter - cpuBefore;
  return { cpuUs: (1000 * cpu) / Math.max(requests, 1), cpuShare: cpu / (performance.now() - startedAt) };
}

/**
 * One measured autocannon run; every answer must be 2xx. `pid`: the server process, whose CPU time
 * over the run is divided by the requests answered.
 */
async function measure(name, options, sample, samples, pid) {
  const timer = sample && setInterval(() => samples.push(sample()), 1000);
  const startedAt = performance.now();
  const cpuBefore = pid && cpuMs(pid);
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION });
  const cpu = pid ? cpuOver(cpuBefore, cpuMs(pid), startedAt, result.requests.total) : {};
  if (timer) clearInterval(timer);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ...cpu,
    loadAverage: loadAverage(),
  };
}

/** The resident memory samples of a load: the highest, and the change from its first to its last. */
function memoryOf(samples) {
  if (!samples.length) return {};
  return {
    rssUnderLoadMb: Math.max(...samples),
    rssGrowthMb: (samples.at(-1) ?? 0) - (samples[0] ?? 0),
    rssSampledSeconds: samples.length,
  };
}

/**
 * Loads taking turns run by run (a warm-up each, then A, B, A, B…), so that a slow spell of the
 * machine falls on both sides of a ratio alike. Each entry is { name, options, sample?, pid? }:
 * `sample` runs once a second during the measured runs (the server's memory under load), `pid` is
 * the server's process, for its CPU per request.
 */
export async function loadSideBySide(entries) {
  for (const { options } of entries)
    await autocannon({ ...options, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
  const runs = entries.map(() => []);
  const samples = entries.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, { name, options, sample, pid }] of entries.entries())
      runs[j].push(await measure(name, options, sample, samples[j], pid));
  }
  return entries.map(({ name }, j) => summarize(name, runs[j], memoryOf(samples[j])));
}

/** One load: a warm-up, then RUNS measured runs. */
export async function load(name, options, { sample, pid } = {}) {
  const [entry] = await loadSideBySide([{ name, options, sample, pid }]);
  return entry;
}

/**
 * The same upsert the API makes, straight through the driver, one transaction each. `ownCpu`: the
 * statements run in this process (PGlite), so its CPU time is their cost; with PostgreSQL the work
 * is the database's, and no CPU is reported.
 */
export async function rawUpserts(name, query, sql, argsFor, { ownCpu = true } = {}) {
  const runs = [];
  for (let run = 0; run <= RUNS; run++) {
    const latencies = [];
    const seconds = run === 0 ? WARM_UP_SECONDS : DURATION;
    const until = Date.now() + seconds * 1000;
    let n = 0;
    // The driver runs in this process (PGlite) or its work is PostgreSQL's: this process's CPU is
    // the raw side's cost per statement on PGlite.
    const startedAt = performance.now();
    const cpuBefore = ownCpuMs();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          await query(sql, argsFor(n++));
          latencies.push(performance.now() - started);
        }
      }),
    );
    const cpu = ownCpu ? cpuOver(cpuBefore, ownCpuMs(), startedAt, latencies.length) : {};
    if (run === 0) continue; // warm-up
    latencies.sort((a, b) => a - b);
    runs.push({
      rps: latencies.length / seconds,
      p50: Math.round(latencies[Math.floor(latencies.length / 2)]),
      p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]),
      ...cpu,
      loadAverage: loadAverage(),
    });
  }
  return summarize(name, runs);
}
