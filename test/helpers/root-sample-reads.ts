/**
 * Finds the places in a test's source that read the repository's own sample department
 * (content/, appraisals/, sample-keys/ at the repository root) instead of the department the
 * tests own (FIXTURE_DEPARTMENT, test/fixtures/department/). A department deletes the root sample
 * when it adopts mpflow, and its `npm test` must stay green (issue 12), so no test may read it.
 *
 * The scan is textual and errs on the side of naming a line: a test that truly needs the project
 * root (its scripts, schemas, workflows) joins it with those paths, never with the department's.
 */

/** Identifiers and expressions that mean "the repository root" in the tests. */
const ROOT_EXPRESSION = String.raw`(?:\bPROJECT_ROOT\b|(?<![\w.])ROOT\b|process\.cwd\(\)|(?:fileURLToPath\(\s*)?new URL\(\s*['"\x60](?:\.\.\/?)+['"\x60]\s*,\s*import\.meta\.url\s*\)(?:\s*\))?|import\.meta\.dirname\s*,\s*['"\x60](?:\.\.\/?)+['"\x60])`;
const SAMPLE_FOLDER = String.raw`(?:content|appraisals|sample-keys)(?![\w-])`;

interface Rule {
  pattern: RegExp;
  reason: string;
}

const LINE_RULES: Rule[] = [
  // path.join(PROJECT_ROOT, 'content/…'), path.join(ROOT, 'appraisals'), `${PROJECT_ROOT}/content/…`
  {
    pattern: new RegExp(String.raw`${ROOT_EXPRESSION}\s*(?:,\s*['"\x60]|\}\/?)(?:\.\/)?${SAMPLE_FOLDER}`),
    reason: 'joins the repository root with the root sample',
  },
  // new URL('../../content/…', import.meta.url), '../../appraisals/…'
  {
    pattern: new RegExp(String.raw`['"\x60](?:\.\.\/)+${SAMPLE_FOLDER}`),
    reason: 'a relative path up into the root sample',
  },
  // readFile('content/…') with no root: relative to the working directory, which is the repository root under vitest
  {
    pattern: new RegExp(
      String.raw`\b(?:readFile|readFileSync|readdir|readdirSync|existsSync|stat|statSync|cp|cpSync|copyFile|copyFileSync|createReadStream|open)\(\s*['"\x60](?:\.\/)?${SAMPLE_FOLDER}`,
    ),
    reason: 'reads the root sample relative to the working directory',
  },
  // loadRepository(PROJECT_ROOT), checkRepository(ROOT), readReviewAuditLog(process.cwd()), generateRepository(PROJECT_ROOT, …)
  {
    pattern: new RegExp(String.raw`\b\w*(?:Repository|Department|AuditLog|Sample)\w*\(\s*${ROOT_EXPRESSION}`),
    reason: 'loads the repository root as the department',
  },
  // src functions whose department defaults to the project root (or the running package's sample)
  {
    pattern: /\b(?:sampleDepartment|publishingSources|siteRepositoryRoot|repositoryRootForSite|packageRoot)\(\s*\)/,
    reason: 'a call whose department defaults to the repository root',
  },
  // the CLI pointed at the repository root
  {
    pattern: new RegExp(String.raw`['"\x60]--root['"\x60]\s*,\s*${ROOT_EXPRESSION}`),
    reason: 'runs mpflow with --root at the repository root',
  },
];

/** A CLI run (in-process or spawned) whose working directory is the repository root. */
const CLI_CALL = /\brunMpflow\(|\bscripts\/mpflow\.ts\b|\bbin\/mpflow\.js\b/;
const CWD_AT_ROOT = new RegExp(String.raw`\bcwd\s*:\s*(?:[\w.?]+\s*(?:\?\?|\|\|)\s*)?${ROOT_EXPRESSION}`);

/** `const TEAM = 'content/team.yaml'`: names that stand for a path into the department. */
const SAMPLE_PATH_CONSTANT = new RegExp(
  String.raw`\b(?:const|let)\s+(\w+)\s*=\s*['"\x60](?:\.\/)?${SAMPLE_FOLDER}`,
  'g',
);

export interface RootSampleRead {
  line: number;
  text: string;
  reason: string;
}

/** The lines of `source` that read the root sample, 1-based. */
export function rootSampleReads(source: string): RootSampleRead[] {
  const lines = source.split('\n');
  const found: RootSampleRead[] = [];
  const constants = [...source.matchAll(SAMPLE_PATH_CONSTANT)].map((match) => match[1]!);
  const rootJoinedWithConstant = constants.length
    ? new RegExp(String.raw`${ROOT_EXPRESSION}\s*(?:,\s*|\}\/\$\{)(?:${constants.join('|')})\b`)
    : undefined;
  lines.forEach((text, index) => {
    if (/^\s*(?:\/\/|\*|\/\*)/.test(text)) return;
    // A call broken over lines (`path.join(\n  PROJECT_ROOT,\n  'content/…')`) is read with its next lines.
    const joined = [text, ...lines.slice(index + 1, index + 3).map((next) => next.trim())].join(' ');
    const rule =
      LINE_RULES.find(({ pattern }) => pattern.test(text)) ??
      LINE_RULES.find(
        ({ pattern }) => pattern.test(joined) && !pattern.test(lines.slice(index + 1, index + 3).join(' ')),
      );
    if (rule) {
      found.push({ line: index + 1, text: text.trim(), reason: rule.reason });
      return;
    }
    if (rootJoinedWithConstant?.test(text)) {
      found.push({
        line: index + 1,
        text: text.trim(),
        reason: 'joins the repository root with a path into the root sample',
      });
      return;
    }
    // A CLI call spans a few lines at most: its cwd is at the root if the statement says so.
    if (CWD_AT_ROOT.test(text)) {
      let start = index;
      while (start > 0 && index - start < 6 && !/;\s*$/.test(lines[start - 1]!)) start -= 1;
      if (CLI_CALL.test(lines.slice(start, index + 1).join('\n')))
        found.push({ line: index + 1, text: text.trim(), reason: 'runs mpflow in the repository root' });
    }
  });
  return found;
}
