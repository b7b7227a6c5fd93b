// The map's addresses through Fastify's inject: the page's markup contract, the standalone SVG,
// the PNG, and the List / Map switch.
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers/app.ts';

const { get } = useTestApp();

describe('the map page', () => {
  it('holds the diagram by the markup contract: one link per topic and layout, sections, links', async () => {
    const res = await get('/roadmaps/backend/map');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html.match(/<svg [^>]*data-roadmap-map="backend"/g)).toHaveLength(2);
    for (const layout of html.split('<svg ').slice(1)) {
      const topics = [...layout.matchAll(/<a href="\/roadmaps\/backend\/([a-z0-9-]+)"[^>]*data-topic="\1"/g)];
      expect(topics).toHaveLength(43);
      expect(layout.match(/<g class="map-section" data-section="[a-z-]+"/g)).toHaveLength(9);
      expect(layout).toContain(
        'data-topic="fastify" data-topic-id="fastify" data-type="optional" data-status="pending"',
      );
      expect(layout).toMatch(/<path [^>]*data-from="javascript" data-to="express"/);
      expect(layout).toMatch(/<path [^>]*data-from="languages" data-to="core"/);
    }
  });

  it('offers List and Map on both views, each marking where the learner is', async () => {
    const list = (await get('/roadmaps/backend')).body;
    const map = (await get('/roadmaps/backend/map')).body;
    expect(list).toMatch(/href="\/roadmaps\/backend" data-view-choice="list" aria-current="page"/);
    expect(list).toMatch(/href="\/roadmaps\/backend\/map" data-view-choice="map">/);
    expect(map).toMatch(/href="\/roadmaps\/backend\/map" data-view-choice="map" aria-current="page"/);
  });

  it('is served compressed from memory with an ETag, like the list', async () => {
    const first = await get('/roadmaps/backend/map', { 'accept-encoding': 'br' });
    expect(first.headers['content-encoding']).toBe('br');
    const again = await get('/roadmaps/backend/map', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('answers 404 in words for a roadmap that does not exist', async () => {
    const res = await get('/roadmaps/nope/map', { accept: 'application/json' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found', message: 'There is no roadmap "nope"' });
  });
});

describe('the downloads', () => {
  it('map.svg is a standalone light SVG with its title and legend and no external references', async () => {
    const res = await get('/roadmaps/backend/map.svg');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    const svg = res.body;
    expect(svg).toMatch(/^<\?xml[^>]*\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<title>Backend Developer Roadmap 2026</title>');
    expect(svg).toMatch(/>Required<\/text>.*>Pick One<\/text>.*>Optional<\/text>/s);
    // Nothing it would load: no stylesheet, script, image or font from anywhere.
    expect(svg).not.toMatch(/<(script|style|image|link|foreignObject)\b|url\(|@import/);
    expect(svg.match(/href="/g)?.length).toBe(43);
  });

  it('map.png is a PNG drawn on the server', async () => {
    const res = await get('/roadmaps/backend/map.png');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    // Twice the SVG's width, for sharp text.
    const width = res.rawPayload.readUInt32BE(16);
    const svgWidth = Number((await get('/roadmaps/backend/map.svg')).body.match(/width="(\d+)"/)?.[1]);
    expect(width).toBe(svgWidth * 2);
  }, 60_000);
});
