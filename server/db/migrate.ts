import path from 'node:path';
import { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

export type MigrationContext = { sequelize: Sequelize };

/** Applies the pending migrations of /migrations (TypeScript files, run in name order). */
export function migrator(sequelize: Sequelize) {
  return new Umzug<MigrationContext>({
    migrations: { glob: ['*.ts', { cwd: path.resolve(__dirname, '../../migrations'), ignore: ['*.d.ts', '*.test.ts'] }] },
    context: { sequelize },
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const applied = await migrator(sequelize).up();
  return applied.map((m) => m.name);
}
