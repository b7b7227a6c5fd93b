// The shipped roadmaps encode the reference page's meaning, not only its text.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../test/helpers/app.ts';
import type { Catalog, Roadmap } from './model.ts';

const BACKEND_IDS =
  'javascript python java go csharp php ruby rest-apis auth caching testing express fastify django flask fastapi spring-boot gin echo aspnet-core laravel symfony rails sinatra sql nosql database-scaling docker cloud ci-cd monitoring scaling microservices message-queues websockets graphql security'.split(
    ' ',
  );

// Issue 18's gaps against the field: optional topics after the reference page's 37, numbered on.
const BACKEND_ADDITIONS = 'git internet-and-http web-servers architecture-patterns grpc search-engines'.split(
  ' ',
);

let catalog: Catalog;
let backend: Roadmap;
beforeAll(async () => {
  catalog = await loadCatalog();
  backend = catalog.bySlug.get('backend') as Roadmap;
});

describe('the Backend Developer Roadmap 2026', () => {
  it('has the 37 topics of the reference page, numbered 1..37 in its order, then its additions from 38', () => {
    expect(backend.topics.slice(0, 37).map((t) => t.id)).toEqual(BACKEND_IDS);
    expect(backend.topics.slice(37).map((t) => t.id)).toEqual(BACKEND_ADDITIONS);
    expect(backend.topics.map((t) => t.number)).toEqual(
      [...BACKEND_IDS, ...BACKEND_ADDITIONS].map((_, i) => i + 1),
    );
  });

  it('has the 7 sections of the reference page in order, then two sections of optional additions', () => {
    expect(backend.sections.map((s) => [s.title, s.topics.length])).toEqual([
      ['Programming Languages', 7],
      ['Core Backend Skills', 4],
      ['Backend Frameworks', 13],
      ['Databases & Data Storage', 3],
      ['DevOps & Infrastructure', 3],
      ['Production & Scaling', 2],
      ['Advanced & Specialisations', 5],
      ['Web Platform & Tooling', 3],
      ['Architecture & Specialised Services', 3],
    ]);
  });

  it('makes topics 1-7 the pick-one options of the language group', () => {
    for (const topic of backend.topics.slice(0, 7)) {
      expect([topic.type, topic.group, topic.option]).toEqual(['pick-one', 'language', topic.id]);
    }
  });

  it('makes each language’s main framework required and the alternatives optional', () => {
    const frameworks = Object.fromEntries(
      backend.topics.slice(11, 24).map((t) => [t.id, [t.type, t.when?.language, t.alternativeTo ?? null]]),
    );
    expect(frameworks).toEqual({
      express: ['required', 'javascript', null],
      fastify: ['optional', 'javascript', 'express'],
      django: ['required', 'python', null],
      flask: ['optional', 'python', 'django'],
      fastapi: ['optional', 'python', 'django'],
      'spring-boot': ['required', 'java', null],
      gin: ['required', 'go', null],
      echo: ['optional', 'go', 'gin'],
      'aspnet-core': ['required', 'csharp', null],
      laravel: ['required', 'php', null],
      symfony: ['optional', 'php', 'laravel'],
      rails: ['required', 'ruby', null],
      sinatra: ['optional', 'ruby', 'rails'],
    });
  });

  it('makes topics 8-11 and 25-32 required and 33-43 optional', () => {
    const typeOf = (n: number) => backend.topics[n - 1]?.type;
    for (const n of [8, 9, 10, 11, 25, 26, 27, 28, 29, 30, 31, 32]) expect(typeOf(n)).toBe('required');
    for (const n of [33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43]) expect(typeOf(n)).toBe('optional');
  });

  it('answers 5 frequently asked questions', () => {
    expect(backend.faq).toHaveLength(5);
    for (const entry of backend.faq) expect(entry.question).toMatch(/\?$/);
  });
});

const NEW_ROADMAPS = ['full-stack', 'system-design', 'ai-engineer', 'data-engineer', 'cyber-security'];

