import { generateRepository } from '../../bench/generate-repository.ts';
const t = performance.now();
await generateRepository(process.cwd(), '/tmp/lead-bench-10k', 10000, { git: true });
console.log('generated in', ((performance.now() - t) / 1000).toFixed(1), 's');
