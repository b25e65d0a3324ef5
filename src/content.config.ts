// The collections a department's site has (src/astro/content.ts); a department's own
// src/content.config.ts is the same line with 'mpflow/astro/content'.
export { collections } from './astro/content.ts';
