import module from 'node:module';
module.enableCompileCache?.();
const t0 = performance.now();
await import(process.argv[2]!);
console.log('import', (performance.now() - t0).toFixed(1), 'ms; since process start', performance.now().toFixed(1));
