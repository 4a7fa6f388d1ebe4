/** The TOTP clock of the second-factor suites: Date.now() is mocked per test, nothing sleeps. */
import { TOTP_PERIOD_S } from './totp';

export const STEP_MS = TOTP_PERIOD_S * 1000;
export const realNow = Date.now.bind(Date);
/**
 * The start of the next TOTP step, so that "one step later" is unambiguous; close to the real
 * time because lock expiry and session lifetimes are checked against the real clock.
 */
export const T0 = (Math.floor(realNow() / STEP_MS) + 1) * STEP_MS;

/** Within a describe: the server's clock reads `clock.now`, set back to T0 before each test. */
export function useTotpClock(): { now: number } {
  const clock = { now: T0 };
  beforeEach(() => {
    clock.now = T0;
    jest.spyOn(Date, 'now').mockImplementation(() => clock.now);
  });
  afterEach(() => jest.restoreAllMocks());
  return clock;
}
