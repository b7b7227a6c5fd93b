// Zoom and pan on the map: buttons, and Ctrl/Cmd + scroll. The map scrolls inside its frame, so the
// page itself never scrolls sideways; touch screens pan it and pinch-zoom as they do any page.
const STEP = 1.25;
const MAX = 4;

export function enhanceMapZoom(map: HTMLElement): void {
  const found = map.querySelector<HTMLElement>('[data-map-viewport]');
  if (!found) return;
  const viewport: HTMLElement = found;
  let zoom = 1;
  /** The shown map's width when it fits its frame (zoom 1). */
  let fitted = 0;

  const shown = () =>
    [...viewport.querySelectorAll<SVGSVGElement>('svg[data-roadmap-map]')].find(
      (svg) => svg.getClientRects().length > 0,
    );

  function apply(next: number, focus?: { x: number; y: number }) {
    const svg = shown();
    if (!svg) return;
    if (zoom === 1) fitted = svg.getBoundingClientRect().width;
    const before = { width: viewport.scrollWidth, height: viewport.scrollHeight };
    const at = focus ?? { x: viewport.clientWidth / 2, y: viewport.clientHeight / 2 };
    const ratio = {
      x: (viewport.scrollLeft + at.x) / before.width,
      y: (viewport.scrollTop + at.y) / before.height,
    };
    zoom = Math.min(MAX, Math.max(1, next));
    for (const each of viewport.querySelectorAll<SVGSVGElement>('svg[data-roadmap-map]')) {
      // At 1 the stylesheet fits the map to its frame; beyond, the map grows and the frame scrolls.
      each.style.width = zoom === 1 ? '' : `${Math.round(fitted * zoom)}px`;
      each.style.maxWidth = zoom === 1 ? '' : 'none';
    }
    viewport.scrollLeft = ratio.x * viewport.scrollWidth - at.x;
    viewport.scrollTop = ratio.y * viewport.scrollHeight - at.y;
    map.dataset.zoom = String(Math.round(zoom * 100));
  }

  map.addEventListener('click', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('[data-map-zoom]');
    if (!button) return;
    const action = button.dataset.mapZoom;
    apply(action === 'in' ? zoom * STEP : action === 'out' ? zoom / STEP : 1);
  });

  viewport.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const frame = viewport.getBoundingClientRect();
      apply(zoom * (event.deltaY < 0 ? 1.1 : 1 / 1.1), {
        x: event.clientX - frame.left,
        y: event.clientY - frame.top,
      });
    },
    { passive: false },
  );
}