describe('the Full Stack, System Design, AI Engineer, Data Engineer and Cyber Security roadmaps', () => {
  const roadmap = (slug: string) => catalog.bySlug.get(slug) as Roadmap;

  it.each(NEW_ROADMAPS)('%s has 25+ estimated topics in 5+ sections and a FAQ of 5+', (slug) => {
    expect(roadmap(slug).topics.length).toBeGreaterThanOrEqual(25);
    expect(roadmap(slug).sections.length).toBeGreaterThanOrEqual(5);
    expect(roadmap(slug).faq.length).toBeGreaterThanOrEqual(5);
    for (const entry of roadmap(slug).faq) expect(entry.question).toMatch(/\?$/);
    for (const topic of roadmap(slug).topics) expect(topic.estimateHours, topic.id).toBeGreaterThan(0);
  });

  it.each(NEW_ROADMAPS)('%s gives every option of a choice group its own pick-one topic', (slug) => {
    const { choiceGroups, topics } = roadmap(slug);
    expect(choiceGroups.length).toBeGreaterThan(0);
    for (const group of choiceGroups) {
      const picked = topics.filter((t) => t.type === 'pick-one' && t.group === group.id).map((t) => t.option);
      expect(picked.sort(), group.id).toEqual(group.options.map((o) => o.id).sort());
    }
  });

  it.each(NEW_ROADMAPS)('%s has a choice whose every option brings topics onto the path', (slug) => {
    const { choiceGroups, topics } = roadmap(slug);
    const bringsTopics = choiceGroups.filter((group) =>
      group.options.every((option) => topics.some((t) => t.when?.[group.id] === option.id)),
    );
    expect(bringsTopics.map((g) => g.id)).not.toEqual([]);
  });

  it.each(NEW_ROADMAPS)('%s ends every topic with 3-5 check-yourself questions', (slug) => {
    for (const topic of roadmap(slug).topics) {
      expect(topic.check?.length ?? 0, topic.id).toBeGreaterThanOrEqual(3);
      expect(topic.check?.length ?? 0, topic.id).toBeLessThanOrEqual(5);
    }
  });
});

describe('the Full Stack Developer Roadmap 2026', () => {
  const fullStack = () => catalog.bySlug.get('full-stack') as Roadmap;
  const skillsOf = (slug: string) =>
    new Set((catalog.bySlug.get(slug) as Roadmap).topics.flatMap((t) => (t.skill ? [t.skill] : [])));

  it('is built mostly from the shared skills of the frontend and backend roadmaps, so progress carries over', () => {
    const elsewhere = new Set([...skillsOf('frontend'), ...skillsOf('backend')]);
    const shared = fullStack().topics.filter((t) => t.skill && elsewhere.has(t.skill));
    expect(shared.length / fullStack().topics.length).toBeGreaterThan(0.8);
    for (const id of [
      'html',
      'css',
      'javascript',
      'typescript',
      'react',
      'sql',
      'rest-apis',
      'auth',
      'docker',
    ]) {
      const topic = fullStack().topics.find((t) => t.id === id);
      expect(topic?.skill, id).toBe(id);
    }
  });

  it('lets the learner pick a UI framework and a back end, each bringing its own topics', () => {
    const { topics } = fullStack();
    const when = (group: string, option: string) =>
      topics.filter((t) => t.when?.[group] === option).map((t) => t.id);
    expect(when('framework', 'react')).toEqual(['nextjs']);
    expect(when('server', 'django')).toEqual(['python', 'fastapi']);
    expect(when('server', 'express')).toEqual(['fastify']);
  });

  it('adds its own topics for the work between the two halves', () => {
    const own = fullStack()
      .topics.filter((t) => !t.skill)
      .map((t) => t.id);
    expect(own).toEqual(['orm-and-migrations', 'connecting-front-and-back-end', 'deploying-full-stack-apps']);
  });
});

