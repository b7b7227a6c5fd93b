// Builds the browser assets once per test run; pages link to them by their hashed names.
import { build } from '../scripts/build.js';

export default async function setup() {
  await build({ quiet: true });
}
