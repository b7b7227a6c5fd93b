// Bounded loads: autocannon after a warm-up, several runs, medians with min and max.
import autocannon from 'autocannon';

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
    ...extra,
  };
  console.log(
    `${name.padEnd(44)} ${entry.rps.toFixed(0).padStart(7)} req/s (min ${entry.rpsMin.toFixed(0)}, max ${entry.rpsMax.toFixed(0)})  p50 ${entry.p50} ms  p99 ${entry.p99} ms`,
  );
  return entry;
}

/** One measured autocannon run; every answer must be 2xx. */
async function measure(name, options, sample, samples) {
  const timer = sample && setInterval(() => samples.push(sample()), 1000);
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: DURATION });
  if (timer) clearInterval(timer);
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/**
 * Loads taking turns run by run (a warm-up each, then A, B, A, B…), so that a slow spell of the
 * machine falls on both sides of a ratio alike. Each entry is { name, options, sample? }: `sample`
 * runs once a second during the measured runs (the server's memory under load).
 */
export async function loadSideBySide(entries) {
  for (const { options } of entries)
    await autocannon({ ...options, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
  const runs = entries.map(() => []);
  const samples = entries.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, { name, options, sample }] of entries.entries())
      runs[j].push(await measure(name, options, sample, samples[j]));
  }
  return entries.map(({ name }, j) =>
    summarize(name, runs[j], samples[j].length ? { rssUnderLoadMb: Math.max(...samples[j]) } : {}),
  );
}

/** One load: a warm-up, then RUNS measured runs. */
export async function load(name, options, { sample } = {}) {
  const [entry] = await loadSideBySide([{ name, options, sample }]);
  return entry;
}

/** The same upsert the API makes, straight through the driver, one transaction each. */
export async function rawUpserts(name, query, sql, argsFor) {
  const runs = [];
  for (let run = 0; run <= RUNS; run++) {
    const latencies = [];
    const seconds = run === 0 ? WARM_UP_SECONDS : DURATION;
    const until = Date.now() + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          await query(sql, argsFor(n++));
          latencies.push(performance.now() - started);
        }
      }),
    );
    if (run === 0) continue; // warm-up
    latencies.sort((a, b) => a - b);
    runs.push({
      rps: latencies.length / seconds,
      p50: Math.round(latencies[Math.floor(latencies.length / 2)]),
      p99: Math.round(latencies[Math.floor(latencies.length * 0.99)]),
    });
  }
  return summarize(name, runs);
}
