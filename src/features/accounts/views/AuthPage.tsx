// Sign-in and sign-up forms: plain HTML forms with a CSRF token, working without JavaScript.
import { Layout, type PageAssets } from '../../../views/Layout.tsx';

export interface AuthFormProps {
  mode: 'signin' | 'signup';
  assets: PageAssets;
  csrfToken: string;
  next: string;
  email?: string;
  error?: string;
  /** The address is taken: the error then links to sign in with it. */
  taken?: boolean;
  notice?: string;
  /** Whether this server sends mail (the sign-up hint says whether a confirmation link follows). */
  sendsMail?: boolean;
  /** Sign-in refused until the address is confirmed: the page offers to send the link again. */
  unverified?: boolean;
  /** false: the server has password sign-in and sign-up off (PASSWORD_SIGNIN=false). */
  passwordSignin?: boolean;
  /** The single sign-on button, when the server has an issuer; hidden while it does not answer. */
  singleSignOn?: { label: string; href: string; available: boolean };
}

/** Service messages name a field first ("password must be…"); on the page each is a sentence. */
const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

const TEXT = {
  signin: {
    title: 'Sign in',
    button: 'Sign in',
    other: 'New here?',
    otherLink: 'Create an account',
    otherPath: '/signup',
  },
  signup: {
    title: 'Create your account',
    button: 'Create account',
    other: 'Already have an account?',
    otherLink: 'Sign in',
    otherPath: '/signin',
  },
} as const;

export function AuthPage(props: AuthFormProps) {
  const { mode, assets, next, error, notice, unverified, passwordSignin = true, singleSignOn } = props;
  const text = TEXT[mode];
  const otherHref = next === '/' ? text.otherPath : `${text.otherPath}?next=${encodeURIComponent(next)}`;
  const signInHref = next === '/' ? '/signin' : `/signin?next=${encodeURIComponent(next)}`;
  return (
    <Layout
      title={`${text.title} · Trailmap`}
      description="Keep your learning progress across devices."
      assets={assets}
    >
      <section class="auth">
        <h1>{text.title}</h1>
        <p class="auth__lead">
          {mode === 'signup'
            ? 'Your progress, choices and notes are kept in your account and follow you to every device. Anything you marked in this browser comes along.'
            : 'Pick up where you left off. Anything you marked in this browser while signed out is merged into your account.'}
        </p>
        {!passwordSignin && (
          <p class="notice" role="status">
            {mode === 'signup'
              ? `This server has no password sign-up: your account is made the first time you use “${singleSignOn?.label ?? 'single sign-on'}”.`
              : `This server has password sign-in turned off: use “${singleSignOn?.label ?? 'single sign-on'}”.`}
          </p>
        )}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p class="form-error" role="alert" id="auth-error">
            {props.taken ? (
              <>
                An account with this email already exists: <a href={signInHref}>sign in instead</a>.
              </>
            ) : (
              sentence(error)
            )}
          </p>
        )}
        {singleSignOn && <SingleSignOnButton {...singleSignOn} />}
        {passwordSignin && <PasswordForm {...props} />}
        {passwordSignin && mode === 'signin' && (
          <p>
            <a href="/forgot">Forgot your password?</a>
          </p>
        )}
        {unverified && (
          <form method="post" action="/verify/resend" class="form form--inline">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="email" value={props.email ?? ''} />
            <button type="submit" class="button button--secondary">
              Send the confirmation link again
            </button>
          </form>
        )}
        {passwordSignin && (
          <p>
            {text.other} <a href={otherHref}>{text.otherLink}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}

function SingleSignOnButton({ label, href, available }: { label: string; href: string; available: boolean }) {
  if (!available) {
    return (
      <p class="form-error" role="alert">
        “{label}” is not available right now: the identity provider does not answer. Try again in a moment.
      </p>
    );
  }
  return (
    <p class="auth__sso">
      <a class="button auth__sso-button" href={href}>
        {label}
      </a>
    </p>
  );
}

function PasswordForm({ mode, csrfToken, next, email, error, singleSignOn, sendsMail }: AuthFormProps) {
  const text = TEXT[mode];
  return (
    <>
      {singleSignOn?.available && <p class="auth__or">or with your email and password</p>}
      <form method="post" action={`/${mode}`} class="form" data-auth-form={mode}>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="next" value={next} />
        <label for="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autocomplete="email"
          required
          maxLength={254}
          value={email ?? ''}
          aria-describedby={error ? 'auth-error' : undefined}
        />
        <label for="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autocomplete={mode === 'signup' ? 'new-password' : 'current-password'}
          required
          minLength={mode === 'signup' ? 8 : 1}
          maxLength={256}
          aria-describedby={mode === 'signup' ? 'password-hint' : undefined}
        />
        {mode === 'signup' && (
          <p class="hint" id="password-hint">
            At least 8 characters. Very common passwords are refused.{' '}
            {sendsMail
              ? 'We mail you a link to confirm the address.'
              : 'This server sends no email: use an address you own.'}
          </p>
        )}
        <button type="submit" class="button">
          {text.button}
        </button>
      </form>
    </>
  );
}
