import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { mpflowCacheFolder, writeCacheFile } from '../cache/user-cache.ts';
import { isCalendarDate, isOffsetDateTime, isYearMonth } from './dates.ts';
import { COMMON_SCHEMA, RECORD_SCHEMAS, type RecordKind } from './schemas.ts';

const require = createRequire(import.meta.url);

const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  strictRequired: false,
  verbose: true,
  allowUnionTypes: true,
} as const;

type FormatDefinition =
  | { type: 'string'; validate: ((value: string) => boolean) | RegExp }
  | ((value: string) => boolean)
  | RegExp;

/** The formats the schemas use, defined once for the compiler and for the cached code. */
function formats(): Record<string, FormatDefinition> {
  const { fullFormats } = require('ajv-formats/dist/formats.js') as { fullFormats: Record<string, FormatDefinition> };
  return {
    uri: fullFormats.uri!,
    email: fullFormats.email!,
    'calendar-date': { type: 'string', validate: isCalendarDate },
    'offset-date-time': { type: 'string', validate: isOffsetDateTime },
    'year-month': { type: 'string', validate: isYearMonth },
  };
}

// The cached module names the formats by this id; the loader below hands it the definitions.
const FORMATS_MODULE = 'mpflow:schema-formats';

/**
 * One validator per record kind, compiled by ajv from schemas/.
 *
 * Compiling the 26 schemas took about 0.3 s of every `mpflow check` (more than all the checks of
 * the sample department together). ajv can write the validators out as code ("standalone"); that
 * code is kept in the user's cache folder under a digest of everything it depends on (ajv's
 * version, the options and every schema), so a changed schema or an upgraded ajv is compiled
 * afresh and the file is never stale. Loading the cached code takes about 5 ms. The same code
 * runs whether it came from the cache or was just compiled, so both give the same messages.
 */
export function compileValidators(env: NodeJS.ProcessEnv = process.env): Map<RecordKind, ValidateFunction> {
  const file = compiledValidatorsFile(env);
  let code: string | undefined;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    code = undefined;
  }
  if (code !== undefined) {
    try {
      return instantiate(code);
    } catch {
      // A cache file cut short (a full disk, a killed process on a system without atomic rename) is compiled again.
    }
  }
  code = standaloneValidators();
  // A cache that cannot be written (read-only home, full disk) only costs the next run the compile.
  writeCacheFile(file, code);
  return instantiate(code);
}

/** The cache file compileValidators reads and writes for the current schemas (for tests and `doctor`-style tools). */
export function compiledValidatorsFile(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(mpflowCacheFolder(env), `validators-${validatorsDigest()}.cjs`);
}

function validatorsDigest(): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return createHash('sha256')
    .update(
      JSON.stringify({
        ajvVersion,
        AJV_OPTIONS,
        formats: Object.keys(formats()),
        COMMON_SCHEMA,
        RECORD_SCHEMAS,
        layout: 1,
      }),
    )
    .digest('hex')
    .slice(0, 24);
}

function standaloneValidators(): string {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const { _ } = require('ajv') as typeof import('ajv');
  const standaloneModule = require('ajv/dist/standalone/index.js') as {
    default: (ajv: unknown, refs: Record<string, string>) => string;
  };
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, formats: _`require(${FORMATS_MODULE})` } });
  for (const [name, definition] of Object.entries(formats())) ajv.addFormat(name, definition as never);
  ajv.addSchema(COMMON_SCHEMA);
  const refs: Record<string, string> = {};
  for (const [kind, schema] of Object.entries(RECORD_SCHEMAS)) {
    ajv.addSchema(schema);
    refs[kind] = (schema as { $id: string }).$id;
  }
  return standaloneModule.default(ajv, refs);
}

function instantiate(code: string): Map<RecordKind, ValidateFunction> {
  const module = { exports: {} as Record<string, ValidateFunction> };
  const definitions = formats();
  const load = (id: string): unknown => (id === FORMATS_MODULE ? definitions : require(id));
  // The code is ajv's own output for mpflow's schemas (just compiled, or cached by the digest of its inputs).
  new Function('require', 'module', 'exports', code)(load, module, module.exports);
  return new Map(Object.keys(RECORD_SCHEMAS).map((kind) => [kind as RecordKind, module.exports[kind]!]));
}
