import { createApp } from './app';
import { boot } from './boot';
import { readConfig } from './config';
import { listen } from './http/listen';
import { DEMO_PASSWORD, demoLogins, seedDemo } from './seed';

async function main() {
  const config = readConfig();
  const state = await boot(config);
  const seeded = await seedDemo(state);
  if (seeded) {
    console.log(`Données de démonstration chargées : ${seeded.published.length} formulaire(s) publié(s).`);
    for (const skipped of seeded.skipped) console.log(`  formulaire ignoré — ${skipped}`);
  }
  const logins = config.seedDemo ? await demoLogins(state) : [];
  const app = createApp(state);
  const server = listen(app, config.port, config.host, () => {
    const where = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : config.databaseUrl.replace(/\/\/[^@]*@/, '//…@');
    console.log(`\nHarmonia ${config.version} est prêt : http://localhost:${config.port}`);
    console.log(`Base de données : ${where}\n`);
    if (logins.length > 0) {
      console.log(`Comptes de démonstration (mot de passe pour tous : ${DEMO_PASSWORD}) :`);
      const width = Math.max(...logins.map((l) => l.role.length));
      for (const login of logins)
        console.log(`  ${login.role.padEnd(width)}  ${login.email.padEnd(36)}  ${login.who}${login.secondFactor ? ' (*)' : ''}`);
      if (logins.some((l) => l.secondFactor))
        console.log('(*) double authentification : obtenir le code avec « npm run demo:code -- <adresse> »');
      console.log('');
    }
  });
  const stop = () => server.close(() => state.sequelize.close().then(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error('Harmonia n’a pas pu démarrer :', err instanceof Error ? err.message : err);
  process.exit(1);
});
