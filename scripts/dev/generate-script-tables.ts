// Regenerates src/core/compliance/chinese-script-tables.generated.ts from opencc-js (run after upgrading it).
import { writeFileSync } from 'node:fs';
import { buildScriptTablesFromOpenCC, scriptTablesModule } from '../../src/core/compliance/chinese-script.ts';

const target = new URL('../../src/core/compliance/chinese-script-tables.generated.ts', import.meta.url);
writeFileSync(target, scriptTablesModule(buildScriptTablesFromOpenCC()));
console.log(target.pathname);
