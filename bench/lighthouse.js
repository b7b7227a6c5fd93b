// `npm run lighthouse`: Lighthouse (mobile, the default) on the catalogue, a roadmap, its map and a topic page,
// served by a fresh Trailmap on the embedded database. Each page 3 times, median per category (the
// performance score varies run to run); prints a table against the targets, the failing audits of any
// category under target, and writes bench/lighthouse.json. Exits 0 whenever the run completes.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { build } from '../scripts/build.js';
import { median } from './lib/load.js';
import { root, startServer } from './lib/server.js';

const RUNS = 3;
// The catalogue, a roadmap, its map and a topic (/roadmaps/:slug/:topicId, content/roadmaps/backend/topics/).
const PAGES = ['/', '/roadmaps/backend', '/roadmaps/backend/map', '/roadmaps/backend/rest-apis'];
const TARGETS = { performance: 98, accessibility: 100, 'best-practices': 100, seo: 100 };
const CATEGORIES = Object.keys(TARGETS);
const CHROME_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Audits that cost a category points: scored below 1 and not merely informative. */
function failingAudits(lhr, category) {
  return lhr.categories[category].auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => typeof audit.score === 'number' && audit.score < 1)
    .filter((audit) => !['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode));
}

async function auditPage(url, port) {
  const runs = [];
  const failing = new Map(); // by category, then audit id: failing in any run is worth a look
  for (let i = 0; i < RUNS; i++) {
    const result = await lighthouse(url, { port, logLevel: 'error', onlyCategories: CATEGORIES });
    const lhr = result?.lhr;
    if (!lhr || lhr.runtimeError) throw new Error(`${url}: ${lhr?.runtimeError?.message ?? 'no result'}`);
    runs.push(Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)])));
    for (const category of CATEGORIES) {
      if (!failing.has(category)) failing.set(category, new Map());
      for (const audit of failingAudits(lhr, category)) {
        const seen = failing.get(category).get(audit.id);
        failing.get(category).set(audit.id, {
          id: audit.id,
          title: audit.title,
          displayValue: audit.displayValue ?? '',
          runs: (seen?.runs ?? 0) + 1,
        });
      }
    }
  }
  const medians = Object.fromEntries(CATEGORIES.map((c) => [c, median(runs.map((run) => run[c]))]));
  const misses = Object.fromEntries(
    CATEGORIES.filter((c) => medians[c] < TARGETS[c]).map((c) => [c, [...failing.get(c).values()]]),
  );
  return { runs, medians, failingAudits: misses };
}

function printTable(pages) {
  const width = Math.max(...Object.keys(pages).map((p) => p.length)) + 2;
  console.log(
    `\n${'page'.padEnd(width)}${CATEGORIES.map((c) => `${c} (≥${TARGETS[c]})`.padStart(24)).join('')}`,
  );
  for (const [page, { medians }] of Object.entries(pages)) {
    const cells = CATEGORIES.map((c) => `${medians[c]}${medians[c] < TARGETS[c] ? ' ✗ MISS' : ' ✓'}`);
    console.log(`${page.padEnd(width)}${cells.map((cell) => cell.padStart(24)).join('')}`);
  }
  for (const [page, { failingAudits: misses }] of Object.entries(pages)) {
    for (const [category, audits] of Object.entries(misses)) {
      console.log(`\n${page} — ${category} under target; audits failing in any run:`);
      for (const audit of audits)
        console.log(`  ${audit.id}: ${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
    }
  }
}

async function main() {
  await build({ quiet: true });
  const cleanups = [];
  const cleanUp = async () => {
    // Newest first, and one failing step does not keep the others from running.
    for (const step of cleanups.splice(0).reverse()) await step().catch(() => {});
  };
  // Ctrl-C, a kill or an error thrown outside our awaits (chrome-launcher emits one when Chromium
  // cannot be spawned) must not leave a server or a Chromium behind.
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
  process.once('uncaughtException', (error) => {
    console.error(error);
    cleanUp().finally(() => process.exit(1));
  });
  try {
    // One temporary folder for the database and the Chromium profile, so one rm leaves nothing behind
    // (chrome-launcher's own profile folder stays in /tmp when Chromium fails to start).
    const scratch = await mkdtemp(path.join(tmpdir(), 'trailmap-lighthouse-'));
    cleanups.push(() => rm(scratch, { recursive: true, force: true }));
    const server = await startServer({ DATA_DIR: path.join(scratch, 'data'), DATABASE_URL: '' });
    cleanups.push(server.stop);
    const userDataDir = path.join(scratch, 'chromium');
    await mkdir(userDataDir);
    const chrome = await chromeLauncher.launch({
      chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      chromeFlags: CHROME_FLAGS,
      userDataDir,
      handleSIGINT: false, // our own handler stops the server too
    });
    cleanups.push(async () => chrome.kill());
    const version = await (await fetch(`http://127.0.0.1:${chrome.port}/json/version`)).json();

    const pages = {};
    for (const page of PAGES) {
      console.log(`lighthouse ${page} × ${RUNS}…`);
      pages[page] = await auditPage(`${server.base}${page}`, chrome.port);
    }
    printTable(pages);
    const report = {
      date: new Date().toISOString(),
      lighthouse: createRequire(import.meta.url)('lighthouse/package.json').version,
      chromium: version.Browser,
      formFactor: 'mobile',
      runs: RUNS,
      targets: TARGETS,
      pages,
    };
    await writeFile(path.join(root, 'bench/lighthouse.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('\nwrote bench/lighthouse.json');
  } finally {
    await cleanUp();
  }
}

await main();
