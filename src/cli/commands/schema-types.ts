import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { GENERATED_TYPES_PATH, generateTypes } from '../../core/model/generate-types.ts';
import { writeFileAtomically } from '../../core/source/write-file-atomically.ts';
import { EXIT, UsageError } from '../errors.ts';
import { resolveRoot } from '../options.ts';
import { defineCommand, flag, commandRunner, value } from '../command.ts';
import { ROOT_OPTION_TEXT } from '../shared-options.ts';

export const SCHEMA_TYPES_COMMAND = defineCommand({
  name: 'schema-types',
  helpParams: () => ({ generatedTypes: GENERATED_TYPES_PATH }),
  options: {
    write: flag(),
    root: value({
      ...ROOT_OPTION_TEXT,
    }),
  },
});

export const runSchemaTypes = commandRunner(SCHEMA_TYPES_COMMAND, async ({ values, say }, context) => {
  // The working directory by default (npm run schemas:types runs at the project root); a given --root must be a folder.
  const root = values.root !== undefined ? resolveRoot(values.root, context) : context.cwd;
  let generated: string;
  try {
    generated = await generateTypes(root);
  } catch (error) {
    // In an install without devDependencies (npm ci --omit=dev) the generator is not there: say so plainly.
    if (
      (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' &&
      /json-schema-to-typescript/.test(String((error as Error).message))
    ) {
      throw new UsageError(say('schema-types.schemaTypesDevelopmentCommand'));
    }
    throw error;
  }
  const target = path.join(root, GENERATED_TYPES_PATH);
  if (values.write) {
    await writeFileAtomically(target, generated);
    context.stdout.write(`${target}\n`);
    return EXIT.clean;
  }
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current === generated) return EXIT.clean;
  context.stderr.write(say('schema-types.outDateSchemasRun', { generatedTypesPath: GENERATED_TYPES_PATH }));
  return EXIT.problems;
});
