// The browser bundle's entry: progressive enhancements on top of server-rendered pages.
import { enhanceTopicDrawer } from './drawer.ts';
import { enhanceKeyboard } from './keyboard.ts';
import { followChanges } from './live.ts';
import { enhanceMapZoom } from './map-zoom.ts';
import { describeMerge, mergeBrowserProgressIntoAccount } from './merge.ts';
import { enhanceNotes, refreshNotes } from './notes.ts';
import { showKeptNotice, showPageNotice } from './notice.ts';
import { type RoadmapData, readJson } from './page-data.ts';
import { ProgressUi } from './progress-ui.ts';
import { enhanceSearchShortcuts } from './search-shortcuts.ts';
import { takeSignedUp, watchSignUpForm } from './signed-up.ts';
import {
  accountStore,
  browserStore,
  type ClientView,
  localNotes,
  localPercents,
  localProgress,
  withUnsent,
  withUnsentProgress,
} from './stores.ts';
import { followTeam } from './team-live.ts';
import { rememberViewChoice } from './view-choice.ts';

// Markup meant for browsers without JavaScript steps aside; markup that needs it appears.
for (const element of document.querySelectorAll<HTMLElement>('[data-no-js]')) {
  element.hidden = true;
  for (const input of element.querySelectorAll<HTMLInputElement>('input')) input.disabled = true;
}
for (const element of document.querySelectorAll<HTMLElement>('[data-js-only]')) element.hidden = false;

const signedIn = document.body.dataset.signedIn === 'true';
watchSignUpForm();
enhanceKeyboard(document);
enhanceSearchShortcuts(document);
followTeam(document);

async function start() {
  showKeptNotice();
  let merged: string[] = [];
  let unsent: string[] = [];
  const data = readJson<RoadmapData>('trailmap-roadmap');
  const signedUp = signedIn && takeSignedUp();
  if (signedIn && (Object.keys(localProgress()).length > 0 || Object.keys(localNotes()).length > 0)) {
    const report = await mergeBrowserProgressIntoAccount();
    merged = report.merged;
    unsent = report.unsent;
    // The catalogue reloads to show the account's figures: the notice waits for that.
    showPageNotice(describeMerge(report, { signedUp }), { afterReload: !data && merged.length > 0 });
  } else if (signedUp) {
    showPageNotice(['Account created.']);
  }

  if (data) {
    const account = signedIn ? accountStore(data.slug) : undefined;
    // A merge that could not reach the server leaves this browser's marks here: the page keeps them.
    const store = !account
      ? browserStore(data)
      : unsent.includes(data.slug)
        ? withUnsentProgress(account, data)
        : account;
    const ui = new ProgressUi(store, data);
    // A signed-in page arrives with its progress; after a merge it is stale, so load it again.
    const embedded = merged.includes(data.slug) ? undefined : readJson<ClientView>('trailmap-progress');
    const initial = embedded && unsent.includes(data.slug) ? withUnsent(embedded, data) : embedded;
    const where = document.querySelector('.progress-panel__where');
    if (where && unsent.includes(data.slug))
      where.textContent =
        'Not all in your account yet: what you marked in this browser is kept here until it gets there.';
    await ui.start(initial);
    enhanceNotes(document, store);
    followChanges(
      signedIn,
      () => {
        ui.refresh().catch(() => {});
      },
      refreshNotes,
    );
    document.addEventListener('trailmap:topic-shown', (event) => {
      const article = (event as CustomEvent<Element>).detail;
      ui.refresh().catch(() => {});
      enhanceNotes(article, store);
    });
  } else if (!signedIn) {
    // The catalogue: show the progress kept in this browser.
    for (const [slug, percent] of Object.entries(localPercents())) {
      const holder = document.querySelector<HTMLElement>(`[data-roadmap-progress="${CSS.escape(slug)}"]`);
      if (!holder) continue;
      holder.hidden = false;
      const figure = holder.querySelector('[data-figure="percent"]');
      if (figure) figure.textContent = String(percent);
      const bar = holder.querySelector('progress');
      if (bar) bar.value = percent;
    }
  }
  if (merged.length > 0 && !data) window.location.reload();
}

// Whatever fails here, the server-rendered page still works; nothing is left half-applied.
start().catch(() => {});

const drawer = document.querySelector<HTMLDialogElement>('dialog#topic-drawer');
if (drawer) enhanceTopicDrawer(drawer);
const map = document.querySelector<HTMLElement>('[data-map]');
if (map) enhanceMapZoom(map);
rememberViewChoice();
