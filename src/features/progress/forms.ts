// Progress without JavaScript: form posts that do what the API does, then go back to the page.
// A signed-out visitor is invited to sign in instead (nothing is stored for them on the server).
// Each form has a TypeBox schema, like the API: the same ids, statuses and note limit.
import type { Static, TObject } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeNext } from '../accounts/viewer.ts';
import { saveNote } from './notes.ts';
import {
  ChoiceForm,
  GroupParams,
  NoteForm,
  ResetForm,
  ResourceParams,
  RoadmapParams,
  SectionDoneForm,
  SectionParams,
  StatusForm,
  TickForm,
  TopicParams,
} from './schema.ts';
import * as progress from './service.ts';

export async function progressForms(app: FastifyInstance) {
  const checkCsrf = (request: FastifyRequest, reply: FastifyReply) =>
    new Promise<void>((resolve, reject) => {
      app.csrfProtection.call(app, request, reply, (error?: Error) => (error ? reject(error) : resolve()));
    });

  /** Runs a change for the signed-in learner, then redirects back to the page the form was on. */
  function formRoute<P extends TObject, B extends TObject>(
    url: string,
    schema: { params: P; body: B },
    change: (learnerId: string, params: Static<P>, body: Static<B>) => Promise<unknown>,
    /** Where to go once done, from the page the form was on (the note form adds "Saved"). */
    then: (back: string) => string = (back) => back,
  ) {
    app.post<{ Params: Static<P>; Body: Static<B> }>(url, { schema }, async (request, reply) => {
      const params = request.params as Static<P> & { slug: string };
      const back = safeNext((request.body as { back?: string }).back, `/roadmaps/${params.slug}`);
      if (!request.session)
        return reply.redirect(`/signin?notice=progress&next=${encodeURIComponent(back)}`, 303);
      await checkCsrf(request, reply);
      await change(request.session.learner.id, params, request.body as Static<B>);
      return reply.redirect(then(back), 303);
    });
  }

  const catalog = () => app.content.catalog;

  formRoute(
    '/roadmaps/:slug/:topicId/status',
    { params: TopicParams, body: StatusForm },
    (learner, p, body) =>
      progress.setStatus(app.progress, catalog(), learner, p.slug, p.topicId, body.status),
  );

  formRoute(
    '/roadmaps/:slug/:topicId/resources/:resourceId/read',
    { params: ResourceParams, body: TickForm },
    (learner, p, body) =>
      progress.setTick(
        app.progress,
        catalog(),
        learner,
        p.slug,
        p.topicId,
        p.resourceId,
        body.read === 'true',
      ),
  );

  formRoute('/roadmaps/:slug/choices/:group', { params: GroupParams, body: ChoiceForm }, (learner, p, body) =>
    progress.setChoice(app.progress, catalog(), learner, p.slug, p.group, body.option || null),
  );

  formRoute(
    '/roadmaps/:slug/sections/:sectionId/done',
    { params: SectionParams, body: SectionDoneForm },
    (learner, p) => progress.markSectionDone(app.progress, catalog(), learner, p.slug, p.sectionId),
  );

  formRoute('/roadmaps/:slug/reset', { params: RoadmapParams, body: ResetForm }, (learner, p) =>
    progress.resetProgress(app.progress, catalog(), learner, p.slug),
  );

  formRoute(
    '/roadmaps/:slug/:topicId/note',
    { params: TopicParams, body: NoteForm },
    (learner, p, body) => saveNote(app.progress, catalog(), learner, p.slug, p.topicId, body.markdown),
    (back) => {
      // The page says "Saved" by its note form, as it does when the browser saves as you type.
      const [path, hash] = back.split('#');
      return `${path}${path?.includes('?') ? '&' : '?'}note=saved${hash ? `#${hash}` : ''}`;
    },
  );
}
