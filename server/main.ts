import { createApp } from './app';
import { boot } from './boot';
import { readConfig } from './config';

async function main() {
  const config = readConfig();
  const state = await boot(config);
  const app = createApp(state);
  const server = app.listen(config.port, config.host, () => {
    const where = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : config.databaseUrl.replace(/\/\/[^@]*@/, '//…@');
    console.log(`\nHarmonia ${config.version} est prêt : http://localhost:${config.port}`);
    console.log(`Base de données : ${where}\n`);
  });
  const stop = () => server.close(() => state.sequelize.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('Harmonia n’a pas pu démarrer :', err instanceof Error ? err.message : err);
  process.exit(1);
});
