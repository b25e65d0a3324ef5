import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_TYPES_PATH, generateTypes } from '../../src/core/model/generate-types.ts';
import { RECORD_KINDS } from '../../src/core/model/record-kinds.ts';
import { RECORD_SCHEMAS } from '../../src/core/model/schemas.ts';
import { classifyPath } from '../../src/core/repository/classify-path.ts';
import { validateRecord } from '../../src/core/model/validate-record.ts';
import { FIXTURE_DEPARTMENT, PROJECT_ROOT } from '../helpers/fixture-repository.ts';

describe('the JSON Schemas', () => {
  it('compile under ajv strict mode and describe every property in Chinese and English', async () => {
    for (const kind of Object.keys(RECORD_SCHEMAS) as Array<keyof typeof RECORD_SCHEMAS>) {
      expect(() => validateRecord(kind, {}, 'x', () => ({ start: { line: 1, column: 1 } }))).not.toThrow();
    }
    const missing: string[] = [];
    for (const file of await readdir(path.join(PROJECT_ROOT, 'schemas'))) {
      const schema = JSON.parse(await readFile(path.join(PROJECT_ROOT, 'schemas', file), 'utf8')) as object;
      expect((schema as { $schema: string }).$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      const visit = (node: unknown, where: string) => {
        if (!node || typeof node !== 'object') return;
        const properties =
          (node as { properties?: Record<string, { description?: string; $ref?: string }> }).properties ?? {};
        for (const [name, property] of Object.entries(properties)) {
          const description = property.description;
          if (!property.$ref && (!description || !/[\u4e00-\u9fff]/.test(description) || !/[A-Za-z]/.test(description)))
            missing.push(`${file} ${where}.${name}`);
          visit(property, `${where}.${name}`);
        }
        for (const key of ['items', 'additionalProperties', '$defs']) {
          const child = (node as Record<string, unknown>)[key];
          if (key === '$defs' && child)
            for (const [name, definition] of Object.entries(child as object)) visit(definition, `$defs.${name}`);
          else visit(child, `${where}[]`);
        }
      };
      visit(schema, '');
    }
    expect(missing).toEqual([]);
  });

  it('generate the committed TypeScript types (run `npm run schemas:types` after editing a schema)', async () => {
    const committed = await readFile(path.join(PROJECT_ROOT, GENERATED_TYPES_PATH), 'utf8');
    expect(committed).toBe(await generateTypes(PROJECT_ROOT));
  });

  it('are named in a yaml-language-server comment at the top of every sample YAML file, so editors validate it', async () => {
    const files = (await readdir(FIXTURE_DEPARTMENT, { recursive: true }))
      .map((file) => file.split(path.sep).join('/'))
      .filter((file) => /^(content|appraisals)\/.*\.yaml$/.test(file));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      // Which schema a file has is the record-kind registry's to say (through classifyPath).
      const role = classifyPath(file);
      if (role.role !== 'record') continue;
      const schema = RECORD_KINDS[role.kind].schema.$id;
      const firstLine = (await readFile(path.join(FIXTURE_DEPARTMENT, file), 'utf8')).split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(firstLine);
      expect(match, file).not.toBeNull();
      expect(path.posix.normalize(path.posix.join(path.posix.dirname(file), match![1]!)), file).toBe(
        `schemas/${schema}`,
      );
    }
  });
});
