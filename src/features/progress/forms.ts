// Progress without JavaScript: form posts that do what the API does, then go back to the page.
// A signed-out visitor is invited to sign in instead (nothing is stored for them on the server).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { safeNext } from '../accounts/viewer.ts';
import { saveNote } from './notes.ts';
import { TOPIC_STATUSES, type TopicStatus } from './rules.ts';
import * as progress from './service.ts';

type Form = Record<string, string | undefined>;
type Params = { slug: string; topicId?: string; group?: string; sectionId?: string };

export async function progressForms(app: FastifyInstance) {
  const checkCsrf = (request: FastifyRequest, reply: FastifyReply) =>
    new Promise<void>((resolve, reject) => {
      app.csrfProtection.call(app, request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });

  /** Runs a change for the signed-in learner, then redirects back to the page the form was on. */
  function formRoute(
    url: string,
    change: (learnerId: string, params: Params, body: Form) => Promise<unknown>,
    /** Where to go once done, from the page the form was on (the note form adds "Saved"). */
    then: (back: string) => string = (back) => back,
  ) {
    app.post<{ Params: Params; Body: Form }>(url, async (request, reply) => {
      const back = safeNext(request.body?.back, `/roadmaps/${request.params.slug}`);
      if (!request.session)
        return reply.redirect(`/signin?notice=progress&next=${encodeURIComponent(back)}`, 303);
      await checkCsrf(request, reply);
      await change(request.session.learner.id, request.params, request.body ?? {});
      return reply.redirect(then(back), 303);
    });
  }

  const catalog = () => app.content.catalog;

  formRoute('/roadmaps/:slug/:topicId/status', (learnerId, params, body) => {
    const status = body.status as TopicStatus;
    if (!TOPIC_STATUSES.includes(status)) {
      throw new AppError('invalid', `status must be one of ${TOPIC_STATUSES.join(', ')}`);
    }
    return progress.setStatus(
      app.progress,
      catalog(),
      learnerId,
      params.slug,
      params.topicId as string,
      status,
    );
  });

  formRoute('/roadmaps/:slug/choices/:group', (learnerId, params, body) =>
    progress.setChoice(
      app.progress,
      catalog(),
      learnerId,
      params.slug,
      params.group as string,
      body.option || null,
    ),
  );

  formRoute('/roadmaps/:slug/sections/:sectionId/done', (learnerId, params) =>
    progress.markSectionDone(app.progress, catalog(), learnerId, params.slug, params.sectionId as string),
  );

  formRoute('/roadmaps/:slug/reset', (learnerId, params, body) => {
    if (body.confirm !== 'yes') throw new AppError('invalid', 'Tick the box to confirm the reset');
    return progress.resetProgress(app.progress, catalog(), learnerId, params.slug);
  });

  formRoute(
    '/roadmaps/:slug/:topicId/note',
    (learnerId, params, body) => {
      return saveNote(
        app.progress,
        catalog(),
        learnerId,
        params.slug,
        params.topicId as string,
        body.markdown ?? '',
      );
    },
    (back) => {
      // The page says "Saved" by its note form, as it does when the browser saves as you type.
      const [path, hash] = back.split('#');
      return `${path}${path?.includes('?') ? '&' : '?'}note=saved${hash ? `#${hash}` : ''}`;
    },
  );
}
