import { deserialize, serialize } from 'node:v8';
import { loadContent } from '../src/content/load.ts';
import { indexDocuments, searchDocuments, loadContentIndex } from '../src/features/search/index.ts';
import { generatedCatalog } from './lib/generated-catalog.ts';
const loaded = await loadContent('content');
if (!loaded.ok) throw new Error();
const catalog = generatedCatalog(loaded.catalog);
for (let i = 0; i < 2; i++) {
let t = performance.now();
const docs = searchDocuments(catalog);
console.log('searchDocuments', (performance.now() - t).toFixed(0));
t = performance.now();
for (const d of docs) d.text();
console.log('texts', (performance.now() - t).toFixed(0));
t = performance.now();
const index = indexDocuments(docs);
console.log('indexDocuments', (performance.now() - t).toFixed(0));
const bytes = serialize(index);
t = performance.now();
const back = deserialize(bytes);
console.log('deserialize', (performance.now() - t).toFixed(0));
t = performance.now();
loadContentIndex(catalog, back);
console.log('loadContentIndex', (performance.now() - t).toFixed(0));
}
console.log(process.cpuUsage());
