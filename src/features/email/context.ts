// What the features that send mail need: the mailer, the address links point to, and the policy.
import type { Mailer } from './mailer.ts';

export interface MailContext {
  mailer: Mailer;
  /** PUBLIC_URL without a trailing slash: every link in a mail starts with it. */
  siteUrl: string;
  /** REQUIRE_EMAIL_VERIFICATION: sign-in needs a confirmed address. */
  requireVerification: boolean;
}
