// Remembers, across the redirect that follows the sign-up form, that the account was just created,
// so the next page can say so together with what came along from this browser.
const KEY = 'trailmap.signed-up';

/** On a sign-up form: a failed attempt shows the form again, so only a new submit counts. */
export function watchSignUpForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-auth-form="signup"]');
  if (!form) return;
  sessionStorage.removeItem(KEY);
  form.addEventListener('submit', () => sessionStorage.setItem(KEY, '1'));
}

/** Whether this signed-in page is the first after a sign-up (answered once). */
export function takeSignedUp(): boolean {
  const signedUp = sessionStorage.getItem(KEY) === '1';
  sessionStorage.removeItem(KEY);
  return signedUp;
}
