#!/usr/bin/env -S node --experimental-strip-types --disable-warning=ExperimentalWarning
// The `mpflow` command as a TypeScript file, for the workflows and notes that name this path.
// bin/mpflow.js is the same command and starts about 75 ms sooner (see the comment there).
export {};
await import('../bin/mpflow.js');
