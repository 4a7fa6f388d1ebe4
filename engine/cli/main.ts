/** `npm run forms -- <commande>`: the editors' command line for form packages. */
import * as fs from 'fs';
import { bundleCommand, checkCommand, diffCommand, fixturesCommand, typesCommand, validateCommand } from './commands';
import { UsageError, type CliIO } from './context';

export const USAGE = `Usage : npm run forms -- <commande>
  validate <dossier...>              vérifie des paquets, ou tous ceux d'un dossier (ex. forms) ; code 1 en cas d'erreur
  types <dossier> [--out fichier]    types TypeScript des réponses (.d.ts)
  diff <ancien> <nouveau>            changements entre deux versions d'un formulaire
  check <dossier> <réponses.json>    contrôle une déclaration (code de sortie 1 si un contrôle bloquant échoue)
  fixtures <dossier...>              rejoue les jeux d'essai fixtures/*.json et compare avec leur « expect »
  bundle <dossier>                   paquet en un seul fichier JSON, pour le téléversement`;

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const outIndex = rest.indexOf('--out');
  const out = outIndex >= 0 ? rest[outIndex + 1] : undefined;
  const args = outIndex >= 0 ? rest.filter((_, i) => i !== outIndex && i !== outIndex + 1) : rest;
  try {
    switch (command) {
      case 'validate':
        return validateCommand(args, io);
      case 'types':
        return await typesCommand(args[0], out, io);
      case 'diff':
        return diffCommand(args[0], args[1], io);
      case 'check':
        return checkCommand(args[0], args[1], io);
      case 'fixtures':
        return fixturesCommand(args, io);
      case 'bundle':
        return bundleCommand(args[0], io);
      case undefined:
      case 'help':
      case '--help':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Commande inconnue « ${command} ».`);
    }
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(e.message);
    io.err(USAGE);
    return 2;
  }
}

if (require.main === module) {
  const io: CliIO = {
    out: (line) => process.stdout.write(line + '\n'),
    err: (line) => process.stderr.write(line + '\n'),
    writeFile: (file, content) => fs.writeFileSync(file, content),
  };
  runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`Erreur interne : ${(e as Error).stack ?? String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
