/**
 * Whether to remind the user, on every page until they act, that their account has no recovery
 * code left: set after an application-code login that reports none (accounts enrolled before
 * recovery codes existed, or all spent), cleared once new codes are generated or the notice is
 * closed. Held in memory: a new login decides again.
 */
import { useSyncExternalStore } from 'react';

let reminding = false;
const listeners = new Set<() => void>();

function set(value: boolean) {
  reminding = value;
  listeners.forEach((l) => l());
}

export const remindRecoveryCodes = () => set(true);
export const forgetRecoveryCodesReminder = () => set(false);

export function useRecoveryCodesReminder(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => reminding,
  );
}
