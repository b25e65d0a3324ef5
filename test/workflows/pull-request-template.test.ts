import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSignOffs } from '../../src/core/review/sign-off.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';

const template = readFileSync(path.join(PROJECT_ROOT, '.github/pull_request_template.md'), 'utf8');
const [chinese = '', english = ''] = template.split(/\n---\n/);

describe('the pull request template', () => {
  it('is in Chinese first, then English', () => {
    expect(chinese).toContain('## 作者自审清单');
    expect(english).toContain("## Author's self-review checklist");
    expect(template.indexOf('## 作者自审清单')).toBeLessThan(template.indexOf("## Author's self-review checklist"));
  });

  it('holds the policy’s self-review points in both languages, as the same number of checkboxes', () => {
    for (const point of [
      '准确',
      '完整、有逻辑',
      '合法合规',
      '诱导分享',
      '诱导关注',
      '授权',
      '错别字',
      '排版',
      '使用权',
      '保密',
    ])
      expect(chinese).toContain(point);
    for (const point of [
      'Accurate',
      'Complete and logical',
      'Lawful',
      'inducing shares',
      'inducing follows',
      'authorisation',
      'typos',
      'Layout',
      'may use every picture',
      'Confidentiality',
    ])
      expect(english).toContain(point);
    const boxes = (text: string) => text.match(/^- \[ \] /gm)?.length ?? 0;
    expect(boxes(chinese)).toBeGreaterThanOrEqual(12);
    expect(boxes(chinese)).toBe(boxes(english));
  });

  it('shows a sign-off the review gate accepts', () => {
    for (const half of [chinese, english]) {
      const example = /`(\/self-review [0-9a-f]{7})`/.exec(half)?.[1];
      expect(example).toBeDefined();
      expect(parseSignOffs(example!)).toEqual([{ sha: example!.split(' ')[1] }]);
    }
    expect(parseSignOffs('/自审 3f2a9c1')).toEqual([{ sha: '3f2a9c1' }]);
    expect(chinese).toContain('/自审 3f2a9c1');
  });
});
