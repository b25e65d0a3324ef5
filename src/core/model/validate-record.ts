import type { ErrorObject, ValidateFunction } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import { text, type LocalizedText } from '../i18n/language.ts';
import type { Problem, Span } from '../diagnostics/problem.ts';
import { makeProblem } from '../diagnostics/make-problem.ts';
import type { RuleId } from '../diagnostics/rules.ts';
import { compileValidators } from './compiled-validators.ts';
import { TABLE_KINDS, type RecordKind } from './schemas.ts';
import { judgeDateTime } from './dates.ts';
import type { PathSegment } from '../source/yaml-source.ts';

const TABLE_KINDS_SET: ReadonlySet<RecordKind> = new Set(TABLE_KINDS);

/** Finds where a value (or its key) is in the file the record came from. */
export type Locator = (path: readonly PathSegment[], at?: 'value' | 'key') => Span;

let validators: Map<RecordKind, ValidateFunction> | undefined;

function validatorFor(kind: RecordKind): ValidateFunction {
  validators ??= compileValidators();
  return validators.get(kind)!;
}

export function validateRecord(kind: RecordKind, data: unknown, file: string, locate: Locator): Problem[] {
  const validate = validatorFor(kind);
  if (validate(data)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const error of readAlternativesByKind(validate.errors ?? [])) {
    // `if` only says that a `then` failed; the `then` error itself is reported.
    if (error.keyword === 'if') continue;
    const problem = problemFromError(error, kind, file, locate);
    const key = `${problem.field ?? ''}|${problem.span.start.line}:${problem.span.start.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/**
 * A `oneOf` whose branches each fix `kind` (a KPI's normaliser: linear, lower-is-better, bands) is
 * read as the writer meant it: the branch their kind names reports its own errors, a kind no branch
 * has is one error on `kind` listing the kinds, and a value without a kind is one error saying so.
 * Otherwise every branch's errors were reported: six problems, and ajv's "must match exactly one
 * schema in oneOf", for one typo.
 */
function readAlternativesByKind(errors: ErrorObject[]): ErrorObject[] {
  let result = errors;
  for (const alternatives of errors.filter((error) => error.keyword === 'oneOf')) {
    const kinds = kindsOf(alternatives.schema);
    const value = alternatives.data as { kind?: unknown } | null;
    if (!kinds || typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const prefix = `${alternatives.schemaPath}/`;
    const { instancePath } = alternatives;
    // The same $defs serve every normaliser of a policy: a branch error is this value's when its path is within it.
    const branchOf = (error: ErrorObject) =>
      error.schemaPath.startsWith(prefix) &&
      (error.instancePath === instancePath || error.instancePath.startsWith(`${instancePath}/`))
        ? Number(error.schemaPath.slice(prefix.length).split('/')[0])
        : undefined;
    const hasKind = typeof value.kind === 'string';
    const chosen = hasKind ? kinds.indexOf(value.kind as string) : -1;
    const kept = result.filter((error) => {
      const branch = branchOf(error);
      if (branch !== undefined) return branch === chosen;
      // ajv's "must match exactly one" stays only for a value without a kind (worded in problemFromError).
      return error !== alternatives || !hasKind;
    });
    if (hasKind && chosen === -1) {
      kept.push({
        ...alternatives,
        keyword: 'enum',
        instancePath: `${instancePath}/kind`,
        params: { allowedValues: kinds },
        data: value.kind,
      });
    }
    result = kept;
  }
  return result;
}

/** The kinds of a `oneOf` whose every branch fixes `kind` to a constant; undefined for any other `oneOf`. */
function kindsOf(branches: unknown): string[] | undefined {
  if (!Array.isArray(branches)) return undefined;
  const kinds = branches.map(
    (branch) => (branch as { properties?: { kind?: { const?: unknown } } })?.properties?.kind?.const,
  );
  return kinds.every((kind): kind is string => typeof kind === 'string') ? kinds : undefined;
}

export function pathSegments(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

export function fieldName(path: readonly PathSegment[]): string {
  let name = '';
  for (const segment of path)
    name += typeof segment === 'number' ? `[${segment}]` : name === '' ? segment : `.${segment}`;
  return name;
}

const TYPE_NAMES: Record<string, LocalizedText> = {
  string: text('文本', 'text'),
  number: text('数字', 'a number'),
  integer: text('整数', 'a whole number'),
  boolean: text('布尔值（true 或 false）', 'true or false'),
  array: text('列表', 'a list'),
  object: text('一组字段', 'a mapping of fields'),
  null: text('空值', 'null'),
};

function typeOf(value: unknown): LocalizedText {
  if (value === null || value === undefined) return TYPE_NAMES.null!;
  if (typeof value === 'boolean') return text('布尔值', 'a boolean');
  if (Array.isArray(value)) return TYPE_NAMES.array!;
  if (typeof value === 'number') return Number.isInteger(value) ? TYPE_NAMES.integer! : TYPE_NAMES.number!;
  return TYPE_NAMES[typeof value] ?? text(typeof value, typeof value);
}

/** A value quoted for an English message. */
function show(value: unknown): string {
  const shown = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

/**
 * A value for a Chinese message: text in full-width quotes, which take no spaces around them;
 * numbers and lists with the spaces Chinese text puts around Latin script and digits.
 */
function showZh(value: unknown): string {
  if (typeof value === 'string') return `“${value.length > 57 ? `${value.slice(0, 56)}…` : value}”`;
  return ` ${show(value)} `;
}

function describe(schema: unknown): LocalizedText | undefined {
  const description = (schema as { description?: string } | undefined)?.description;
  if (!description) return undefined;
  const [zh, en] = description.split(' / ');
  return text(zh!.trim(), (en ?? zh!).trim());
}

function problemFromError(error: ErrorObject, kind: RecordKind, file: string, locate: Locator): Problem {
  const path = pathSegments(error.instancePath);
  const field = fieldName(path);
  const here = (): Span => locate(path);
  const wholeRecord =
    kind === 'article'
      ? text('头信息', 'the front matter')
      : TABLE_KINDS_SET.has(kind)
        ? text('这一行', 'the row')
        : text('文件内容', 'the file');
  const fieldLabel = field === '' ? wholeRecord : text(`字段 ${field} `, `field ${field}`);
  const make = (ruleId: RuleId, message: LocalizedText, span: Span = here(), name = field) =>
    makeProblem(file, ruleId, message, span, name || undefined);

  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const full = fieldName([...path, missing]);
      const description = describe(
        (error.parentSchema as { properties?: Record<string, unknown> })?.properties?.[missing],
      );
      const extraZh = description ? `（${description.zh.replace(/。$/, '')}）` : '';
      const extraEn = description ? ` (${description.en.replace(/\.$/, '')})` : '';
      return make(
        'schema/required',
        text(`缺少必填字段 ${full}${extraZh}。`, `Required field ${full} is missing${extraEn}.`),
        locate([...path, missing]),
        full,
      );
    }
    case 'additionalProperties': {
      const unknown = (error.params as { additionalProperty: string }).additionalProperty;
      const full = fieldName([...path, unknown]);
      const allowed = Object.keys((error.parentSchema as { properties?: Record<string, unknown> })?.properties ?? {});
      const guess = allowed.length > 0 ? closest(unknown, allowed) : undefined;
      const suggestion = guess && distance(unknown, guess) <= Math.max(2, Math.floor(guess.length / 3));
      return make(
        'schema/unknown-field',
        text(
          `未知字段 ${full}。${suggestion ? `是不是想写 ${guess}？` : `允许的字段：${allowed.join('、')}。`}`,
          `Unknown field ${full}. ${suggestion ? `Did you mean ${guess}?` : `Allowed fields: ${allowed.join(', ')}.`}`,
        ),
        locate([...path, unknown], 'key'),
        full,
      );
    }
    case 'type': {
      const expected = String((error.params as { type: string }).type)
        .split(',')
        .map((name) => TYPE_NAMES[name] ?? text(name, name));
      const actual = typeOf(error.data);
      const expectedZh = expected.map((item) => item.zh).join('或');
      const expectedEn = expected.map((item) => item.en).join(' or ');
      const subject =
        field === '' ? text(wholeRecord.zh, `${capitalise(wholeRecord.en)} `) : text(`${field} `, `${field} `);
      if (field === '' && (error.data === null || error.data === undefined)) {
        return make(
          'schema/type',
          text('内容是空的，应当是一组字段。', 'The content is empty; a mapping of fields is expected.'),
        );
      }
      return make(
        'schema/type',
        text(
          `${subject.zh}应为${expectedZh}，实际是${actual.zh}${showZh(error.data)}。`,
          `${subject.en}should be ${expectedEn}, not ${actual.en} ${show(error.data)}.`,
        ),
      );
    }
    case 'enum':
    case 'const': {
      const allowed =
        error.keyword === 'enum'
          ? ((error.params as { allowedValues: unknown[] }).allowedValues ?? [])
          : [(error.params as { allowedValue: unknown }).allowedValue];
      const shownAllowed = allowed.map((value) => String(value));
      const guess =
        typeof error.data === 'string' && shownAllowed.length > 0 ? closest(error.data, shownAllowed) : undefined;
      const suggestion = guess && typeof error.data === 'string' && distance(error.data, guess) <= 2;
      return make(
        'schema/enum',
        text(
          `${fieldLabel.zh}的值${showZh(error.data)}不在允许范围内：${shownAllowed.join('、')}。${suggestion ? `是不是想写 ${guess}？` : ''}`,
          `${capitalise(fieldLabel.en)} has ${show(error.data)}; allowed: ${shownAllowed.join(', ')}.${suggestion ? ` Did you mean ${guess}?` : ''}`,
        ),
      );
    }
    case 'format':
      return formatProblem(error, make, fieldLabel);
    case 'pattern': {
      const description = describe(error.parentSchema);
      if (path[path.length - 1] !== undefined && String(error.data).trim() === '') {
        return make(
          'schema/range',
          text(`${fieldLabel.zh}不能为空。`, `${capitalise(fieldLabel.en)} must not be empty.`),
        );
      }
      return make(
        'schema/pattern',
        text(
          `${fieldLabel.zh}的值${showZh(error.data)}格式不对${description ? `：${description.zh.replace(/。$/, '')}` : ''}。`,
          `${capitalise(fieldLabel.en)} has ${show(error.data)}, which is not in the expected form${description ? `: ${description.en.replace(/\.$/, '')}` : ''}.`,
        ),
      );
    }
    case 'minLength':
    case 'maxLength': {
      const limit = (error.params as { limit: number }).limit;
      const length = typeof error.data === 'string' ? [...error.data].length : 0;
      if (error.keyword === 'minLength' && length === 0) {
        return make(
          'schema/range',
          text(`${fieldLabel.zh}不能为空。`, `${capitalise(fieldLabel.en)} must not be empty.`),
        );
      }
      const word = error.keyword === 'minLength' ? text('至少', 'at least') : text('最多', 'at most');
      return make(
        'schema/range',
        text(
          `${fieldLabel.zh}${word.zh} ${limit} 个字符，现在是 ${length} 个。`,
          `${capitalise(fieldLabel.en)} must be ${word.en} ${limit} characters; it has ${length}.`,
        ),
      );
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const { comparison, limit } = error.params as { comparison: string; limit: number };
      return make(
        'schema/range',
        text(
          `${fieldLabel.zh}应 ${comparison} ${limit}，现在是${showZh(error.data)}。`,
          `${capitalise(fieldLabel.en)} must be ${comparison} ${limit}; it is ${show(error.data)}.`,
        ),
      );
    }
    case 'minItems':
    case 'maxItems': {
      const limit = (error.params as { limit: number }).limit;
      const word = error.keyword === 'minItems' ? text('至少', 'at least') : text('最多', 'at most');
      return make(
        'schema/range',
        text(
          `${fieldLabel.zh}${word.zh}要有 ${limit} 项。`,
          `${capitalise(fieldLabel.en)} must have ${word.en} ${limit} items.`,
        ),
      );
    }
    case 'uniqueItems': {
      // ajv names the later copy i and the earlier j; the problem points at the later one, the one to delete.
      const { i, j } = error.params as { i: number; j: number };
      const item = Array.isArray(error.data) ? error.data[i] : undefined;
      const first = Math.min(i, j) + 1;
      const again = Math.max(i, j) + 1;
      return make(
        'schema/unique',
        text(
          `${fieldLabel.zh}中${showZh(item)}出现了两次：第 ${first} 项和第 ${again} 项。`,
          `${capitalise(fieldLabel.en)} has ${show(item)} twice: items ${first} and ${again}.`,
        ),
        locate([...path, i]),
      );
    }
    case 'propertyNames': {
      const name = (error.params as { propertyName: string }).propertyName;
      return make(
        'schema/pattern',
        text(
          `${fieldLabel.zh}中的键${showZh(name)}格式不对。`,
          `${capitalise(fieldLabel.en)} has a key ${show(name)} in the wrong form.`,
        ),
        locate([...path, name], 'key'),
      );
    }
    case 'oneOf':
    case 'anyOf': {
      const description = describe(error.parentSchema);
      const kinds = kindsOf(error.schema);
      const about = description
        ? text(`（${description.zh.replace(/。$/, '')}）`, ` (${description.en.replace(/\.$/, '')})`)
        : text('', '');
      const hint = kinds
        ? text(`：kind 须是 ${kinds.join('、')} 之一`, `: its kind is one of ${kinds.join(', ')}`)
        : text('', '');
      return make(
        'schema/invalid',
        text(
          `${fieldLabel.zh}不符合数据模型允许的任何一种写法${about.zh}${hint.zh}。`,
          `${capitalise(fieldLabel.en)} matches none of the forms the model allows${about.en}${hint.en}.`,
        ),
      );
    }
    default:
      return make(
        'schema/invalid',
        text(
          `${fieldLabel.zh}不符合数据模型（${error.message ?? error.keyword}）。`,
          `${capitalise(fieldLabel.en)} does not match the model (${error.message ?? error.keyword}).`,
        ),
      );
  }
}

function formatProblem(
  error: ErrorObject,
  make: (ruleId: RuleId, message: LocalizedText) => Problem,
  fieldLabel: LocalizedText,
): Problem {
  const format = (error.params as { format: string }).format;
  const value = String(error.data);
  if (format === 'offset-date-time') {
    if (judgeDateTime(value) === 'missing-offset') {
      return make(
        'date/missing-offset',
        text(
          `${fieldLabel.zh}的时间${showZh(value)}没有时区偏移，应写成如 ${value}+08:00。`,
          `${capitalise(fieldLabel.en)} ${show(value)} has no offset; write e.g. ${value}+08:00.`,
        ),
      );
    }
    return make(
      'date/invalid',
      text(
        `${fieldLabel.zh}的值${showZh(value)}不是有效的日期时间（应如 2026-09-02T20:30:00+08:00）。`,
        `${capitalise(fieldLabel.en)} ${show(value)} is not a real date-time (e.g. 2026-09-02T20:30:00+08:00).`,
      ),
    );
  }
  if (format === 'calendar-date') {
    return make(
      'date/invalid',
      text(
        `${fieldLabel.zh}的值${showZh(value)}不是真实存在的日期（格式 YYYY-MM-DD）。`,
        `${capitalise(fieldLabel.en)} ${show(value)} is not a real calendar date (YYYY-MM-DD).`,
      ),
    );
  }
  if (format === 'year-month') {
    return make(
      'date/invalid',
      text(
        `${fieldLabel.zh}的值${showZh(value)}不是有效的月份（格式 YYYY-MM）。`,
        `${capitalise(fieldLabel.en)} ${show(value)} is not a valid month (YYYY-MM).`,
      ),
    );
  }
  // The schemas' one other format is a web address; a person knows that word, not "uri".
  const what =
    format === 'uri'
      ? text(
          '网址（不能有空格，如 https://mp.weixin.qq.com/s/…）',
          'web address (no spaces; e.g. https://mp.weixin.qq.com/s/…)',
        )
      : text(format, format);
  return make(
    'schema/format',
    text(
      `${fieldLabel.zh}的值${showZh(value)}不是有效的${what.zh}。`,
      `${capitalise(fieldLabel.en)} ${show(value)} is not a valid ${what.en}.`,
    ),
  );
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}
