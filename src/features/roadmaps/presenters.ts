// Turns the in-memory roadmaps into API shapes, in one place.
import type { Roadmap, Topic } from '../../content/model.ts';
import { LEGEND } from '../../content/model.ts';
import type { RoadmapDetail, RoadmapSummary, TopicDetail, TopicOut } from './schema.ts';

export function presentRoadmapSummary(roadmap: Roadmap): RoadmapSummary {
  return {
    slug: roadmap.slug,
    title: roadmap.title,
    description: roadmap.description,
    topicCount: roadmap.topics.length,
    sectionCount: roadmap.sections.length,
  };
}

export function presentTopic(topic: Topic): TopicOut {
  return {
    id: topic.id,
    number: topic.number,
    title: topic.title,
    type: topic.type,
    group: topic.group ?? null,
    option: topic.option ?? null,
    when: topic.when,
    alternativeTo: topic.alternativeTo ?? null,
    skill: topic.skill ?? null,
    formerIds: topic.formerIds,
    estimateHours: topic.estimateHours,
    summary: topic.summary,
    resources: topic.resources.map(({ id, title, url, kind, free }) => ({ id, title, url, kind, free })),
  };
}

export function presentTopicDetail(
  roadmap: Roadmap,
  topic: Topic,
  seeAlso: { roadmap: Roadmap; topic: Topic }[],
): TopicDetail {
  return {
    ...presentTopic(topic),
    roadmap: roadmap.slug,
    sectionId: topic.sectionId,
    bodyHtml: topic.bodyHtml,
    seeAlso: seeAlso.map((link) => ({
      roadmap: link.roadmap.slug,
      topicId: link.topic.id,
      title: link.topic.title,
    })),
    check: topic.check.map(({ question, answer }) => ({ question, answer })),
  };
}

export function presentRoadmap(roadmap: Roadmap): RoadmapDetail {
  return {
    slug: roadmap.slug,
    title: roadmap.title,
    subtitle: roadmap.subtitle,
    description: roadmap.description,
    updated: roadmap.updated,
    legend: LEGEND,
    choiceGroups: roadmap.choiceGroups.map((group) => ({
      id: group.id,
      title: group.title,
      options: group.options.map(({ id, title }) => ({ id, title })),
    })),
    sections: roadmap.sections.map((section) => ({
      id: section.id,
      title: section.title,
      intro: section.intro,
      estimateHours: section.estimate.pathHours,
      optionalHours: section.estimate.optionalHours,
      topics: section.topics.map(presentTopic),
    })),
    faq: roadmap.faq,
    estimateHours: roadmap.estimate.pathHours,
    optionalHours: roadmap.estimate.optionalHours,
  };
}
