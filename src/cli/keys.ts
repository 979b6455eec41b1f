// `npm run keys -- create --name <name> --role <reader|curator|admin>`, `npm run keys -- list`,
// `npm run keys -- revoke <id>`: manages API keys directly in the graph (whoever can reach
// the database is trusted). A new key's token is printed once; only its hash is stored.

import { parseArgs } from 'node:util';
import { generateApiKey } from '../auth/apiKeyToken';
import { parseRole, ROLES } from '../model';
import { parseConfig } from '../config';
import { insertApiKey, listApiKeys, revokeApiKey } from '../db/apiKeys';
import { commandActor, openCommandGraph } from './openCommandGraph';
import { runCommand } from './runCommand';

const USAGE = `Usage: npm run keys -- create --name <name> --role <${ROLES.join('|')}>
       npm run keys -- list
       npm run keys -- revoke <key id>`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const [command, argument] = positionals;
  if (values.help || command === undefined || !['create', 'list', 'revoke'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  const role = values.role === undefined ? null : parseRole(values.role);
  if (command === 'create' && (values.name === undefined || values.name.trim() === '' || role === null)) {
    process.stderr.write(
      `create needs --name and --role (one of ${ROLES.join(', ')}), received name ${JSON.stringify(values.name ?? null)}, role ${JSON.stringify(values.role ?? null)}\n`,
    );
    return 2;
  }
  if (command === 'revoke' && argument === undefined) {
    process.stderr.write('revoke needs the key id (npm run keys -- list shows it)\n');
    return 2;
  }
  const actor = commandActor();
  const config = parseConfig(process.env);
  const database = await openCommandGraph(config, config.queryTimeoutMs);
  try {
    if (command === 'create') {
      const generated = generateApiKey();
      const key = await insertApiKey(
        database.db,
        { id: generated.id, name: values.name!.trim(), role: role!, hash: generated.hash },
        actor,
      );
      process.stdout.write(`Created API key ${key.id} "${key.name}" with the role ${key.role}.\n`);
      process.stdout.write(
        `Token (shown once, only its hash is stored; send it as "Authorization: Bearer <token>"):\n${generated.token}\n`,
      );
    } else if (command === 'list') {
      const keys = await listApiKeys(database.db);
      if (keys.length === 0) process.stdout.write('No API keys.\n');
      for (const key of keys) {
        process.stdout.write(
          `${key.id}  ${key.role.padEnd(7)}  ${key.revokedAt === null ? 'valid  ' : 'revoked'}  created ${key.createdAt} by ${key.createdBy}  "${key.name}"\n`,
        );
      }
    } else {
      const key = await revokeApiKey(database.db, argument!, actor);
      if (key === null) {
        process.stderr.write(`No API key has the id "${argument}".\n`);
        return 1;
      }
      process.stdout.write(`Revoked API key ${key.id} "${key.name}" (${key.revokedAt}).\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main, 'npm run keys -- --help shows the usage');
