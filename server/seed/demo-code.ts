/**
 * Prints the current second-factor code of a demo account: `npm run demo:code -- <email>`.
 * The demo's privileged accounts (platform administrator, form editors, DHUP) are enrolled with a
 * secret derived from their e-mail (server/seed/demo-mfa.ts); no database or key is needed.
 */
import { TOTP_PERIOD_S, codeAt } from '../auth/totp';
import { demoTotpSecret, isDemoEmail } from './demo-mfa';

const email = process.argv[2]?.trim();
if (!email || !isDemoEmail(email)) {
  console.error('Usage : npm run demo:code -- <adresse d’un compte de démonstration, …@demo.harmonia.fr>');
  process.exit(1);
}
const now = Date.now();
const left = TOTP_PERIOD_S - (Math.floor(now / 1000) % TOTP_PERIOD_S);
console.log(`${codeAt(demoTotpSecret(email), now)}  (valable encore ${left} s ; chaque code ne sert qu’une fois)`);
