import module from 'node:module';
module.enableCompileCache?.();
const t0 = performance.now();
const { checkRepository } = await import('../../src/core/check/check-repository.ts');
const t1 = performance.now();
for (let i = 0; i < 4; i++) {
  const s = performance.now();
  const r = await checkRepository(process.cwd());
  console.log(`run ${i}: ${(performance.now() - s).toFixed(0)} ms`, Array.isArray(r) ? r.length : Object.keys(r));
}
console.log(`import ${(t1 - t0).toFixed(0)} ms, process start→import ${t0.toFixed(0)} ms`);
