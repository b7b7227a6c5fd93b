// Where progress lives: the account (through the API) when signed in, this browser otherwise.
// Both answer with the same view, computed by the same rules (rules.ts) as on the server, so the
// page code does not care which one it talks to.
import type { Static } from '@sinclair/typebox';
import { withCurrentIds } from '../features/progress/former-ids.ts';
import {
  effectiveRecord,
  effectiveTick,
  emptyDocument,
  newerChoice,
  newerTopic,
  type ProgressDocument,
  resetDocument,
  sectionDoneTopics,
  summarize,
  type TopicStatus,
} from '../features/progress/rules.ts';
import type { NoteOut, PreviewOut, ProgressView } from '../features/progress/schema.ts';
import type { RoadmapData } from './page-data.ts';

/** The view both stores answer: the API's (slug aside). */
export type ClientView = Omit<ProgressView, 'slug'>;

/** A note as the API answers it; signed out, its preview may be missing (html null). */
export type NoteState = Omit<Static<typeof NoteOut>, 'html'> & { html: string | null };

export interface ProgressStore {
  readonly kind: 'account' | 'browser';
  load(): Promise<ClientView>;
  setStatus(topicId: string, status: TopicStatus): Promise<ClientView>;
  /** Ticks a resource of a topic as read, or unticks it. */
  setTick(topicId: string, resourceId: string, read: boolean): Promise<ClientView>;
  setChoice(group: string, option: string | null): Promise<ClientView>;
  markSectionDone(sectionId: string): Promise<ClientView>;
  /** Resets and answers the document before the reset, for an undo. */
  reset(): Promise<ClientView>;
  /** Replaces the roadmap's progress with a document already read by readProgressDocument. */
  replace(doc: ProgressDocument): Promise<ClientView>;
  /** Saves a note edited from the version `base` (its updatedAt); a newer one stored fails with 409. */
  saveNote(topicId: string, markdown: string, base: string | null): Promise<NoteState>;
  loadNote(topicId: string): Promise<NoteState>;
}

/** Why a save failed, so the page can say it in a learner's words and offer the way out. */
export type FailureKind = 'signed-out' | 'offline' | 'server' | 'refused';

