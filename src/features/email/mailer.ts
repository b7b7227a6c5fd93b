// Sends mail off the request path: a request queues a job (find the learner, make a token, compose
// the mail) and gets its answer at once; the job runs after it, and a send that fails is logged and
// tried again later. The queue lives in this instance's memory: mail still queued when the process
// stops is lost (the learner asks again), which docs/deploy.md says.
import nodemailer, { type Transporter } from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Mailer {
  /** False when SMTP_URL is not set: this server sends no email. */
  readonly enabled: boolean;
  /**
   * Runs `compose` after the current request (or once `after` settles: see responseSent) and sends
   * the mails it returns. `kind` names the job in the log (never the address or the link).
   */
  later(kind: string, compose: () => Promise<Mail[]>, after?: Promise<unknown>): void;
  /** Resolves once every queued job is sent or given up (tests; shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpSettings {
  smtpUrl: string;
  from: string;
  /** Waits before each new try of a failed send; after the last, the mail is dropped (logged). */
  retryDelaysMs?: number[];
}

/** More queued jobs than this, and new ones are dropped (logged) rather than filling the memory. */
const MAX_PENDING = 1000;
const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000];

/** What went wrong, without the message itself (nodemailer's errors can carry the recipients). */
function smtpReason(error: unknown) {
  const { code, responseCode, command, message } = error as Record<string, unknown>;
  return {
    code,
    responseCode,
    command,
    reason: typeof message === 'string' ? message.slice(0, 200) : undefined,
  };
}

/**
 * Settles once the answer has left (or the connection closed): a job that waits for it cannot make
 * the answer slower, so whatever it looks up is not visible in the answer's timing.
 */
export function responseSent(raw: { once(event: 'finish' | 'close', listener: () => void): unknown }) {
  return new Promise<void>((resolve) => {
    raw.once('finish', resolve);
    raw.once('close', resolve);
  });
}

export const noMailer: Mailer = {
  enabled: false,
  later: () => {},
  idle: async () => {},
  close: async () => {},
};

export function smtpMailer(settings: SmtpSettings, log: MailLog): Mailer {
  const transport: Transporter = nodemailer.createTransport(settings.smtpUrl, { from: settings.from });
  const delays = settings.retryDelaysMs ?? RETRY_DELAYS_MS;
  const pending = new Set<Promise<void>>();
  const timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => done(), ms), resolve: () => done() };
      function done() {
        clearTimeout(entry.timer);
        timers.delete(entry);
        resolve();
      }
      timers.add(entry);
    });

  async function send(kind: string, mail: Mail): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await transport.sendMail(mail);
        return;
      } catch (error) {
        const delay = delays[attempt - 1];
        const reason = smtpReason(error);
        if (delay === undefined || closed) {
          log.error({ kind, attempts: attempt, ...reason }, 'mail not sent: giving up');
          return;
        }
        log.warn({ kind, attempt, retryInMs: delay, ...reason }, 'mail not sent: trying again later');
        await wait(delay);
      }
    }
  }

  async function run(kind: string, compose: () => Promise<Mail[]>, after?: Promise<unknown>): Promise<void> {
    // After the reply: the request never waits for the database work or the SMTP server.
    await after?.catch(() => {});
    await new Promise((resolve) => setImmediate(resolve));
    let mails: Mail[];
    try {
      mails = await compose();
    } catch (error) {
      log.error({ err: error, kind }, 'mail not composed');
      return;
    }
    await Promise.all(mails.map((mail) => send(kind, mail)));
  }

  return {
    enabled: true,
    later(kind, compose, after) {
      if (closed || pending.size >= MAX_PENDING) {
        log.error({ kind, pending: pending.size }, 'mail dropped: the queue is full or closing');
        return;
      }
      const job = run(kind, compose, after).finally(() => pending.delete(job));
      pending.add(job);
    },
    async idle() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    async close() {
      closed = true;
      // Mails waiting for a retry get one last try now instead of being dropped silently.
      for (const entry of [...timers]) entry.resolve();
      await this.idle();
      transport.close();
    },
  };
}
