import { BLOCKQUOTE, EXCLUDED, QUOTED } from '../markdown-scan.ts';
import type { LintDocument, RawFinding } from '../document.ts';
import { FAMILY_REGISTRY } from '../registry.ts';
import type { ComplianceRuleId } from '../types.ts';

/**
 * The classifier's findings: one rule per modelled family (`<family>/model`, defined by the
 * registry), a warning, placed on the whole sentence (the whole paragraph for a paragraph head:
 * rumours), with the phrases that weighed most as the reason. A sentence where a rule of the same family already fired gets no model finding: the
 * rule's position is sharper.
 */
const READS = new Map(
  FAMILY_REGISTRY.filter((entry) => entry.model).map((entry) => [entry.family as string, entry.model!]),
);

/**
 * Cues that the sentence does not assert what its words say: negation (不用, 无需, 并非), a prize
 * decoupled from sharing (与此无关), an attribution or a report (指出, 规定, 被评为, 属于…用语,
 * 查处, 罚款), a debunking (谣言, 不实, 辟谣).
 */
const NOT_ASSERTED =
  /不保证|不承诺|不代表|不具备|并无|不用|无需|无须|不需|不必|并非|并不|并无|没有|不会|不能|不得|不可|禁止|严禁|切勿|谨防|警惕|与此无关|无关|不影响|指出|规定|表示|提醒|评为|称为|属于|用语|字样|违法|违规|违反|查处|罚款|罚鍰|处罚|裁罚|立案|谣言|谣传|不实|辟谣|骗局|诈骗|真相/;

/**
 * A paragraph judged as a whole (a rumour) is left alone only when it reports on rumours or their
 * punishment: the sentence cues above (不能, 没有, 提醒…) are as common in rumours as in their
 * debunking (千万不能吃, 请提醒家人), and on the dev split dropping them cost rumours and saved no clean text.
 */
const DEBUNKED = /辟谣|谣言|谣传|不实|真相|查处|罚款|处罚/;

type Classifier = typeof import('../classifier.ts');

/** The sentences of the body, title and digest the model judges, and what it finds there. */
export function checkModel(
  document: LintDocument,
  already: readonly RawFinding[],
  classifier: Classifier,
  report: (finding: RawFinding) => void,
): void {
  const segments = [
    ...(document.body ? [document.body] : []),
    ...document.fields.filter((field) => field.name === 'title' || field.name === 'digest'),
  ];
  for (const segment of segments) {
    const view = segment.view();
    // One pass scores every sentence; only those that reach a threshold are looked at further.
    for (const { start: from, end: to, scope, verdicts } of classifier.classifyText(view.text)) {
      let start = from;
      while (start < to && /\s/.test(view.text[start]!)) start += 1;
      if (to - start < 4) continue;
      const originStart = view.origin[start]!;
      const originEnd = view.origin[to - 1]! + 1;
      // Quoted, blockquoted or excluded text is someone else's (a debunking quotes the rumour).
      let foreign = 0;
      for (let index = originStart; index < originEnd; index += 1)
        if ((segment.flags[index]! & (EXCLUDED | BLOCKQUOTE | QUOTED)) !== 0) foreign += 1;
      if (foreign * 2 > originEnd - originStart) continue;
      // The model has no sense of scope: a negated, decoupled or attributed sentence is left to the rules.
      const judged = view.text.slice(start, to);
      if ((scope === 'sentence' ? NOT_ASSERTED : DEBUNKED).test(judged)) continue;
      for (const head of verdicts) {
        // A head `family:label` (lexicon:rumour) speaks for its family.
        const verdict = { ...head, family: head.family.split(':')[0]! };
        const ruled = already.some(
          (finding) =>
            finding.segment === segment &&
            finding.ruleId.startsWith(`${verdict.family}/`) &&
            finding.start < originEnd &&
            finding.end > originStart,
        );
        if (ruled) continue;
        const summary = READS.get(verdict.family);
        if (!summary) continue;
        const phrases = verdict.reasons.map((reason) => `“${reason}”`).join('');
        report({
          ruleId: `${verdict.family}/model` as ComplianceRuleId,
          segment,
          start: originStart,
          end: originEnd,
          message: {
            zh: `模型判断此句${summary.zh}（权重最高的短语：${phrases}）。`,
            en: `The model reads this sentence as ${summary.en} (phrases that weighed most: ${verdict.reasons.map((reason) => `"${reason}"`).join(', ')}).`,
          },
        });
      }
    }
  }
}
