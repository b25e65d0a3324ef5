import { openCheckCache } from '../../src/core/cache/check-cache.ts';
import { checkRepository } from '../../src/core/check/check-repository.ts';
const inner = openCheckCache(process.cwd());
const misses: string[] = [];
const cache = {
  ...inner,
  get<T>(ns: string, key: string) {
    const v = inner.get<T>(ns, key);
    if (v === undefined) misses.push(ns);
    return v;
  },
};
const t = performance.now();
await checkRepository(process.cwd(), { cache });
inner.save();
console.log((performance.now() - t).toFixed(0), 'ms; misses', misses.length, misses.slice(0, 10));
