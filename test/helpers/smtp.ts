// A real SMTP server in the test process (smtp-server), keeping every mail it receives, parsed
// with mailparser, so tests read what a learner's mailbox would get.
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
  /** The envelope, as the SMTP server saw it. */
  envelopeTo: string[];
}

export interface TestSmtp {
  url: string;
  mails: ReceivedMail[];
  /** The next mail to this address that arrives (or arrived) after `since` mails were counted. */
  waitFor(
    to: string,
    options?: { since?: number; timeoutMs?: number; subject?: RegExp },
  ): Promise<ReceivedMail>;
  /** Refuses the next n messages with a temporary error (451), as a busy server does. */
  refuseNext(n: number): void;
  close(): Promise<void>;
}

const address = (parsed: ParsedMail['to'] | ParsedMail['from']) =>
  (Array.isArray(parsed) ? parsed : parsed ? [parsed] : []).flatMap((a) =>
    a.value.map((v) => v.address ?? ''),
  );

export async function startSmtp(credentials = { user: 'mailer', pass: 'p@ss word' }): Promise<TestSmtp> {
  const mails: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  let refusing = 0;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass)
        return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      if (refusing > 0) {
        refusing--;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (parsed) => {
          mails.push({
            to: address(parsed.to).join(', '),
            from: address(parsed.from).join(', '),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          });
          for (const wake of waiters) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  const user = encodeURIComponent(credentials.user);
  const pass = encodeURIComponent(credentials.pass);
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    mails,
    refuseNext(n) {
      refusing = n;
    },
    waitFor(to, { since = 0, timeoutMs = 10_000, subject } = {}) {
      const find = () =>
        mails
          .slice(since)
          .find((m) => m.to.toLowerCase() === to.toLowerCase() && (!subject || subject.test(m.subject)));
      return new Promise((resolve, reject) => {
        const wake = () => {
          const mail = find();
          if (!mail) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(
            new Error(
              `no mail to ${to} within ${timeoutMs} ms (got ${mails.length}: ${mails.map((m) => `${m.to} "${m.subject}"`).join('; ')})`,
            ),
          );
        }, timeoutMs);
        waiters.add(wake);
        wake();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The link in a mail that starts with this address. */
export function linkIn(mail: ReceivedMail, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const found = mail.text.match(new RegExp(`${escaped}[A-Za-z0-9_\\-/]+`));
  if (!found) throw new Error(`no link starting with ${prefix} in:\n${mail.text}`);
  return found[0];
}
