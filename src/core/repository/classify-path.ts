import type { RecordKind, TableKind } from '../model/schemas.ts';

/** What a file in a department repository is, decided by its path alone. */
export type FileRole =
  | { role: 'record'; kind: Exclude<RecordKind, TableKind | 'article'> }
  | { role: 'article'; year: string; folder: string; id: string }
  | { role: 'table'; kind: TableKind; month: string }
  | { role: 'asset' }
  /** An appraisal input committed encrypted (`<name>.yaml.age`): readable only with a reader's identity. */
  | { role: 'sealed'; kind: 'appraisal-rating' | 'appraisal-interview' }
  | { role: 'notes' }
  | { role: 'misplaced-article'; reason: 'folder' | 'name' }
  | { role: 'unknown' };

/** Top-level folders whose every file `mpflow check` understands. */
export const CONTENT_ROOTS = ['content', 'appraisals'] as const;

const ARTICLE_FOLDER = /^content\/articles\/(\d{4})\/(\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)\/(.+)$/;
const TABLE_FOLDERS: Record<string, TableKind> = {
  articles: 'metrics-article-daily',
  followers: 'metrics-followers',
  'followers-cumulative': 'metrics-followers-cumulative',
  support: 'support-conversation',
  'support-users': 'support-user',
  'support-conduct': 'support-conduct',
  audience: 'metrics-audience',
  reads: 'metrics-reads',
  shares: 'metrics-shares',
  'article-totals': 'metrics-article-totals',
  revisions: 'metrics-revision',
};
const ASSET_EXTENSIONS = /\.(jpe?g|png|gif|webp|svg|psd|ai|fig|sketch|pdf)$/i;

export function classifyPath(relativePath: string): FileRole {
  const name = relativePath.slice(relativePath.lastIndexOf('/') + 1);
  if (name === 'README.md' || name === '.gitkeep') return { role: 'notes' };
  // Nearly every file of a large repository is an article's; none of the patterns below matches one.
  if (relativePath.startsWith('content/articles/')) {
    const article = ARTICLE_FOLDER.exec(relativePath);
    if (!article) {
      if (name.endsWith('.md')) return { role: 'misplaced-article', reason: 'folder' };
      return ASSET_EXTENSIONS.test(name) ? { role: 'misplaced-article', reason: 'folder' } : { role: 'unknown' };
    }
    const [, year, folder, rest] = article as unknown as [string, string, string, string];
    if (rest === 'index.md') return { role: 'article', year, folder, id: `${year}-${folder}` };
    if (ASSET_EXTENSIONS.test(rest)) return { role: 'asset' };
    if (rest.endsWith('.md')) return { role: 'notes' };
    return { role: 'unknown' };
  }
  // The review gate's audit log (JSON Lines, appended on merge); read and validated by readReviewAuditLog.
  if (/^content\/reviews\/\d{4}\.jsonl$/.test(relativePath)) return { role: 'notes' };
  if (relativePath === 'content/team.yaml') return { role: 'record', kind: 'team' };
  if (relativePath === 'content/department.yaml') return { role: 'record', kind: 'department' };
  if (/^content\/policy\/[^/]+\.ya?ml$/.test(relativePath)) return { role: 'record', kind: 'policy' };
  if (/^content\/topics\/[^/]+\.ya?ml$/.test(relativePath)) return { role: 'record', kind: 'topic' };
  if (/^content\/campaigns\/[^/]+\.ya?ml$/.test(relativePath)) return { role: 'record', kind: 'campaign' };
  // A campaign's draw: its entries (one table, not split by month) and the result of mpflow draw --write.
  if (/^content\/campaigns\/[^/]+\/entries\.csv$/.test(relativePath))
    return { role: 'table', kind: 'campaign-entries', month: '' };
  if (/^content\/campaigns\/[^/]+\/draw\.ya?ml$/.test(relativePath)) return { role: 'record', kind: 'campaign-draw' };
  if (/^content\/publishing\/[^/]+\.ya?ml$/.test(relativePath)) return { role: 'record', kind: 'publish-record' };
  if (/^content\/training\/plan-\d{4}\.ya?ml$/.test(relativePath)) return { role: 'record', kind: 'training-plan' };
  if (/^content\/training\/records-\d{4}\.ya?ml$/.test(relativePath))
    return { role: 'record', kind: 'training-records' };
  if (/^appraisals\/[^/]+\/[^/]+\/(self|supervisor|peer-[^/]+)\.ya?ml$/.test(relativePath))
    return { role: 'record', kind: 'appraisal-rating' };
  if (/^appraisals\/[^/]+\/[^/]+\/interview\.ya?ml$/.test(relativePath))
    return { role: 'record', kind: 'appraisal-interview' };
  if (/^appraisals\/[^/]+\/[^/]+\/(self|supervisor|peer-[^/]+)\.ya?ml\.age$/.test(relativePath))
    return { role: 'sealed', kind: 'appraisal-rating' };
  if (/^appraisals\/[^/]+\/[^/]+\/interview\.ya?ml\.age$/.test(relativePath))
    return { role: 'sealed', kind: 'appraisal-interview' };
  if (/^appraisals\/[^/]+\/[^/]+\/result\.ya?ml$/.test(relativePath))
    return { role: 'record', kind: 'appraisal-result' };
  if (/^appraisals\/annual\/\d{4}\.ya?ml$/.test(relativePath)) return { role: 'record', kind: 'appraisal-annual' };
  if (/^appraisals\/[^/]+\/finalized\.ya?ml$/.test(relativePath))
    return { role: 'record', kind: 'appraisal-finalization' };
  if (/^appraisals\/[^/]+\/calibrations\.ya?ml$/.test(relativePath))
    return { role: 'record', kind: 'appraisal-calibrations' };

  const metrics = /^content\/metrics\/([^/]+)\/(\d{4}-\d{2})\.csv$/.exec(relativePath);
  if (metrics) {
    const kind = TABLE_FOLDERS[metrics[1]!];
    if (kind) return { role: 'table', kind, month: metrics[2]! };
  }

  if (relativePath.startsWith('content/design/') && ASSET_EXTENSIONS.test(name)) return { role: 'asset' };
  return { role: 'unknown' };
}
