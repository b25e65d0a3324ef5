import common from '../../../schemas/common.schema.json' with { type: 'json' };
import { RECORD_KIND_IDS, RECORD_KINDS, type RecordKind, type TableKind } from './record-kinds.ts';

export { TABLE_KINDS, type RecordKind, type TableKind } from './record-kinds.ts';

/**
 * The JSON Schema of each record kind (from the one list, `record-kinds.ts`). The schemas in
 * `schemas/` are the single source of truth: the checker validates with them, editors load them
 * through `$schema` comments, and `src/core/model/types.generated.ts` is generated from them.
 */
export const RECORD_SCHEMAS = Object.fromEntries(
  RECORD_KIND_IDS.map((kind) => [kind, RECORD_KINDS[kind].schema]),
) as unknown as { readonly [K in RecordKind]: (typeof RECORD_KINDS)[K]['schema'] };

/** Definitions the record schemas share (`$ref: common.schema.json#/$defs/…`); not a record kind. */
export const COMMON_SCHEMA = common;

/** Column order of a CSV kind: the order of its schema's properties. */
export function tableColumns(kind: TableKind): string[] {
  return Object.keys(RECORD_KINDS[kind].schema.properties);
}
