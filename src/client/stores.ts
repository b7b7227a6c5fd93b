// Where progress lives: the account (through the API) when signed in, this browser otherwise.
// Both answer with the same view, so the page code does not care which one it talks to.

import { withCurrentIds } from '../features/progress/former-ids.ts';
import {
  emptyDocument,
  learnerPath,
  type ProgressDocument,
  type ProgressSummary,
  summarize,
  type TopicStatus,
} from '../features/progress/rules.ts';
import type { RoadmapData } from './page-data.ts';

export interface ClientView extends ProgressDocument {
  topics: Record<
    string,
    { status: TopicStatus; updatedAt: string; sharedFrom?: { roadmap: string; topicId: string } | null }
  >;
  summary: ProgressSummary;
}

export interface NoteState {
  markdown: string;
  html: string | null;
  updatedAt: string | null;
}

export interface ProgressStore {
  readonly kind: 'account' | 'browser';
  load(): Promise<ClientView>;
  setStatus(topicId: string, status: TopicStatus): Promise<ClientView>;
  setChoice(group: string, option: string | null): Promise<ClientView>;
  markSectionDone(sectionId: string): Promise<ClientView>;
  /** Resets and answers the document before the reset, for an undo. */
  reset(): Promise<ClientView>;
  replace(doc: ProgressDocument): Promise<ClientView>;
  saveNote(topicId: string, markdown: string): Promise<NoteState>;
  loadNote(topicId: string): Promise<NoteState>;
}

export class ApiError extends Error {}

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok)
    throw new ApiError((data as { message?: string } | undefined)?.message ?? `HTTP ${response.status}`);
  return data as T;
}

export function accountStore(slug: string): ProgressStore {
  const base = `/api/v1/me/progress/${encodeURIComponent(slug)}`;
  const notes = `/api/v1/me/notes/${encodeURIComponent(slug)}`;
  return {
    kind: 'account',
    load: () => api('GET', base),
    setStatus: (topicId, status) => api('PUT', `${base}/topics/${encodeURIComponent(topicId)}`, { status }),
    setChoice: (group, option) => api('PUT', `${base}/choices/${encodeURIComponent(group)}`, { option }),
    markSectionDone: (sectionId) => api('POST', `${base}/sections/${encodeURIComponent(sectionId)}/done`),
    reset: () => api('DELETE', base),
    replace: (doc) => api('PUT', base, doc),
    saveNote: (topicId, markdown) => api('PUT', `${notes}/${encodeURIComponent(topicId)}`, { markdown }),
    loadNote: (topicId) => api('GET', `${notes}/${encodeURIComponent(topicId)}`),
  };
}

const PROGRESS_KEY = 'trailmap.progress.v1';
const NOTES_KEY = 'trailmap.notes.v1';
const PERCENT_KEY = 'trailmap.percent.v1';

function readLocal<T>(key: string): Record<string, T> {
  try {
    return JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, T>;
  } catch {
    return {};
  }
}

function writeLocal(key: string, value: unknown) {
  localStorage.setItem(key, JSON.stringify(value));
}

export const localProgress = () => readLocal<ProgressDocument>(PROGRESS_KEY);
export const localNotes = () => readLocal<Record<string, { markdown: string; updatedAt: string }>>(NOTES_KEY);
export const localPercents = () => readLocal<number>(PERCENT_KEY);

export function forgetLocal(slug: string) {
  const progress = localProgress();
  delete progress[slug];
  writeLocal(PROGRESS_KEY, progress);
  const notes = localNotes();
  delete notes[slug];
  writeLocal(NOTES_KEY, notes);
  const percents = localPercents();
  delete percents[slug];
  writeLocal(PERCENT_KEY, percents);
}

/** Progress kept in this browser for a visitor who is not signed in. */
export function browserStore(data: RoadmapData): ProgressStore {
  const read = (): ProgressDocument =>
    withCurrentIds({ ...emptyDocument(), ...localProgress()[data.slug] }, data.formerIds ?? {});
  const write = (doc: ProgressDocument) => writeLocal(PROGRESS_KEY, { ...localProgress(), [data.slug]: doc });

  function view(doc: ProgressDocument): ClientView {
    const all = localProgress();
    const topics: ClientView['topics'] = { ...doc.topics };
    // A skill marked in another roadmap counts here too, unless this roadmap has a newer record.
    for (const [topicId, holders] of Object.entries(data.shared)) {
      for (const holder of holders) {
        const other = all[holder.roadmap]?.topics[holder.topicId];
        const own = topics[topicId];
        if (
          other &&
          other.status !== 'pending' &&
          (!own || Date.parse(other.updatedAt) > Date.parse(own.updatedAt))
        ) {
          topics[topicId] = { ...other, sharedFrom: { roadmap: holder.roadmap, topicId: holder.topicId } };
        }
      }
    }
    const statuses = Object.fromEntries(Object.entries(topics).map(([id, t]) => [id, t.status]));
    const summary = summarize(data.shape, statuses, doc.choices);
    writeLocal(PERCENT_KEY, { ...localPercents(), [data.slug]: summary.percent });
    return { ...doc, topics, summary };
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
    setChoice: (group, option) =>
      change((doc, now) => {
        doc.choices[group] = option;
        doc.choicesUpdatedAt[group] = now;
      }),
    markSectionDone: (sectionId) =>
      change((doc, now) => {
        for (const slot of learnerPath(data.shape, doc.choices)) {
          if (slot.sectionId === sectionId && slot.topicId)
            doc.topics[slot.topicId] = { status: 'done', updatedAt: now };
        }
      }),
    reset: async () => {
      const before = view(read());
      await change((doc, now) => {
        for (const topic of data.shape.topics) doc.topics[topic.id] = { status: 'pending', updatedAt: now };
        for (const group of data.shape.groups) {
          doc.choices[group.id] = null;
          doc.choicesUpdatedAt[group.id] = now;
        }
      });
      return before;
    },
    replace: (incoming) => {
      const doc: ProgressDocument = {
        choices: { ...incoming.choices },
        choicesUpdatedAt: { ...incoming.choicesUpdatedAt },
        topics: Object.fromEntries(
          Object.entries(incoming.topics).map(([id, t]) => [
            id,
            { status: t.status, updatedAt: t.updatedAt },
          ]),
        ),
      };
      write(doc);
      return Promise.resolve(view(doc));
    },
    saveNote: (topicId, markdown) => {
      const updatedAt = new Date().toISOString();
      writeLocal(NOTES_KEY, {
        ...localNotes(),
        [data.slug]: { ...notesOf(), [topicId]: { markdown, updatedAt } },
      });
      return Promise.resolve({ markdown, html: null, updatedAt });
    },
    loadNote: (topicId) => {
      const former = Object.keys(data.formerIds ?? {}).filter((id) => data.formerIds[id] === topicId);
      const note = [topicId, ...former].map((id) => notesOf()[id]).find((n) => n !== undefined);
      return Promise.resolve({
        markdown: note?.markdown ?? '',
        html: null,
        updatedAt: note?.updatedAt ?? null,
      });
    },
  };
}
