// A resource's id, for ticking it as read: a short hash of its normalised address, so it stays the
// same when its title, kind or place in the list change, and is the same in every roadmap that
// shares the topic. A new URL is a new resource (an old tick no longer applies to it).
import { createHash } from 'node:crypto';
import { urlKey } from './catalog-rules.ts';

/** 12 hex digits (48 bits): a collision among one topic's few resources is out of reach. */
export function resourceIdOf(url: string): string {
  return createHash('sha256').update(urlKey(url)).digest('hex').slice(0, 12);
}
