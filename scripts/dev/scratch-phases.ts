import module from 'node:module';
module.enableCompileCache?.();
const t = () => performance.now();
const a = t();
const { openCheckCache } = await import('../../src/core/cache/check-cache.ts');
const { loadRepository } = await import('../../src/core/repository/load-repository.ts');
const { checkLoadedRepository } = await import('../../src/core/check/check-repository.ts');
const { checkCompliance } = await import('../../src/core/check/check-compliance.ts');
const b = t();
const cache = openCheckCache(process.cwd());
const c = t();
const { repository } = await loadRepository(process.cwd(), { cache });
const d = t();
const problems = checkLoadedRepository(repository, { now: Date.parse('2026-12-03T10:00:00+08:00') });
const e = t();
await checkCompliance(repository, { cache });
const f = t();
cache.save();
const g = t();
console.log(
  `start ${a.toFixed(0)} import ${(b - a).toFixed(0)} cache ${(c - b).toFixed(0)} load ${(d - c).toFixed(0)} checks ${(e - d).toFixed(0)} compliance ${(f - e).toFixed(0)} save ${(g - f).toFixed(0)} problems ${problems.length}`,
);
