// Reads the inert JSON the server embeds in a page for this bundle.
import type { PathRoadmap } from '../features/progress/rules.ts';

export interface RoadmapData {
  slug: string;
  title: string;
  shape: PathRoadmap;
  shared: Record<string, { roadmap: string; title: string; topicId: string }[]>;
  /** Former topic id → current id, so progress kept here before a rename still counts. */
  formerIds: Record<string, string>;
}

export function readJson<T>(id: string): T | undefined {
  const element = document.getElementById(id);
  if (!element?.textContent) return undefined;
  try {
    return JSON.parse(element.textContent) as T;
  } catch {
    return undefined;
  }
}
