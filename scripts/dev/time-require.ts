import module, { createRequire } from 'node:module';
module.enableCompileCache?.();
const t0 = performance.now();
if (process.argv[2] === 'require') createRequire(import.meta.url)('../../src/cli/commands/check.ts');
else await import('../../src/cli/commands/check.ts');
console.log(process.argv[2], (performance.now() - t0).toFixed(1), 'ms');
