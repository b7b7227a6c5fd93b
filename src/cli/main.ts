// The `trailmap` command: serve, check, and the small tools authors and operators need.
import { parseArgs } from 'node:util';
import { describeConfig } from '../config.ts';
import { checkCommand } from './check.ts';
import { exportCommand, importCommand, migrateCommand, userCommand } from './database-commands.ts';
import { schemasCommand } from './schemas.ts';

const io = {
  out: (line: string) => process.stdout.write(`${line}\n`),
  err: (line: string) => process.stderr.write(`${line}\n`),
};

const HELP = `Usage: trailmap <command> [options]

Commands:
  serve [--watch]   start the server (--watch reloads content when files change)
  check [dir]       check the content under dir (default: $CONTENT_DIR or ./content)
  migrate           apply database migrations (the server also does at start)
  export            write every account (no sessions) as JSON Lines to standard output
  import <file>     restore an export into an empty database, all or nothing
  user list         list learners
  user delete <email>           delete a learner and all their data
  user reset-password <email>   print a one-time password and sign the learner out everywhere
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
    options: { watch: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command = 'help', ...rest] = positionals;
  const contentDir = rest[0] ?? process.env.CONTENT_DIR ?? './content';
  if (values.help || command === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case 'serve': {
      const { serve } = await import('../server.ts');
      return serve({ watch: values.watch === true });
    }
    case 'check':
      return checkCommand(contentDir);
    case 'schemas':
      return schemasCommand(contentDir);
    case 'migrate':
      return migrateCommand(io);
    case 'export':
      return exportCommand(io);
    case 'import':
      return importCommand(rest[0], io);
    case 'user':
      return userCommand(rest, io);
    default:
      process.stderr.write(`trailmap: unknown command "${command}"\n\n${HELP}`);
      return 2;
  }
}
