import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { RECORD_KIND_IDS, RECORD_KINDS } from './record-kinds.ts';

export const GENERATED_TYPES_PATH = 'src/core/model/types.generated.ts';

/** TypeScript types generated from `schemas/`, so the model is never written twice. */
export async function generateTypes(repositoryRoot: string): Promise<string> {
  // A development tool (with prettier and lodash behind it): loaded here, never on the CLI's start-up path.
  const { compile } = await import('json-schema-to-typescript');
  const schemasDirectory = path.join(repositoryRoot, 'schemas');
  const parts: string[] = [
    '/* Generated from schemas/*.schema.json by `mpflow schema-types --write`. Do not edit by hand. */',
    '/* eslint-disable */',
  ];
  for (const kind of RECORD_KIND_IDS) {
    const {
      schema: { $id: fileName },
      typeName,
    } = RECORD_KINDS[kind];
    const schema = JSON.parse(await readFile(path.join(schemasDirectory, fileName), 'utf8')) as Record<string, unknown>;
    schema.title = typeName;
    const output = await compile(schema as never, typeName, {
      cwd: schemasDirectory,
      bannerComment: '',
      additionalProperties: false,
      declareExternallyReferenced: true,
      unreachableDefinitions: false,
      format: true,
      ignoreMinAndMaxItems: true,
      style: { singleQuote: true, printWidth: 120 },
    });
    parts.push(output.trim());
  }
  return `${dedupeDeclarations(parts.join('\n\n'))}\n`;
}

/** Shared definitions from common.schema.json are emitted once per schema; keep the first. */
function dedupeDeclarations(source: string): string {
  const blocks = source.split(/\n(?=(?:\/\*\*[\s\S]*?\*\/\n)?export )/);
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const block of blocks) {
    const name = /export (?:type|interface) (\w+)/.exec(block)?.[1];
    if (name) {
      if (seen.has(name)) continue;
      seen.add(name);
    }
    kept.push(block);
  }
  return kept.join('\n');
}
