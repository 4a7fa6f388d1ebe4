import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { FieldMessage } from '../rjsf/primitives';
import { fieldKey } from './keys';
import type { StatementStore } from './store';

/** Re-renders the caller when `key` is notified; returns a counter that changes each time. */
export function useKeyVersion(store: StatementStore, key: string): number {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) =>
      store.subscribe(key, () => {
        version.current += 1;
        onChange();
      }),
    [store, key],
  );
  return useSyncExternalStore(subscribe, () => version.current);
}

export function useFieldState(
  store: StatementStore,
  sheet: string,
  path: string,
  row?: number,
): { value: unknown; messages: readonly FieldMessage[] } {
  const key = fieldKey(sheet, path, row);
  useKeyVersion(store, key);
  return { value: store.value(sheet, path, row), messages: store.fieldMessages(key) };
}

export function useSummaryVersion(store: StatementStore): number {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) =>
      store.subscribeSummary(() => {
        version.current += 1;
        onChange();
      }),
    [store],
  );
  return useSyncExternalStore(subscribe, () => version.current);
}
