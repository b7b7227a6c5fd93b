// The `trailmap` command: serve, check, and the small tools authors and operators need.
// Each command loads its own modules when it runs (the build splits them): a start of the server
// does not pay for the tools, nor the tools for the server.
import { parseArgs } from 'node:util';
import { type Config, describeConfig, readConfig } from '../config.ts';
import { loadContentInWorker } from '../content/load-in-worker.ts';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

const HELP = `Usage: trailmap <command> [options]

Commands:
  serve [--watch]   start the server (--watch reloads content when files change)
  check [dir] [--require-questions]
                    check the content under dir (default: $CONTENT_DIR or ./content);
                    --require-questions: every topic needs its 3-5 "Check yourself" questions
  migrate           apply database migrations (the server also does at start)
  export            write every account (no sessions) as JSON Lines to standard output
  import <file>     restore an export into an empty database, all or nothing; a file without
                    its trailer (cut short) or with wrong counts or checksum is refused
                    (--unchecked: also read version 1 files, which have no trailer)
  user list         list learners
  user delete <email>           delete a learner and all their data
  user reset-password <email>   print a one-time password (one sign-in, then a new password
                                must be chosen) and sign the learner out everywhere
  user promote <email>          make the learner an instance admin (/admin: learners,
                                teams, audit log)
  schemas [dir]     write the JSON Schemas for roadmap files to dir/schema
  help              show this text

Configuration (environment variables):
${describeConfig()
  .map((line) => `  ${line}`)
  .join('\n')}
`;

export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    options: {
      watch: { type: 'boolean' },
      unchecked: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      'require-questions': { type: 'boolean' },
    },
  });
  const [command = 'help', ...rest] = positionals;
  const contentDir = rest[0] ?? process.env.CONTENT_DIR ?? './content';
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case 'serve': {
      let config: Config;
      try {
        config = readConfig();
      } catch (error) {
        process.stderr.write(`trailmap: ${(error as Error).message}\n`);
        return 1;
      }
      // The content loads on another thread while the server's modules load and its database opens.
      const content = loadContentInWorker(config.CONTENT_DIR);
      content.catch(() => {}); // the server reports it
      // The database starts opening before the server's modules load: PGlite reads its files and
      // compiles its WebAssembly off the main thread meanwhile.
      const { openConfiguredDatabase } = await import('../db/from-config.ts');
      const database = openConfiguredDatabase(config, 'trailmap serve');
      database.catch(() => {}); // the server reports it
      const { serve } = await import('../server.ts');
      return serve({ config, content, database, watch: values.watch === true });
    }
    case 'check':
      return (await import('./check.ts')).checkCommand(contentDir, {
        requireQuestions: values['require-questions'] === true,
      });
    case 'schemas':
      return (await import('./schemas.ts')).schemasCommand(contentDir);
    case 'migrate':
      return (await import('./database-commands.ts')).migrateCommand(io);
    case 'export':
      return (await import('./database-commands.ts')).exportCommand(io);
    case 'import':
      return (await import('./database-commands.ts')).importCommand(rest[0], io, values.unchecked === true);
    case 'user':
      return (await import('./database-commands.ts')).userCommand(rest, io);
    default:
      process.stderr.write(`trailmap: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}
