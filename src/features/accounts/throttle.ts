// Slows password guessing: every check of a password (sign-in, password change, account deletion)
// goes through here. Only failures count, per client address and per account, in the database so
// the limits hold across instances. A browser that signed in to the account before carries a
// device cookie and is counted on its own, so guesses from elsewhere do not lock the owner out.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/tables.ts';
import { AppError } from '../../errors.ts';
import { type Counter, incrementCounter, readCounters } from '../../plugins/rate-limit-store.ts';
import { emailKey } from './email-key.ts';

export interface ThrottleLimits {
  windowSeconds: number;
  perIp: number;
  perAccount: number;
}

export const DEVICE_COOKIE = 'trailmap_device';
/** Say how many attempts are left once this few remain. */
const WARN_WHEN_LEFT = 3;

const hash = (value: string) => createHash('sha256').update(value).digest('base64url');

/** "15 minutes", "1 minute", "40 seconds". */
export function duration(milliseconds: number): string {
  if (milliseconds < 60_000) {
    const seconds = Math.max(1, Math.ceil(milliseconds / 1000));
    return `${seconds} second${seconds === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(milliseconds / 60_000);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function passwordThrottle(db: Db, limits: ThrottleLimits) {
  const windowMs = limits.windowSeconds * 1000;

  function keysOf(request: FastifyRequest, email: string) {
    const account = hash(emailKey(email));
    const raw = request.cookies[DEVICE_COOKIE];
    const device = raw ? request.unsignCookie(raw) : undefined;
    const [deviceAccount, deviceId] = device?.valid ? (device.value ?? '').split('.') : [];
    return {
      ip: `password-ip:${request.ip}`,
      // Hashed: a key never carries bytes the database cannot store (a NUL), nor an address.
      account:
        deviceAccount === account && deviceId ? `password-device:${deviceId}` : `password-account:${account}`,
      accountHash: account,
    };
  }

  const over = (counter: Counter | undefined, max: number) => counter !== undefined && counter.count >= max;

  return {
    /**
     * Runs a password check unless the address or the account is paused; counts it if it fails,
     * telling the caller how many attempts are left, and how long the pause is once it starts.
     */
    async attempt<T>(request: FastifyRequest, reply: FastifyReply, email: string, check: () => Promise<T>) {
      const keys = keysOf(request, email);
      const counters = await readCounters(db, [keys.ip, keys.account]);
      const byAccount = counters.get(keys.account);
      const byIp = counters.get(keys.ip);
      const paused = over(byAccount, limits.perAccount)
        ? byAccount
        : over(byIp, limits.perIp)
          ? byIp
          : undefined;
      if (paused) {
        reply.header('retry-after', String(Math.ceil(paused.ttl / 1000)));
        const what =
          paused === byAccount
            ? 'sign-in for this account is paused'
            : 'attempts from your address are paused';
        throw new AppError(
          'too_many_requests',
          `Too many attempts: ${what}, try again in ${duration(paused.ttl)}`,
        );
      }
      try {
        return await check();
      } catch (error) {
        if (!(error instanceof AppError) || (error.code !== 'unauthorized' && error.code !== 'forbidden'))
          throw error;
        const account = await incrementCounter(db, keys.account, windowMs);
        const ip = await incrementCounter(db, keys.ip, windowMs);
        const leftForAccount = limits.perAccount - account.count;
        const leftForIp = limits.perIp - ip.count;
        const left = Math.min(leftForAccount, leftForIp);
        if (left > WARN_WHEN_LEFT) throw error;
        const suffix =
          left > 0
            ? `${left} attempt${left === 1 ? '' : 's'} left before sign-in pauses`
            : leftForAccount <= 0
              ? `sign-in for this account is paused for ${duration(account.ttl)}`
              : `attempts from your address are paused for ${duration(ip.ttl)}`;
        throw new AppError(error.code, `${error.message}: ${suffix}`);
      }
    },

    /** After a successful sign-in: this browser is the owner's, counted apart from then on. */
    rememberDevice(request: FastifyRequest, reply: FastifyReply, email: string) {
      const keys = keysOf(request, email);
      if (keys.account.startsWith('password-device:')) return;
      reply.setCookie(DEVICE_COOKIE, `${keys.accountHash}.${randomBytes(16).toString('base64url')}`, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        signed: true,
        maxAge: 400 * 24 * 3600,
      });
    },
  };
}

export type PasswordThrottle = ReturnType<typeof passwordThrottle>;
