/** A DATE column of a raw row: a Date on MariaDB, `YYYY-MM-DD HH:mm:ss.SSS +00:00` text on SQLite. */
export function rawDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value).replace(' ', 'T').replace(' ', ''));
}
