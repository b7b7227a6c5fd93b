// Progress kept under an id a topic had before (its formerIds) counts for the topic as it is now:
// the server maps former ids where it reads them; this does it for a document kept in a browser.
import type { Roadmap } from '../../content/model.ts';
import type { ProgressDocument } from './rules.ts';

/** Former id → current id, for the topics of a roadmap that were renamed. */
export function currentIds(roadmap: Roadmap): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const topic of roadmap.topics) for (const former of topic.formerIds) ids[former] = topic.id;
  return ids;
}

/** Moves records kept under former ids to the current ids; the newest record of a topic wins. */
export function withCurrentIds(doc: ProgressDocument, current: Record<string, string>): ProgressDocument {
  const topics = { ...doc.topics };
  for (const [former, id] of Object.entries(current)) {
    const old = topics[former];
    if (!old) continue;
    delete topics[former];
    const now = topics[id];
    if (!now || Date.parse(old.updatedAt) > Date.parse(now.updatedAt)) topics[id] = old;
  }
  return { ...doc, topics };
}
