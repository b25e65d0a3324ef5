export { collections } from 'mpflow/astro/content';
