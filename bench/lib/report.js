// The bench's summary: what each load cost the server (CPU per request, against the raw baseline
// measured in turns with it), memory, and the targets met or missed. Adds `targets` to the results.

const fixed = (value, digits = 2) =>
  value === null || value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);

/** Server CPU per request of each load, beside its baseline: the ratio is what the targets are about. */
function cpuTable(results) {
  const { baseline, pglite, postgres } = results;
  const rows = [
    ['baseline: raw node:http, same bytes', baseline, baseline],
    ['anonymous page (pglite)', pglite.anonymous, baseline],
    ['map baseline: raw node:http, map bytes', pglite.mapBaseline, pglite.mapBaseline],
    ['anonymous map page (pglite)', pglite.anonymousMap, pglite.mapBaseline],
    ['signed-in page (pglite)', pglite.signedIn, baseline],
    ['change + signed-in page (pglite)', pglite.signedInAfterChange, baseline],
    ['raw driver upserts (pglite)', pglite.rawUpserts, pglite.rawUpserts],
    ['API writes (pglite)', pglite.apiWrites, pglite.rawUpserts],
    ['signed-in page (postgres, server only)', postgres?.signedIn, baseline],
    ['API writes (postgres, server only)', postgres?.apiWrites, undefined],
  ];
  console.log('\nserver CPU per request (user + system of its process, all threads):');
  console.log(
    `  ${'load'.padEnd(40)} ${'req/s'.padStart(7)} ${'p99'.padStart(5)} ${'µs/req'.padStart(7)} ${'× its raw'.padStart(9)} ${'core'.padStart(5)}  load average`,
  );
  for (const [name, entry, raw] of rows) {
    if (!entry) continue;
    const ratio = raw?.cpuUs && entry.cpuUs ? entry.cpuUs / raw.cpuUs : null;
    console.log(
      `  ${name.padEnd(40)} ${entry.rps.toFixed(0).padStart(7)} ${String(entry.p99).padStart(5)} ${fixed(entry.cpuUs, 0).padStart(7)} ${fixed(ratio).padStart(9)} ${`${fixed(entry.cpuShare === null ? null : 100 * entry.cpuShare, 0)}%`.padStart(5)}  ${entry.loadAverage?.at(-1) ?? ''}`,
    );
  }
  console.log(
    "  (core: the server's CPU over the run's wall time; near 100% the server, not the load generator, set the pace)",
  );
}

/** Resident memory at the moments the targets name. */
function memoryTable(results) {
  const { coldStart, pglite } = results;
  console.log('\nresident memory of the server (MB):');
  const rows = [
    ['after a first start on a new data directory', coldStart.newDataDir.rssMb],
    ['after a restart on existing data', coldStart.existingDataDir.rssMb],
    ['after the start the loads run on', pglite.rssAfterStartMb],
  ];
  for (const [name, key] of [
    ['anonymous page', 'anonymous'],
    ['anonymous map page', 'anonymousMap'],
    ['signed-in page', 'signedIn'],
    ['API writes', 'apiWrites'],
  ]) {
    const entry = pglite[key];
    if (entry?.rssUnderLoadMb === undefined) continue;
    rows.push([
      `under the ${name} load: highest, and first to last of ${entry.rssSampledSeconds} s`,
      entry.rssUnderLoadMb,
      entry.rssGrowthMb,
    ]);
  }
  for (const [name, mb, growth] of rows)
    console.log(
      `  ${name.padEnd(72)} ${fixed(mb, 0).padStart(5)}${growth === undefined ? '' : `  (${growth >= 0 ? '+' : ''}${fixed(growth, 0)})`}`,
    );
}

const cpuRatio = (entry, raw) => (entry?.cpuUs && raw?.cpuUs ? entry.cpuUs / raw.cpuUs : null);

export function report(results) {
  cpuTable(results);
  memoryTable(results);
  const ratio = (a, b) => (a && b ? a.rps / b.rps : null);
  const { baseline, pglite, postgres, coldStart } = results;
  const maxGrowth = Math.max(
    ...['anonymous', 'signedIn', 'apiWrites'].map((key) => pglite[key]?.rssGrowthMb ?? 0),
  );
  const rows = [
    ['anonymous CPU/req / baseline', cpuRatio(pglite.anonymous, baseline), 1.3, 'below'],
    ['signed-in CPU/req / baseline (pglite)', cpuRatio(pglite.signedIn, baseline), 2, 'below'],
    ['API write CPU / raw upsert (pglite)', cpuRatio(pglite.apiWrites, pglite.rawUpserts), 1.5, 'below'],
    ['anonymous / baseline (req/s)', ratio(pglite.anonymous, baseline), 0.9],
    ['anonymous p99 (ms)', pglite.anonymous.p99, 20, 'below'],
    ['anonymous map / its baseline (req/s)', ratio(pglite.anonymousMap, pglite.mapBaseline), 0.9],
    ['signed-in / baseline (pglite, req/s)', ratio(pglite.signedIn, baseline), 0.5],
    ['signed-in / baseline (postgres, req/s)', ratio(postgres?.signedIn, baseline), 0.5],
    ['API writes / raw upserts (pglite, req/s)', ratio(pglite.apiWrites, pglite.rawUpserts), 0.5],
    ['API writes / raw upserts (postgres, req/s)', ratio(postgres?.apiWrites, postgres?.rawUpserts), 0.5],
    ['RSS after first start, new dir (MB)', coldStart.newDataDir.rssMb, 300, 'below'],
    ['RSS after restart (MB)', coldStart.existingDataDir.rssMb, 250, 'below'],
    ['RSS growth under a load (MB)', maxGrowth, 10, 'below'],
    ['cold start, existing data dir (ms)', coldStart.existingDataDir.ms, 1000, 'below'],
    ['cold start, new data dir (ms)', coldStart.newDataDir.ms, 4000, 'below'],
  ];
  if (postgres?.scale) {
    rows.push(
      [
        'scale: signed-in p99 / empty',
        postgres.scale.signedIn.p99 / Math.max(postgres.signedIn.p99, 1),
        1.5,
        'below',
      ],
      [
        'scale: API write p99 / empty',
        postgres.scale.apiWrites.p99 / Math.max(postgres.apiWrites.p99, 1),
        1.5,
        'below',
      ],
    );
  }
  results.targets = rows.map(([name, value, target, direction = 'above']) => ({
    name,
    value,
    target,
    met: value === null ? null : direction === 'above' ? value >= target : value <= target,
  }));
  console.log('\nagainst the targets:');
  for (const { name, value, target, met } of results.targets) {
    const shown = value === null ? 'skipped' : Number.isInteger(value) ? String(value) : value.toFixed(2);
    console.log(
      `  ${name.padEnd(42)} ${shown.padStart(8)}  target ${target}  ${met === null ? '' : met ? 'met' : 'MISSED'}`,
    );
  }
}