describe('every shipped roadmap', () => {
  it('ships frontend, devops and the five newer roadmaps beside backend, each with 20+ topics in sections and a FAQ', () => {
    expect(catalog.roadmaps.map((r) => r.slug).sort()).toEqual([
      'ai-engineer',
      'backend',
      'cyber-security',
      'data-engineer',
      'devops',
      'frontend',
      'full-stack',
      'system-design',
    ]);
    for (const slug of ['frontend', 'devops']) {
      const roadmap = catalog.bySlug.get(slug) as Roadmap;
      expect(roadmap.topics.length).toBeGreaterThanOrEqual(20);
      expect(roadmap.sections.length).toBeGreaterThan(3);
      expect(roadmap.faq.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('gives every topic 3+ free resources with the official documentation first', () => {
    for (const topic of catalog.roadmaps.flatMap((r) => r.topics)) {
      expect(topic.resources.length, topic.id).toBeGreaterThanOrEqual(3);
      expect(topic.resources[0]?.kind, topic.id).toBe('docs');
      expect(
        topic.resources.every((r) => r.free && r.url.startsWith('https://')),
        topic.id,
      ).toBe(true);
    }
  });

  it('ends every topic, in every roadmap, with the line that says when the learner knows enough', () => {
    const topics = catalog.roadmaps.flatMap((r) =>
      r.topics.map((t) => ({ ...t, place: `${r.slug}/${t.id}` })),
    );
    expect(topics.length).toBeGreaterThan(250);
    for (const topic of topics) {
      const lastParagraph = topic.bodyHtml.trim().split('<p>').at(-1) ?? '';
      expect(lastParagraph.endsWith('</p>'), topic.place).toBe(true);
      expect(lastParagraph, topic.place).toContain('You know enough when');
    }
  });

  it('heads topic bodies from <h2> down, under the page’s <h1> title, never skipping a level', () => {
    for (const topic of catalog.roadmaps.flatMap((r) => r.topics)) {
      let previous = 1;
      for (const [, level] of topic.bodyHtml.matchAll(/<h([1-6])\b/g)) {
        expect(Number(level), topic.id).toBeGreaterThan(1);
        expect(Number(level), topic.id).toBeLessThanOrEqual(previous + 1);
        previous = Number(level);
      }
    }
  });

  it('shares skills across roadmaps, so Docker in backend and DevOps is one skill', () => {
    const skillOf = (slug: string, id: string) => catalog.bySlug.get(slug)?.topicById.get(id)?.skill;
    expect(skillOf('backend', 'docker')).toBe('docker');
    expect(skillOf('devops', 'docker')).toBe('docker');
    expect(skillOf('backend', 'ci-cd')).toBe(skillOf('devops', 'ci-cd'));
  });

  it('writes web servers and reverse proxies once, for backend and DevOps, and reuses Git and the web basics in backend', () => {
    const topicOf = (slug: string, id: string) => catalog.bySlug.get(slug)?.topicById.get(id);
    expect(topicOf('backend', 'web-servers')?.skill).toBe('web-servers');
    expect(topicOf('devops', 'web-servers')?.skill).toBe('web-servers');
    expect(topicOf('backend', 'web-servers')?.bodyHtml).toBe(topicOf('devops', 'web-servers')?.bodyHtml);
    for (const id of ['git', 'internet-and-http']) {
      expect(topicOf('backend', id)?.skill, id).toBe(topicOf('frontend', id)?.skill);
      expect(topicOf('backend', id)?.type, id).toBe('optional');
    }
  });

  it('adds the gaps against the field as optional topics: frontend SEO, browser auth, testing tools; DevOps serverless and IaC beyond Terraform', () => {
    const topicOf = (slug: string, id: string) => catalog.bySlug.get(slug)?.topicById.get(id);
    const added = [
      ['frontend', 'seo'],
      ['frontend', 'browser-auth'],
      ['frontend', 'testing-tools'],
      ['devops', 'web-servers'],
      ['devops', 'serverless'],
      ['devops', 'iac-beyond-terraform'],
    ] as const;
    for (const [slug, id] of added) expect(topicOf(slug, id)?.type, `${slug}/${id}`).toBe('optional');
    expect(topicOf('devops', 'iac-beyond-terraform')?.alternativeTo).toBe('terraform');
  });
});
