// The mails Trailmap sends, each as plain text and as HTML in the site's voice. The HTML is Preact
// JSX rendered to a string, so every address and link in it is escaped.
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Mail } from './mailer.ts';

interface Parts {
  to: string;
  subject: string;
  /** Paragraphs before the link. */
  lead: string[];
  action?: { label: string; url: string };
  /** Paragraphs after the link. */
  after: string[];
}

function MailHtml({ subject, children }: { subject: string; children: ComponentChildren }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>{subject}</title>
      </head>
      <body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 36rem">
        <p style="font-weight: 700; color: #0b5cad">Trailmap</p>
        {children}
      </body>
    </html>
  );
}

function compose({ to, subject, lead, action, after }: Parts): Mail {
  const text = [...lead, ...(action ? [`${action.label}: ${action.url}`] : []), ...after, '— Trailmap'].join(
    '\n\n',
  );
  const html = `<!doctype html>${renderToString(
    <MailHtml subject={subject}>
      {lead.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
      {action && (
        <p>
          <a
            href={action.url}
            style="display: inline-block; padding: 0.6rem 1rem; background: #0b5cad; color: #fff; border-radius: 6px; text-decoration: none"
          >
            {action.label}
          </a>
        </p>
      )}
      {action && (
        <p style="font-size: 0.9em; color: #57606a">Or copy this address into your browser: {action.url}</p>
      )}
      {after.map((paragraph) => (
        <p>{paragraph}</p>
      ))}
    </MailHtml>,
  )}`;
  return { to, subject, text, html };
}

export function passwordResetMail(to: string, link: string): Mail {
  return compose({
    to,
    subject: 'Reset your Trailmap password',
    lead: ['Someone — hopefully you — asked to reset the password of the Trailmap account of this address.'],
    action: { label: 'Choose a new password', url: link },
    after: [
      'The link works once, within an hour.',
      'If you did not ask, ignore this mail: your password stays as it is.',
    ],
  });
}

export function passwordResetDoneMail(to: string, siteUrl: string): Mail {
  return compose({
    to,
    subject: 'Your Trailmap password was changed',
    lead: [
      'The password of your Trailmap account was just reset with a link sent to this address, and every other session was signed out.',
    ],
    after: [
      `If that was not you, reset it again at ${siteUrl}/forgot — whoever did it can read this mailbox, so change its password too.`,
    ],
  });
}

export function verifyEmailMail(to: string, link: string, reason: 'signup' | 'changed' | 'resend'): Mail {
  const lead =
    reason === 'changed'
      ? 'This is now the email address of a Trailmap account. Confirm that it is yours:'
      : reason === 'signup'
        ? 'Welcome to Trailmap. Confirm that this email address is yours, so that it can get you back into your account:'
        : 'Here is a new link to confirm the email address of your Trailmap account:';
  return compose({
    to,
    subject: 'Confirm your email address for Trailmap',
    lead: [lead],
    action: { label: 'Confirm my address', url: link },
    after: [
      'The link works once, within a day.',
      'If you did not create a Trailmap account, ignore this mail: nothing is confirmed without the link.',
    ],
  });
}

export function emailChangedMail(to: string, newEmail: string, siteUrl: string): Mail {
  return compose({
    to,
    subject: 'Your Trailmap address was changed',
    lead: [`The email address of your Trailmap account was changed from this address to ${newEmail}.`],
    after: [
      `If you did not do this, someone has your password: sign in at ${siteUrl}/signin with it if you still can and change both, or ask the operator of ${siteUrl} for help.`,
    ],
  });
}

export function teamInviteMail(to: string, team: string, inviter: string, role: string, link: string): Mail {
  return compose({
    to,
    subject: `Join the team “${team}” on Trailmap`,
    lead: [`${inviter} invites you to the Trailmap team “${team}” as a ${role}.`],
    action: { label: 'See the invitation', url: link },
    after: [
      'The page says exactly what the team’s owners and coaches will see of your progress (statuses and figures, never your notes) before you join.',
      'The link works once, within a week. If you do not want to join, ignore this mail.',
    ],
  });
}
