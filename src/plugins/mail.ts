// The mailer of this instance (SMTP_URL), or none: features reach it as `app.mail`. Queued mail
// gets its last chance to go out when the app closes.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { MailContext } from '../features/email/context.ts';
import { noMailer, type SmtpSettings, smtpMailer } from '../features/email/mailer.ts';

export interface MailOptions extends SmtpSettings {
  /** PUBLIC_URL: the links in mails point here. */
  siteUrl: string;
  requireVerification?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    mail: MailContext;
  }
}

export const mailPlugin = fp(
  async (app: FastifyInstance, options: { mail?: MailOptions | undefined }) => {
    const settings = options.mail;
    const log = app.log.child({ module: 'mail' });
    const context: MailContext = settings
      ? {
          mailer: smtpMailer(settings, log),
          siteUrl: settings.siteUrl.replace(/\/+$/, ''),
          requireVerification: settings.requireVerification ?? false,
        }
      : { mailer: noMailer, siteUrl: '', requireVerification: false };
    app.decorate('mail', context);
    app.addHook('onClose', () => context.mailer.close());
  },
  { name: 'mail' },
);
