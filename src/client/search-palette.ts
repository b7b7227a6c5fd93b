// The search dialog (a WAI-ARIA combobox in a modal dialog): results as one types, grouped by
// roadmap, the matching words highlighted; arrows move, Enter opens, Esc closes and gives focus
// back. A topic of the roadmap on screen opens in its drawer. Loaded only when first opened.

interface Result {
  kind: 'roadmap' | 'topic' | 'resource' | 'note';
  roadmap: string;
  roadmapTitle: string;
  topicId: string | null;
  title: string;
  snippetHtml: string;
  url: string;
  topicType: 'required' | 'pick-one' | 'optional' | null;
  status: 'pending' | 'learning' | 'done' | 'skipped' | null;
}

const KIND = { roadmap: 'Roadmap', topic: 'Topic', resource: 'Resource', note: 'My note' };
const TYPE = { required: 'Required', 'pick-one': 'Pick One', optional: 'Optional' };
const STATUS = { pending: '', learning: 'Learning', done: 'Done', skipped: 'Skipped' };
const DEBOUNCE_MS = 120;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The snippet's nodes: text and <mark> only, whatever arrived (the server escapes already). */
function snippetNodes(html: string): Node[] {
  const template = document.createElement('template');
  template.innerHTML = html;
  return [...template.content.childNodes].map((node) =>
    node.nodeName === 'MARK'
      ? element('mark', {}, node.textContent ?? '')
      : document.createTextNode(node.textContent ?? ''),
  );
}

/** The roadmap this page shows with a drawer, if any: its topics open there. */
function drawerRoadmap(): string | undefined {
  if (!document.querySelector('dialog#topic-drawer')) return undefined;
  return /^\/roadmaps\/([a-z0-9-]+)/.exec(window.location.pathname)?.[1];
}

function build() {
  const dialog = element('dialog', { class: 'palette', id: 'search-palette', 'aria-label': 'Search' });
  const box = element('div', { class: 'palette__box' });
  const label = element('label', { for: 'palette-q', class: 'visually-hidden' }, 'Search');
  const input = element('input', {
    id: 'palette-q',
    class: 'palette__input',
    type: 'text',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': 'palette-results',
    'aria-autocomplete': 'list',
    autocomplete: 'off',
    spellcheck: 'false',
    maxlength: '200',
    placeholder: 'Search roadmaps, topics, resources…',
  });
  const list = element('div', {
    id: 'palette-results',
    class: 'palette__results',
    role: 'listbox',
    'aria-label': 'Results',
  });
  const status = element('p', { class: 'palette__status', role: 'status' });
  const hint = element('p', { class: 'palette__hint' });
  const all = element('a', { href: '/search', class: 'palette__all' }, 'All results');
  hint.append('↑ ↓ move · Enter opens · Esc closes · ', all);
  box.append(label, input, list, status, hint);
  dialog.append(box);
  document.body.append(dialog);
  return { dialog, input, list, status, all };
}

let ui: ReturnType<typeof build> | undefined;
let opener: Element | null = null;
let options: HTMLAnchorElement[] = [];
let active = -1;
let timer: ReturnType<typeof setTimeout> | undefined;
let request: AbortController | undefined;

function setActive(index: number) {
  if (!ui) return;
  options[active]?.setAttribute('aria-selected', 'false');
  active = index;
  const option = options[active];
  if (option) {
    option.setAttribute('aria-selected', 'true');
    ui.input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  } else ui.input.removeAttribute('aria-activedescendant');
}

