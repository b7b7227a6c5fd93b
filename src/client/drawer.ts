// Opens topic cards in a side drawer without a page load. The URL becomes the topic page's, so
// Back closes the drawer and a reload shows the full topic page. Without JavaScript the cards
// are plain links, and this file changes nothing.

/** A topic link's address: on the list an HTML link, on the map an SVG one (whose href is not a string). */
const addressOf = (link: Element) => new URL(link.getAttribute('href') ?? '', window.location.href).href;

/** The topic's link the learner can see (the map has one per layout, only one of them shown). */
const visibleLink = (topicId: string) =>
  [...document.querySelectorAll(`a[data-topic="${CSS.escape(topicId)}"]`)].find(
    (link) => !link.closest('dialog') && link.getClientRects().length > 0,
  );

interface DrawerState {
  drawerTopic: string;
}

const isDrawerState = (state: unknown): state is DrawerState =>
  typeof state === 'object' && state !== null && typeof (state as DrawerState).drawerTopic === 'string';

export function enhanceTopicDrawer(drawer: HTMLDialogElement): void {
  const content = drawer.querySelector<HTMLElement>('.drawer__content');
  if (!content) return;
  const pageTitle = document.title;
  const articles = new Map<string, Promise<{ article: Element; title: string }>>();
  let opener: HTMLElement | null = null;
  let loading = 0;

  function fetchArticle(url: string) {
    let pending = articles.get(url);
    if (!pending) {
      pending = fetch(url, { headers: { accept: 'text/html' } })
        .then((response) => {
          if (!response.ok) throw new Error(`${response.status}`);
          return response.text();
        })
        .then((html) => {
          const doc = new DOMParser().parseFromString(html, 'text/html');
          const article = doc.querySelector('[data-topic-article]');
          if (!article) throw new Error('no topic in page');
          return { article, title: doc.title };
        });
      pending.catch(() => articles.delete(url));
      articles.set(url, pending);
    }
    return pending;
  }

  async function show(url: string, history: 'push' | 'replace' | 'none') {
    const ticket = ++loading;
    drawer.setAttribute('aria-busy', 'true');
    try {
      const { article, title } = await fetchArticle(url);
      if (ticket !== loading) return;
      const shown = document.importNode(article, true);
      content?.replaceChildren(shown);
      document.dispatchEvent(new CustomEvent('trailmap:topic-shown', { detail: shown }));
      document.title = title;
      const topicId = article.getAttribute('data-topic-article') ?? '';
      if (history === 'push')
        window.history.pushState({ drawerTopic: topicId } satisfies DrawerState, '', url);
      if (history === 'replace')
        window.history.replaceState({ drawerTopic: topicId } satisfies DrawerState, '', url);
      if (!drawer.open) drawer.showModal();
      content?.scrollTo(0, 0);
      drawer.querySelector<HTMLElement>('#topic-title')?.focus();
    } catch {
      // The drawer is a shortcut: if the topic cannot be fetched, go to its page.
      window.location.assign(url);
    } finally {
      if (ticket === loading) drawer.removeAttribute('aria-busy');
    }
  }

  function closeDrawer() {
    if (drawer.open) drawer.close();
  }

  document.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    ) {
      return;
    }
    const target = event.target as Element;
    if (drawer.contains(target) && target.closest('[data-close-drawer]')) {
      event.preventDefault();
      closeDrawer();
      return;
    }
    const link = target.closest<HTMLElement>('a[data-topic]');
    if (!link) return;
    event.preventDefault();
    const inDrawer = drawer.contains(link);
    if (!inDrawer) opener = link;
    void show(addressOf(link), inDrawer || drawer.open ? 'replace' : 'push');
  });

  // A click on the backdrop (outside the panel) lands on the dialog itself.
  drawer.addEventListener('click', (event) => {
    if (event.target === drawer) closeDrawer();
  });

  drawer.addEventListener('close', () => {
    document.title = pageTitle;
    if (isDrawerState(window.history.state)) window.history.back();
    const card = opener ?? document.querySelector<HTMLElement>(`a[data-topic]`);
    card?.focus();
  });

  window.addEventListener('popstate', (event) => {
    if (isDrawerState(event.state)) {
      const link = visibleLink(event.state.drawerTopic);
      if (link instanceof HTMLElement || link instanceof SVGElement) {
        opener = link as HTMLElement;
        void show(addressOf(link), 'none');
      }
    } else {
      closeDrawer();
    }
  });

  // Warm the cache on intent, so the drawer opens instantly on click.
  document.addEventListener('pointerover', (event) => {
    const link = (event.target as Element).closest('.cards a[data-topic], .map a[data-topic]');
    if (link) void fetchArticle(addressOf(link)).catch(() => undefined);
  });
}
