// The one canonical form of an email address, for matching and counting: NFKC, then lower case.
// JavaScript computes it (never SQL's lower(), which depends on the database's locale), so the
// key stored at sign-up is the key looked up at sign-in on every database.
export const emailKey = (email: string) => email.trim().normalize('NFKC').toLowerCase();
