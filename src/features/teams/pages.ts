// Team pages: the join page of an invitation link (and its form), the dashboard of a team for its
// owners and coaches, and the dashboard as CSV.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../errors.ts';
import { FormFields } from '../../schemas.ts';
import { renderDocument } from '../../views/render.ts';
import { markPersonal, viewerOf } from '../accounts/viewer.ts';
import { pathRoadmapOf } from '../progress/path-roadmap.ts';
import { learnerPath } from '../progress/rules.ts';
import { viewOf } from '../progress/service.ts';
import { actorOf } from './api.ts';
import { progressCsv, teamProgress } from './progress.ts';
import { TeamParams } from './schema.ts';
import * as teams from './service.ts';
import { JoinPage } from './views/JoinPage.tsx';
import { type LearningEntry, MyLearningPage } from './views/MyLearningPage.tsx';
import { TeamPage, type TeamSort } from './views/TeamPage.tsx';

const JoinParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });
const JoinForm = FormFields({});
const TeamQuery = Type.Object({ sort: Type.Optional(Type.String({ maxLength: 120 })) });

export async function teamPages(app: FastifyInstance) {
  const html = (reply: FastifyReply, page: Parameters<typeof renderDocument>[0]) =>
    markPersonal(reply).type('text/html; charset=utf-8').send(renderDocument(page));

  app.get('/me', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    if (!viewer || !request.session) return reply.redirect('/signin?next=/me', 303);
    const learnerId = request.session.learner.id;
    const catalog = app.content.catalog;
    const records = await app.progress.read(learnerId);
    const assigned = (await teams.assignmentsOfLearner(app.db, learnerId)).list;
    const started = new Set(records.statuses.filter((s) => s.status !== 'pending').map((s) => s.roadmap));
    const today = new Date().toISOString().slice(0, 10);
    const entries: LearningEntry[] = [];
    for (const roadmap of catalog.roadmaps) {
      const assignments = assigned.filter((a) => a.roadmap === roadmap.slug);
      if (assignments.length === 0 && !started.has(roadmap.slug)) continue;
      const progress = viewOf(catalog, roadmap, records);
      const statusOf = (id: string) => progress.topics[id]?.status ?? 'pending';
      const open = learnerPath(pathRoadmapOf(roadmap), progress.choices).find(
        (slot) => slot.topicId === null || !['done', 'skipped'].includes(statusOf(slot.topicId)),
      );
      const group =
        open?.kind === 'choice' && open.topicId === null
          ? roadmap.choiceGroups.find((g) => g.id === open.group)
          : undefined;
      const topic = open?.topicId ? roadmap.topicById.get(open.topicId) : undefined;
      entries.push({
        slug: roadmap.slug,
        title: roadmap.title,
        percent: progress.summary.percent,
        assignments,
        overdue:
          progress.summary.percent < 100 && assignments.some((a) => a.dueDate !== null && today > a.dueDate),
        next: topic
          ? { href: `/roadmaps/${roadmap.slug}/${topic.id}`, label: `Continue: ${topic.title}` }
          : group
            ? {
                href: `/roadmaps/${roadmap.slug}#section-${open?.sectionId}`,
                label: `Choose your ${group.title.toLowerCase()}`,
              }
            : null,
      });
    }
    // Assigned first, the soonest due first; then the rest by title.
    entries.sort((a, b) => {
      const due = (e: LearningEntry) => e.assignments.map((x) => x.dueDate ?? '9999').sort()[0] ?? '~';
      return due(a).localeCompare(due(b)) || a.title.localeCompare(b.title);
    });
    const myTeams = await teams.myTeams(app.db, learnerId);
    return html(reply, MyLearningPage({ assets: app.assets, viewer, entries, teams: myTeams }));
  });

  app.get<{ Params: { token: string } }>(
    '/join/:token',
    { schema: { params: JoinParams } },
    async (request, reply) => {
      const invite = await teams.describeInvite(app.db, request.params.token);
      // Invitation links are secrets: the page is never cached and sends no referrer onwards.
      reply.header('referrer-policy', 'no-referrer');
      if (!invite.ok) reply.code(404);
      return html(
        reply,
        JoinPage({
          assets: app.assets,
          viewer: viewerOf(request, reply),
          token: request.params.token,
          invite,
        }),
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    '/join/:token',
    { schema: { params: JoinParams, body: JoinForm }, preHandler: app.csrfProtection },
    async (request, reply) => {
      if (!request.session)
        return reply.redirect(`/signin?next=${encodeURIComponent(`/join/${request.params.token}`)}`, 303);
      try {
        const joined = await teams.acceptInvite(app.db, app.progress, actorOf(request), request.params.token);
        return reply.redirect(joined.role === 'member' ? '/me' : `/teams/${joined.team.slug}`, 303);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const invite = await teams.describeInvite(app.db, request.params.token);
        reply.code(404);
        return html(
          reply,
          JoinPage({
            assets: app.assets,
            viewer: viewerOf(request, reply),
            token: request.params.token,
            invite,
            error: error.message,
          }),
        );
      }
    },
  );

  app.get<{ Params: { slug: string }; Querystring: { sort?: string } }>(
    '/teams/:slug',
    { schema: { params: TeamParams, querystring: TeamQuery } },
    async (request, reply) => {
      const viewer = viewerOf(request, reply);
      if (!viewer || !request.session)
        return reply.redirect(`/signin?next=${encodeURIComponent(`/teams/${request.params.slug}`)}`, 303);
      const { progress, heatmap } = await teamProgress(
        app.db,
        app.content.catalog,
        request.params.slug,
        request.session.learner.id,
      );
      const role = progress.members.find((m) => m.id === request.session?.learner.id)?.role ?? 'coach';
      const slugs = new Set(progress.assignments.map((a) => `roadmap:${a.roadmap}`));
      const asked = request.query.sort ?? 'name';
      const sort = (asked === 'activity' || slugs.has(asked) ? asked : 'name') as TeamSort;
      const titles = Object.fromEntries(
        progress.assignments.map((a) => [
          a.roadmap,
          app.content.catalog.bySlug.get(a.roadmap)?.title ?? a.roadmap,
        ]),
      );
      return html(reply, TeamPage({ assets: app.assets, viewer, progress, heatmap, titles, sort, role }));
    },
  );

  app.get<{ Params: { slug: string } }>(
    '/teams/:slug/progress.csv',
    { schema: { params: TeamParams } },
    async (request, reply) => {
      if (!request.session)
        return reply.redirect(`/signin?next=${encodeURIComponent(`/teams/${request.params.slug}`)}`, 303);
      const { progress } = await teamProgress(
        app.db,
        app.content.catalog,
        request.params.slug,
        request.session.learner.id,
      );
      return markPersonal(reply)
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${progress.team.slug}-progress.csv"`)
        .send(progressCsv(progress));
    },
  );
}
