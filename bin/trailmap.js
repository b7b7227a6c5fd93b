#!/usr/bin/env node
// Entry point of the `trailmap` command. Plain JavaScript so it runs right after `npm ci`:
// it builds whatever is not yet built, then hands over to the bundled CLI.
import { build } from '../scripts/build.js';

await build({ quiet: process.argv[2] !== 'serve' });
const { main } = await import('../dist/trailmap.js');
const code = await main(process.argv.slice(2));
if (code !== 0) process.exitCode = code;
