import path from 'node:path';
import { timeAstroBuild } from '/work/main/bench/site-build.ts';
const root = '/work/main';
const r = await timeAstroBuild(root, '/tmp/mpflow-dist-2000', { MPFLOW_REPOSITORY: '/tmp/mpflow-site-2000' });
console.log('mpflow', r);
const b = await timeAstroBuild(path.join(root, 'bench/.generated/bare-astro'), '/tmp/mpflow-dist-bare');
console.log('bare', b);
