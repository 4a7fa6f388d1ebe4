/** A DATE column of a raw row: a Date on MariaDB, `YYYY-MM-DD HH:mm:ss.SSS +00:00` text on SQLite. */
export function rawDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value).replace(' ', 'T').replace(' ', ''));
}

/** A date as a bound query parameter, stored as Sequelize stores it: the text rawDate reads back on SQLite, a Date for mysql2. */
export function boundDate(dialect: string, date: Date): Date | string {
  return dialect === 'sqlite' ? date.toISOString().replace('T', ' ').replace('Z', ' +00:00') : date;
}