function render(results: Result[], total: number, q: string) {
  if (!ui) return;
  const onRoadmap = drawerRoadmap();
  const groups = new Map<string, Result[]>();
  for (const result of results) groups.set(result.roadmap, [...(groups.get(result.roadmap) ?? []), result]);
  const nodes: HTMLElement[] = [];
  options = [];
  for (const [slug, members] of groups) {
    const title = members[0]?.roadmapTitle ?? slug;
    const group = element('div', { role: 'group', 'aria-label': title, class: 'palette__group' });
    group.append(element('div', { class: 'palette__group-title', 'aria-hidden': 'true' }, title));
    for (const result of members) {
      const option = element('a', {
        role: 'option',
        id: `palette-option-${options.length}`,
        class: `palette__option palette__option--${result.kind}`,
        href: result.url,
        'aria-selected': 'false',
        tabindex: '-1',
      });
      if (result.kind === 'resource') option.rel = 'noopener noreferrer';
      // The drawer opens links that name their topic (drawer.ts).
      if (result.kind === 'topic' && result.topicId && result.roadmap === onRoadmap)
        option.dataset.topic = result.topicId;
      const meta = [
        KIND[result.kind],
        result.topicType && result.kind !== 'resource' ? TYPE[result.topicType] : '',
        result.status ? STATUS[result.status] : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const snippet = element('span', { class: 'palette__snippet' });
      snippet.append(...snippetNodes(result.snippetHtml));
      option.append(
        element('span', { class: 'palette__title' }, result.title),
        element('span', { class: 'palette__meta' }, meta),
        snippet,
      );
      options.push(option);
      group.append(option);
    }
    nodes.push(group);
  }
  ui.list.replaceChildren(...nodes);
  ui.input.setAttribute('aria-expanded', String(options.length > 0));
  ui.status.textContent =
    total === 0
      ? `Nothing found for “${q}”`
      : total > results.length
        ? `${results.length} of ${total} results`
        : `${total} result${total === 1 ? '' : 's'}`;
  ui.all.href = `/search?q=${encodeURIComponent(q)}`;
  active = -1;
  setActive(options.length > 0 ? 0 : -1);
}

async function run(q: string) {
  if (!ui) return;
  request?.abort();
  if (q.trim() === '') {
    ui.list.replaceChildren();
    options = [];
    ui.input.setAttribute('aria-expanded', 'false');
    ui.status.textContent = '';
    return;
  }
  request = new AbortController();
  try {
    const response = await fetch(`/api/v1/search?q=${encodeURIComponent(q)}&limit=20`, {
      signal: request.signal,
      headers: { accept: 'application/json' },
    });
    const body = await response.json();
    if (!response.ok) {
      ui.status.textContent = body.message ?? 'Search failed: try again.';
      return;
    }
    render(body.results as Result[], body.total as number, q);
  } catch (error) {
    if ((error as Error).name !== 'AbortError')
      ui.status.textContent = 'Search is out of reach: check the connection and try again.';
  }
}

function close() {
  if (ui?.dialog.open) ui.dialog.close();
}

function wire(parts: ReturnType<typeof build>) {
  const { dialog, input, list } = parts;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((active + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const option = options[active];
      if (option) option.click();
      else if (input.value.trim()) window.location.assign(`/search?q=${encodeURIComponent(input.value)}`);
    }
  });
  // Before the drawer's own click handler on the document: the dialog steps aside first.
  list.addEventListener('click', (event) => {
    if ((event.target as Element).closest('[role="option"]')) close();
  });
  list.addEventListener('mousemove', (event) => {
    const option = (event.target as Element).closest<HTMLAnchorElement>('[role="option"]');
    if (option && options.indexOf(option) !== active) setActive(options.indexOf(option));
  });
  // A click on the backdrop lands on the dialog itself.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) close();
  });
  dialog.addEventListener('close', () => {
    clearTimeout(timer);
    request?.abort();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
}

export function openSearchPalette(text: string, from: Element | null) {
  if (!ui) {
    ui = build();
    wire(ui);
  }
  if (ui.dialog.open) return;
  opener = from;
  ui.dialog.showModal();
  ui.input.focus();
  if (text) ui.input.value = text;
  ui.input.select();
  if (text) ui.input.setSelectionRange(text.length, text.length);
  void run(ui.input.value);
}
