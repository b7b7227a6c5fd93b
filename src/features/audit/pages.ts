// /admin: for instance admins only (the first account, or `trailmap user promote`); 403 for others.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { renderDocument } from '../../views/render.ts';
import { listLearners } from '../accounts/service.ts';
import { markPersonal, viewerOf } from '../accounts/viewer.ts';
import { listTeams } from '../teams/store.ts';
import { listAudit } from './audit.ts';
import { AdminPage } from './views/AdminPage.tsx';

export async function adminPages(app: FastifyInstance) {
  app.get('/admin', async (request, reply) => {
    const viewer = viewerOf(request, reply);
    if (!viewer || !request.session) return reply.redirect('/signin?next=/admin', 303);
    if (!request.session.learner.isAdmin)
      throw new AppError('forbidden', 'This page is for the admins of this server (trailmap user promote)');
    const page = AdminPage({
      assets: app.assets,
      viewer,
      learners: await listLearners(app.db),
      teams: await listTeams(app.db),
      audit: await listAudit(app.db, { limit: 200 }),
    });
    return markPersonal(reply).type('text/html; charset=utf-8').send(renderDocument(page));
  });
}
