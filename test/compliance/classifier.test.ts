import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';
import { classifySentence, contentModel, sentenceFeatures } from '../../src/core/compliance/classifier.ts';
import { buildTextView } from '../../src/core/compliance/text-view.ts';
import { PROJECT_ROOT } from '../helpers/fixture-repository.ts';

// Sentences from the TRAIN split of test/compliance-eval/corpus-real (police notices quoting job-scam
// lures: http://yn88z.rwjlj.cn/cxjs/202107/t20210705_7198192.html, https://ttnews.xyz/a/5c2e2886dc9b5e7e2e3e6f8f).
describe('the sentence classifier', () => {
  it('flags a job-scam lure the word lists miss, on the whole sentence, with the phrases that weighed most', () => {
    const source = '今天说说副业。\n\n只需一部手机,在家即可兼职赚钱\n';
    const findings = lintMarkdown(source, { frontMatter: false }).findings.filter(
      (finding) => finding.ruleId === 'lexicon/model',
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect({ line: finding!.line, column: finding!.column, severity: finding!.severity }).toEqual({
      line: 3,
      column: 1,
      severity: 'warning',
    });
    expect(finding!.matched).toBe('只需一部手机,在家即可兼职赚钱');
    expect(finding!.message.zh).toMatch(/权重最高的短语：“[^”]{2,3}”/);
  });

  it('flags a Traditional-script lure through the normalised view', () => {
    // The police notice's whole sentence as published, read through the engine's view (Simplified, / dropped).
    const published = '您好,因您良好記錄與評價,本店邀請您來工作,有手機便可/無費用,日結150-300,諮詢QQ:280××804.';
    const verdicts = classifySentence(buildTextView(published).text);
    expect(verdicts.map((verdict) => verdict.family)).toContain('lexicon');
  });

  it('leaves a negated or reported sentence to the rules', () => {
    const findings = lintMarkdown('警方提醒：只需一部手机在家即可兼职赚钱的说法都是诈骗。\n', {
      frontMatter: false,
    }).findings.filter((finding) => finding.ruleId.endsWith('/model'));
    expect(findings).toEqual([]);
  });

  it('keeps n-grams inside runs of characters: punctuation and spaces split them, digits collapse to 0', () => {
    expect([...sentenceFeatures('日赚120元,月入', [2])].sort()).toEqual(['0元', '日赚', '月入', '赚0'].sort());
  });

  it('reads the punctuation marks the model lists as features of their own, once each, never inside an n-gram', () => {
    expect([...sentenceFeatures('紧急扩散!!(新华社)', [2], '!()')].sort()).toEqual(
      ['!', '(', ')', '扩散', '急扩', '新华', '紧急', '华社'].sort(),
    );
    expect(contentModel().marks).toContain('“');
  });

  it('was trained on the corpus as it is now: the digest in the model file is the digest of the labelled data', async () => {
    const { trainingData } = await import('../../bench/eval/training-data.ts');
    const data = await trainingData(PROJECT_ROOT);
    // A corpus batch committed without retraining fails here: run node scripts/dev/train-classifier.ts.
    expect(
      contentModel().trainedOn.sha256,
      'content-model.json is stale: run node scripts/dev/train-classifier.ts',
    ).toBe(data.sha256);
    expect(contentModel().trainedOn.sentences).toBe(data.train.length + data.dev.length);
  });

  it('is the model the committed data and trainer give (its digest is recorded in the file)', () => {
    expect(contentModel().trainedOn.sha256).toMatch(/^[0-9a-f]{64}$/);
    // --check exits non-zero when content-model.json differs from what training gives now.
    execFileSync(process.execPath, [path.join(PROJECT_ROOT, 'scripts/dev/train-classifier.ts'), '--check'], {
      cwd: PROJECT_ROOT,
      stdio: 'pipe',
    });
  }, 60_000);
});

describe('the one-pass scorer', () => {
  it('gives the same verdicts, sentence by sentence, as scoring each sentence alone', async () => {
    const { loadRealCorpus } = await import('../../bench/eval/real-corpus.ts');
    const { buildTextView } = await import('../../src/core/compliance/text-view.ts');
    const { classifyText, sentenceSpans } = await import('../../src/core/compliance/classifier.ts');
    const text = buildTextView(
      loadRealCorpus(path.join(PROJECT_ROOT, 'test/compliance-eval/corpus-real'))
        .map((entry) => entry.text)
        .join('\n'),
    ).text;
    const alone = sentenceSpans(text)
      .map(([start, end]) => ({
        start,
        end,
        verdicts: classifySentence(text.slice(start, end), undefined, 'sentence'),
      }))
      .filter((item) => item.verdicts.length > 0);
    const together = classifyText(text).filter((item) => item.scope === 'sentence');
    expect(together.length).toBeGreaterThan(10);
    expect(
      together.map((item) => [
        item.start,
        item.end,
        item.verdicts.map((verdict) => [verdict.family, verdict.score.toFixed(6), verdict.reasons]),
      ]),
    ).toEqual(
      alone.map((item) => [
        item.start,
        item.end,
        item.verdicts.map((verdict) => [verdict.family, verdict.score.toFixed(6), verdict.reasons]),
      ]),
    );
  });
});

describe('the paragraph heads', () => {
  it('judge a whole line with the same n-grams and scores as scoring that line alone, after its sentences', async () => {
    const { loadRealCorpus } = await import('../../bench/eval/real-corpus.ts');
    const { buildTextView } = await import('../../src/core/compliance/text-view.ts');
    const { classifyText, paragraphSpans } = await import('../../src/core/compliance/classifier.ts');
    const text = buildTextView(
      loadRealCorpus(path.join(PROJECT_ROOT, 'test/compliance-eval/corpus-real'))
        .map((entry) => entry.text)
        .join('\n'),
    ).text;
    const alone = paragraphSpans(text)
      .map(([start, end]) => ({
        start,
        end,
        verdicts: classifySentence(text.slice(start, end), undefined, 'paragraph'),
      }))
      .filter((item) => item.verdicts.length > 0);
    const together = classifyText(text).filter((item) => item.scope === 'paragraph');
    expect(together.length).toBeGreaterThan(10);
    const shown = (items: typeof alone) =>
      items.map((item) => [
        item.start,
        item.end,
        item.verdicts.map((verdict) => [verdict.family, verdict.score.toFixed(6), verdict.reasons]),
      ]);
    expect(shown(together)).toEqual(shown(alone));
  });

  it('flags a Weibo rumour whose evidence is spread over its sentences on its whole paragraph, as a lexicon warning', () => {
    // A 2012 rumour of the TRAIN split (CED_Dataset/original-microblog/1066_yBIwohplE_2137665200.json).
    const rumour =
      '【太活跃的鱼千万别买】去菜场买鱼,结果看到惊人一幕,摊贩往大水盆内加入一种白色粉未,迅速用手搅拌,一会功夫白色粉未就溶解了,将半死不活的鱼虾倒入其中,没想到,鱼虾一会儿就活蹦乱跳开,仿佛这些鱼都是才从河中捕回来的.这是一种能够致癌的催化剂，俗称鱼浮灵，也对智力有影响！(关注@成都美食排行榜)';
    const findings = lintMarkdown(`今天看到一条消息。\n\n${rumour}\n`, { frontMatter: false }).findings.filter(
      (finding) => finding.ruleId === 'lexicon/model',
    );
    expect(findings.map((finding) => [finding.line, finding.column, finding.severity, finding.matched])).toEqual([
      [3, 1, 'warning', rumour],
    ]);
  });

  it('leave a paragraph that reports on a rumour alone, though its words score as one', async () => {
    const { buildTextView } = await import('../../src/core/compliance/text-view.ts');
    const report =
      '【太活跃的鱼千万别买】去菜场买鱼,结果看到惊人一幕,摊贩往大水盆内加入一种白色粉未,迅速用手搅拌,一会功夫白色粉未就溶解了,将半死不活的鱼虾倒入其中,没想到,鱼虾一会儿就活蹦乱跳开,仿佛这些鱼都是才从河中捕回来的.这是一种能够致癌的催化剂，俗称鱼浮灵，也对智力有影响！这是谣言。';
    expect(
      classifySentence(buildTextView(report).text, undefined, 'paragraph').map((verdict) => verdict.family),
    ).toEqual(['lexicon:rumour']);
    const findings = lintMarkdown(`${report}\n`, { frontMatter: false }).findings.filter(
      (finding) => finding.ruleId === 'lexicon/model',
    );
    expect(findings).toEqual([]);
  });
});

describe('turning the model off', () => {
  it('silences every model finding when the policy sets the model rules off, and keeps the word rules', () => {
    const source = '只需一部手机,在家即可兼职赚钱\n\n转发到朋友圈领取红包。\n';
    const off = Object.fromEntries(
      ['lexicon', 'medical', 'finance', 'education', 'induce-share', 'induce-follow'].map((family) => [
        `${family}/model`,
        'off' as const,
      ]),
    );
    const findings = lintMarkdown(source, { frontMatter: false, policy: { compliance: { severities: off } } }).findings;
    expect(findings.filter((finding) => finding.ruleId.endsWith('/model'))).toEqual([]);
    expect(findings.some((finding) => finding.ruleId === 'induce-share/reward-for-share')).toBe(true);
  });
});
