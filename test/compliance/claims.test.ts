import { describe, expect, it } from 'vitest';
import { findingsOf } from './lint-helpers.ts';

/** Each family's case table: sentences that must be flagged with a rule, and look-alikes that must not. */
const TABLES: Record<string, { invalid: Array<[string, string]>; valid: string[] }> = {
  medical: {
    invalid: [
      ['每天一杯苦丁茶，可以降血压、降血糖。', 'medical/treatment-claim'],
      ['坚持喝这款养生茶，能治疗失眠。', 'medical/treatment-claim'],
      ['陈皮白茶能预防感冒，秋冬常备。', 'medical/treatment-claim'],
      ['常喝绿茶防癌抗癌。', 'medical/treatment-claim'],
      ['这款花草茶排毒养颜，女生必备。', 'medical/treatment-claim'],
      ['喝黑茶能增强免疫力。', 'medical/treatment-claim'],
      ['祖传秘方，根治胃病。', 'medical/absolute-efficacy'],
      ['纯天然草本，无副作用。', 'medical/absolute-efficacy'],
      ['药到病除，一喝就灵。', 'medical/absolute-efficacy'],
      ['老茶友反馈，慢性咽炎喝了一个月就治愈了。', 'medical/absolute-efficacy'],
      ['這款茶可以降血壓，根治失眠。', 'medical/treatment-claim'],
      ['这款降压茶三天见效。', 'medical/treatment-claim'],
      ['老茶友说喝了它能洗肺。', 'medical/treatment-claim'],
      ['苦丁茶比降压药还管用。', 'medical/treatment-claim'],
    ],
    valid: [
      '茶是普通食品，不能代替药物治疗疾病。',
      '高血压患者喝浓茶前请咨询医生。',
      '喝茶并不能治愈任何疾病，适量饮用即可。',
      '白茶的萎凋工艺决定了它的风味。',
      '睡前喝浓茶可能影响睡眠，建议下午三点后少喝。',
      '“喝茶能降血压”这类说法没有可靠依据。',
      '茶多酚是茶叶中的一类天然成分。',
      '降压药请遵医嘱服用，不要用茶水送服。',
    ],
  },
  finance: {
    invalid: [
      ['收藏老白茶稳赚不赔，三年翻倍。', 'finance/guaranteed-return'],
      ['本理财产品保本保息，年化 8%。', 'finance/guaranteed-return'],
      ['零风险投资，月月有收益。', 'finance/guaranteed-return'],
      ['投资普洱茶，保证收益。', 'finance/guaranteed-return'],
      ['茶山认筹，收益保底，本金无忧。', 'finance/guaranteed-return'],
      ['收藏普洱穩賺不賠。', 'finance/guaranteed-return'],
      ['加盟我们的茶饮店，保证半年回本。', 'finance/guaranteed-return'],
      ['茶园认购计划无风险，收益有保障。', 'finance/guaranteed-return'],
    ],
    valid: [
      '收藏茶叶有风险，价格可能下跌，请理性消费。',
      '这款产品不保本，投资需谨慎。',
      '老白茶存放得当，风味会慢慢变化。',
      '我们不承诺任何收益。',
      '保存茶叶要避光、防潮、防异味。',
      '开店第一年，我们勉强做到了保本。',
    ],
  },
  education: {
    invalid: [
      ['评茶员培训班包过，不过全额退款。', 'education/guaranteed-result'],
      ['茶艺师考证保证通过。', 'education/guaranteed-result'],
      ['名师押题，考前冲刺。', 'education/guaranteed-result'],
      ['通过率100%，报名从速。', 'education/guaranteed-result'],
      ['保证录取，学费分期。', 'education/guaranteed-result'],
      ['考證班保證通過。', 'education/guaranteed-result'],
      ['三天学会茶艺，学不会免费重学。', 'education/guaranteed-result'],
      ['老师押题准，一次拿证。', 'education/guaranteed-result'],
      ['结业考核通过率高达 98%。', 'education/guaranteed-result'],
    ],
    valid: [
      '培训不保证通过考试，结果取决于个人练习。',
      '课程共 12 课时，由两位高级评茶员授课。',
      '去年有一半学员通过了考核。',
      '报名前请先阅读课程大纲。',
    ],
  },
  'induce-share': {
    invalid: [
      ['转发到朋友圈即可参与抽奖。', 'induce-share/reward-for-share'],
      ['分享到3个微信群，截图领取茶样。', 'induce-share/reward-for-share'],
      ['转发给好友就能免费领茶。', 'induce-share/reward-for-share'],
      ['领取奖品需先转发到朋友圈。', 'induce-share/reward-for-share'],
      ['邀请好友助力，免费领取茶礼。', 'induce-share/reward-for-share'],
      ['集赞38个送茶具一套。', 'induce-share/collect-likes'],
      ['朋友圈点赞数满50即可获得小样。', 'induce-share/collect-likes'],
      ['分享后才能查看答案。', 'induce-share/share-to-unlock'],
      ['查看全文需先转发。', 'induce-share/share-to-unlock'],
      ['不转不是中国人！', 'induce-share/pressure'],
      ['转发这条，一年好运。', 'induce-share/pressure'],
      ['轉發到朋友圈即可領取茶樣。', 'induce-share/reward-for-share'],
      ['帮我砍一刀，免费领茶礼。', 'induce-share/reward-for-share'],
      ['拉 3 位好友进群即送茶样。', 'induce-share/reward-for-share'],
      ['是中国人就转起来！', 'induce-share/pressure'],
    ],
    valid: [
      '参与不需要关注本号，也不需要转发或分享文章。',
      '无需转发到朋友圈即可参与。',
      '觉得有用，欢迎分享给朋友。',
      '在留言区写下答案即可参与抽奖。',
      '转发本文不影响抽奖结果。',
      '我们把茶分享给了身边的朋友。',
      '按平台规范，“转发保平安”属于诱导分享。',
    ],
  },
  'induce-follow': {
    invalid: [
      ['关注后查看全文。', 'induce-follow/follow-to-unlock'],
      ['关注公众号即可阅读完整内容。', 'induce-follow/follow-to-unlock'],
      ['关注即送茶样一份。', 'induce-follow/reward-for-follow'],
      ['关注才能参与抽奖。', 'induce-follow/reward-for-follow'],
      ['领奖须先关注本公众号。', 'induce-follow/reward-for-follow'],
      ['长按识别二维码关注，领取新人礼包。', 'induce-follow/reward-for-follow'],
      ['关注公众号回复“茶”免费领取电子书。', 'induce-follow/reward-for-follow'],
      ['關注後查看全文。', 'induce-follow/follow-to-unlock'],
      ['测评结果需关注后才能查看。', 'induce-follow/follow-to-unlock'],
      ['先关注再抽奖。', 'induce-follow/reward-for-follow'],
      ['未关注的读者不能参与投票。', 'induce-follow/reward-for-follow'],
      ['关注本号，后台回复“茶”领取试饮装。', 'induce-follow/reward-for-follow'],
    ],
    valid: [
      '参与不需要关注本号。',
      '领取同样不需要关注本号。',
      '茶叶的产地值得关注。',
      '我们一直关注茶农的生计。',
      '感谢关注，我们下周再见。',
    ],
  },
  lexicon: {
    invalid: [
      ['卧槽，这茶也太好喝了。', 'lexicon/vulgar'],
      ['震惊！喝茶的人都不知道这件事。', 'lexicon/clickbait'],
      ['99%的人不知道的泡茶秘诀。', 'lexicon/clickbait'],
      ['内部消息：明年茶叶要大涨价。', 'lexicon/rumour'],
      ['紧急扩散，这种茶有毒！', 'lexicon/rumour'],
      ['加微信领取优惠券。', 'lexicon/contact-lure'],
      ['详情加V咨询。', 'lexicon/contact-lure'],
      ['兼职刷单，日赚300元。', 'lexicon/gambling-fraud'],
      ['想要内部价的加微信 abc12345，私聊。', 'lexicon/contact-lure'],
      ['隔夜茶会致癌，千万别再喝了！', 'lexicon/rumour'],
    ],
    valid: [
      '这次的新茶让人惊喜。',
      '本号客服每天 9:00—21:00 在线。',
      '警惕“刷单返利”骗局，不要轻信。',
      '消息称，今年春茶采摘提前。',
    ],
  },
};

for (const [family, table] of Object.entries(TABLES)) {
  describe(`${family} rules`, () => {
    it.each(table.invalid)('flags %s', (sentence, ruleId) => {
      const findings = findingsOf(family, sentence);
      expect(findings.map((finding) => finding.ruleId)).toContain(ruleId);
      for (const finding of findings)
        expect(sentence.slice(finding.column - 1, finding.endColumn - 1)).toBe(finding.matched);
    });
    it.each(table.valid)('leaves alone %s', (sentence) => {
      expect(findingsOf(family, sentence)).toEqual([]);
    });
  });
}
