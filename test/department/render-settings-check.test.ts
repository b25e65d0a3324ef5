/**
 * `mpflow check` reads the department's render settings as render and publish will: a CSS rule
 * WeChat would not keep is a warning at its line and column in the department's CSS file, and a
 * CSS file that is not there or a code style highlight.js does not ship is an error on the
 * settings line — found before the first render fails or an article quietly looks different.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../src/core/check/check-repository.ts';
import { FixtureRepository, MINIMAL_DEPARTMENT, positionOf } from '../helpers/fixture-repository.ts';

const CSS = `/* 城市书房的文章样式 */
h2 { color: #1f5fa8; border-bottom: 1px solid #1f5fa8; }
p:hover { color: red; }
@media (max-width: 600px) { p { font-size: 15px; } }
blockquote { position: absolute; }
`;

let fixture: FixtureRepository | undefined;
afterEach(async () => {
  await fixture?.dispose();
  fixture = undefined;
});

async function check(render: string, css?: string) {
  fixture = await FixtureRepository.create();
  await fixture.write('content/department.yaml', `${MINIMAL_DEPARTMENT}render:\n${render}`);
  if (css !== undefined) await fixture.write('content/wechat-style.css', css);
  const { problems } = await checkRepository(fixture.root);
  return problems.filter(
    (problem) => problem.ruleId === 'render/department-css' || problem.ruleId === 'department/render-settings',
  );
}

describe('check reads the department render settings', () => {
  it('names each CSS rule WeChat would not keep at its line and column, as warnings', async () => {
    const found = await check('  css: content/wechat-style.css\n', CSS);
    expect(
      found.map((problem) => [problem.file, problem.severity, problem.span.start.line, problem.span.start.column]),
    ).toEqual([
      ['content/wechat-style.css', 'warning', positionOf(CSS, 'p:hover').line, positionOf(CSS, 'p:hover').column],
      ['content/wechat-style.css', 'warning', positionOf(CSS, '@media').line, positionOf(CSS, '@media').column],
      ['content/wechat-style.css', 'warning', positionOf(CSS, 'position').line, positionOf(CSS, 'position').column],
    ]);
    expect(found[1]!.message.zh).toContain('@media');
  });

  it('a CSS file that is not there and an unknown code style are errors on their settings lines', async () => {
    const render = '  css: content/missing.css\n  code:\n    style: solarised-tea\n';
    const found = await check(render);
    const settings = `${MINIMAL_DEPARTMENT}render:\n${render}`;
    expect(found.map((problem) => [problem.file, problem.severity, problem.field, problem.span.start.line])).toEqual([
      ['content/department.yaml', 'error', 'render.css', positionOf(settings, 'content/missing.css').line],
      ['content/department.yaml', 'error', 'render.code.style', positionOf(settings, 'solarised-tea').line],
    ]);
    expect(found[0]!.message.zh).toContain('content/missing.css');
    expect(found[1]!.message.en).toContain('"solarised-tea"');
  });

  it('settings WeChat can use give no finding', async () => {
    expect(
      await check(
        '  css: content/wechat-style.css\n  code:\n    style: vs2015\n    lineNumbers: true\n',
        'h2 { color: #1f5fa8; }\nblockquote p { color: #555555; }\n',
      ),
    ).toEqual([]);
  });
});