export class ApiError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status = 0,
    readonly body: unknown = undefined,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('offline', 'no connection to Trailmap');
  }
  const data = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (response.ok) return data as T;
  const message = (data as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`;
  // A session that must choose a new password first is, for saving, as good as signed out: what
  // the browser holds is kept for after the change, never dropped as refused.
  const mustChange = (data as { error?: string } | undefined)?.error === 'password_change_required';
  const kind: FailureKind =
    response.status === 401 || mustChange ? 'signed-out' : response.status >= 500 ? 'server' : 'refused';
  throw new ApiError(kind, message, response.status, data);
}

export function accountStore(slug: string): ProgressStore {
  const base = `/api/v1/me/progress/${encodeURIComponent(slug)}`;
  const notes = `/api/v1/me/notes/${encodeURIComponent(slug)}`;
  return {
    kind: 'account',
    load: () => api('GET', base),
    setStatus: (topicId, status) => api('PUT', `${base}/topics/${encodeURIComponent(topicId)}`, { status }),
    setTick: (topicId, resourceId, read) =>
      api(
        'PUT',
        `${base}/topics/${encodeURIComponent(topicId)}/resources/${encodeURIComponent(resourceId)}`,
        { read },
      ),
    setChoice: (group, option) => api('PUT', `${base}/choices/${encodeURIComponent(group)}`, { option }),
    markSectionDone: (sectionId) => api('POST', `${base}/sections/${encodeURIComponent(sectionId)}/done`),
    reset: () => api('DELETE', base),
    replace: (doc) => api('PUT', base, documentOf(doc)),
    saveNote: (topicId, markdown, base) =>
      api('PUT', `${notes}/${encodeURIComponent(topicId)}`, { markdown, baseUpdatedAt: base }),
    loadNote: (topicId) => api('GET', `${notes}/${encodeURIComponent(topicId)}`),
  };
}

/**
 * The account, shown with what this browser still holds for it: while a sign-in merge could not
 * reach the server, the learner's marks stay on the page (and in the browser) until a later page
 * load merges them. Each entry shows only where it is newer than the account's (the merge's rule).
 */
export function withUnsentProgress(store: ProgressStore, data: RoadmapData): ProgressStore {
  const shown =
    <A extends unknown[]>(change: (...args: A) => Promise<ClientView>) =>
    (...args: A) =>
      change(...args).then((view) => withUnsent(view, data));
  return {
    ...store,
    load: shown(store.load),
    setStatus: shown(store.setStatus),
    setTick: shown(store.setTick),
    setChoice: shown(store.setChoice),
    markSectionDone: shown(store.markSectionDone),
    reset: shown(store.reset),
    replace: shown(store.replace),
  };
}

/** The account's view with what this browser still holds for the roadmap laid over it. */
export function withUnsent(view: ClientView, data: RoadmapData): ClientView {
  const local = localProgress()[data.slug];
  if (!local) return view;
  const doc = withCurrentIds({ ...emptyDocument(), ...local }, data.formerIds ?? {});
  const topics = { ...view.topics };
  for (const [id, record] of Object.entries(doc.topics)) {
    const held = topics[id];
    if (!held || newerTopic(record, held) === record)
      topics[id] = { status: record.status, updatedAt: record.updatedAt, sharedFrom: null };
  }
  const choices = { ...view.choices };
  const choicesUpdatedAt = { ...view.choicesUpdatedAt };
  for (const [group, updatedAt] of Object.entries(doc.choicesUpdatedAt)) {
    const mine = { option: doc.choices[group] ?? null, updatedAt };
    const held = choicesUpdatedAt[group];
    if (!held || newerChoice(mine, { option: choices[group] ?? null, updatedAt: held }) === mine) {
      choices[group] = mine.option;
      choicesUpdatedAt[group] = updatedAt;
    }
  }
  const statuses = Object.fromEntries(Object.entries(topics).map(([id, t]) => [id, t.status]));
  return { ...view, topics, choices, choicesUpdatedAt, summary: summarize(data.shape, statuses, choices) };
}

/**
 * Only the document's own fields: a view also carries figures, and statuses and ticks that come
 * from the same skill in another roadmap, which belong to that roadmap.
 */
export const documentOf = (
  doc: ProgressDocument & {
    topics: Record<string, { sharedFrom?: unknown }>;
    resources?: Record<string, Record<string, { sharedFrom?: unknown }>>;
  },
): ProgressDocument => ({
  choices: { ...doc.choices },
  choicesUpdatedAt: { ...doc.choicesUpdatedAt },
  topics: Object.fromEntries(
    Object.entries(doc.topics)
      .filter(([, t]) => !t.sharedFrom)
      .map(([id, t]) => [id, { status: t.status, updatedAt: t.updatedAt }]),
  ),
  resources: Object.fromEntries(
    Object.entries(doc.resources ?? {})
      .map(([topicId, ticks]): [string, Record<string, { read: boolean; updatedAt: string }>] => [
        topicId,
        Object.fromEntries(
          Object.entries(ticks)
            .filter(([, t]) => !t.sharedFrom)
            .map(([id, t]) => [id, { read: t.read, updatedAt: t.updatedAt }]),
        ),
      ])
      .filter(([, ticks]) => Object.keys(ticks).length > 0),
  ),
});

const PROGRESS_KEY = 'trailmap.progress.v1';
const NOTES_KEY = 'trailmap.notes.v1';
const PERCENT_KEY = 'trailmap.percent.v1';

function readLocal<T>(key: string): Record<string, T> {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

function writeLocal(key: string, value: unknown) {
  localStorage.setItem(key, JSON.stringify(value));
}

export const localProgress = () => readLocal<Partial<ProgressDocument>>(PROGRESS_KEY);
export const localNotes = () => readLocal<Record<string, { markdown: string; updatedAt: string }>>(NOTES_KEY);
export const localPercents = () => readLocal<number>(PERCENT_KEY);

/** Forgets a roadmap's progress kept in this browser (once the account holds it). */
export function forgetLocalProgress(slug: string) {
  const progress = localProgress();
  delete progress[slug];
  writeLocal(PROGRESS_KEY, progress);
  const percents = localPercents();
  delete percents[slug];
  writeLocal(PERCENT_KEY, percents);
}

/** Forgets one note kept in this browser. */
export function forgetLocalNote(slug: string, topicId: string) {
  const notes = localNotes();
  const ofRoadmap = notes[slug];
  if (!ofRoadmap) return;
  delete ofRoadmap[topicId];
  if (Object.keys(ofRoadmap).length === 0) delete notes[slug];
  writeLocal(NOTES_KEY, notes);
}

/** The server renders the preview of a note kept here (the same safe renderer); null when it cannot. */
async function preview(markdown: string): Promise<string | null> {
  if (markdown.trim() === '') return '';
  try {
    return (await api<Static<typeof PreviewOut>>('POST', '/api/v1/markdown/preview', { markdown })).html;
  } catch {
    return null;
  }
}

/** Progress kept in this browser for a visitor who is not signed in. */
export function browserStore(data: RoadmapData): ProgressStore {
  const read = (): ProgressDocument =>
    withCurrentIds({ ...emptyDocument(), ...localProgress()[data.slug] }, data.formerIds ?? {});
  const write = (doc: ProgressDocument) => writeLocal(PROGRESS_KEY, { ...localProgress(), [data.slug]: doc });

  function view(doc: ProgressDocument): ClientView {
    const all = localProgress();
    const topics: ClientView['topics'] = {};
    for (const topic of data.shape.topics) {
      const own = [topic.id, ...(topic.formerIds ?? [])].map((id) => doc.topics[id]);
      const shared = (data.shared[topic.id] ?? []).map((holder) => ({
        record: all[holder.roadmap]?.topics?.[holder.topicId],
        from: { roadmap: holder.roadmap, topicId: holder.topicId },
      }));
      const best = effectiveRecord(own, shared);
      if (best) topics[topic.id] = { ...best.record, sharedFrom: best.sharedFrom };
    }
    const statuses = Object.fromEntries(Object.entries(topics).map(([id, t]) => [id, t.status]));
    const summary = summarize(data.shape, statuses, doc.choices);
    writeLocal(PERCENT_KEY, { ...localPercents(), [data.slug]: summary.percent });
    return {
      choices: doc.choices,
      choicesUpdatedAt: doc.choicesUpdatedAt,
      topics,
      resources: ticksOf(doc, all),
      summary,
    };
  }

  /** The ticks each resource shows, by the same rule as the server's (effective.ts). */
  function ticksOf(doc: ProgressDocument, all: ReturnType<typeof localProgress>): ClientView['resources'] {
    const resources: ClientView['resources'] = {};
    for (const topic of data.shape.topics) {
      for (const resourceId of topic.resources ?? []) {
        const own = [topic.id, ...(topic.formerIds ?? [])].map((id) => doc.resources?.[id]?.[resourceId]);
        const shared = (data.shared[topic.id] ?? []).map((holder) => ({
          record: all[holder.roadmap]?.resources?.[holder.topicId]?.[resourceId],
          from: holder.roadmap,
        }));
        const best = effectiveTick(own, shared);
        if (!best) continue;
        const ofTopic = resources[topic.id] ?? {};
        ofTopic[resourceId] = { ...best.record, sharedFrom: best.sharedFrom };
        resources[topic.id] = ofTopic;
      }
    }
    return resources;
  }

  const change = (update: (doc: ProgressDocument, now: string) => void) => {
    const doc = read();
    update(doc, new Date().toISOString());
    write(doc);
    return Promise.resolve(view(doc));
  };

  const notesOf = () => localNotes()[data.slug] ?? {};
  return {
    kind: 'browser',
    load: () => Promise.resolve(view(read())),
    setStatus: (topicId, status) =>
      change((doc, now) => {
        doc.topics[topicId] = { status, updatedAt: now };
      }),
    setTick: (topicId, resourceId, read) =>
      change((doc, now) => {
        const resources = doc.resources ?? {};
        resources[topicId] = { ...resources[topicId], [resourceId]: { read, updatedAt: now } };
        doc.resources = resources;
      }),
    setChoice: (group, option) =>
      change((doc, now) => {
        doc.choices[group] = option;
        doc.choicesUpdatedAt[group] = now;
      }),
    markSectionDone: (sectionId) =>
      change((doc, now) => {
        const current = view(doc);
        const statuses = Object.fromEntries(Object.entries(current.topics).map(([id, t]) => [id, t.status]));
        for (const id of sectionDoneTopics(data.shape, statuses, doc.choices, sectionId))
          doc.topics[id] = { status: 'done', updatedAt: now };
      }),
    reset: async () => {
      const before = view(read());
      await change((doc, now) => {
        const reset = resetDocument(data.shape, now);
        Object.assign(doc.topics, reset.topics);
        Object.assign(doc.choices, reset.choices);
        Object.assign(doc.choicesUpdatedAt, reset.choicesUpdatedAt);
        doc.resources = { ...doc.resources, ...reset.resources };
      });
      return before;
    },
    replace: (incoming) => {
      const doc = documentOf(incoming);
      write(doc);
      return Promise.resolve(view(doc));
    },
    saveNote: async (topicId, markdown) => {
      const updatedAt = new Date().toISOString();
      writeLocal(NOTES_KEY, {
        ...localNotes(),
        [data.slug]: { ...notesOf(), [topicId]: { markdown, updatedAt } },
      });
      return { markdown, html: await preview(markdown), updatedAt };
    },
    loadNote: async (topicId) => {
      // A note kept here before the topic was renamed sits under its former id.
      const former = Object.keys(data.formerIds ?? {}).filter((id) => data.formerIds[id] === topicId);
      const note = [topicId, ...former].map((id) => notesOf()[id]).find((n) => n !== undefined);
      const markdown = note?.markdown ?? '';
      return { markdown, html: await preview(markdown), updatedAt: note?.updatedAt ?? null };
    },
  };
}
