import type { PhraseEntry } from '../phrases.ts';
import { defineRule } from '../types.ts';

const BASIS = {
  zh: '《中华人民共和国广告法》第十六条、第十七条：除医疗、药品、医疗器械广告外，禁止其他任何广告涉及疾病治疗功能，不得使用医疗用语或者易使推销的商品与药品、医疗器械相混淆的用语；第十六条第一款第二项禁止说明治愈率或者有效率。',
  en: 'Advertising Law of the PRC, arts. 16 and 17: no advertisement other than for medical care, drugs or devices may claim to treat disease or use medical terms that confuse goods with drugs; art. 16(1)(2) bans claims of cure or efficacy rates.',
};

export const RULES = [
  defineRule('medical/treatment-claim', {
    family: 'medical',
    severity: 'error',
    basis: BASIS,
    summary: { zh: '普通食品宣称治疗或预防疾病', en: 'Ordinary food claimed to treat or prevent disease' },
    help: {
      zh: '茶叶是普通食品，不能说能治病、防病或降血压血糖；可以写风味、产地、工艺，涉及健康时只写“适量饮用”并建议遵医嘱。',
      en: 'Tea is an ordinary food: it may not be said to treat or prevent disease or lower blood pressure; describe taste, origin and craft, and for health say "in moderation, follow medical advice".',
    },
  }),
  defineRule('medical/absolute-efficacy', {
    family: 'medical',
    severity: 'error',
    basis: BASIS,
    summary: { zh: '保证疗效、无副作用等医疗断言', en: 'Guaranteed cure or "no side effects"' },
    help: { zh: '删去“根治”“药到病除”“无副作用”等断言；这些话连药品广告也不允许说。', en: 'Remove "cures for good", "no side effects" and the like; not even drug advertising may say them.' },
  }),
];

const DISEASES = '癌症|癌|肿瘤|高血压|糖尿病|高血脂|高尿酸|痛风|失眠|便秘|胃病|胃炎|肝病|脂肪肝|心脏病|冠心病|心脑血管疾病|心血管疾病|心脑血管病|三高|感冒|咽炎|关节炎|骨质疏松|前列腺炎?|疾病|百病|炎症|贫血|抑郁症?|肥胖症|老年痴呆|新冠|流感|咳嗽|哮喘|鼻炎|支气管炎|湿疹|痛经|口腔溃疡|胃溃疡|溃疡|动脉硬化|血栓|乙肝|肝炎|肝损伤|近视|脱发|颈椎病|结石|中风|脑梗|心梗|慢性病|慢性疾病|发烧|发热|焦虑症?';

/** A number of jin or centimetres, in digits or Chinese numerals, with the spacing typesetting adds. */
const AMOUNT = ' ?(?:\\d+(?:\\.\\d+)?|[一二三四五六七八九十两几]+) ?';
export const PHRASES: PhraseEntry[] = [
  { rule: 'medical/treatment-claim', pattern: `(?:治疗|治好|医治|治|调理|缓解|改善|预防|防治|抑制|抗|防|远离|告别)(?:各种|多种|一切)?(?:${DISEASES})`, negatable: true },
  { rule: 'medical/treatment-claim', pattern: `降(?:血压|血糖|血脂|三高|尿酸|胆固醇)|退(?:烧|热)|(?:天然|纯天然|绿色)的?[\\u4e00-\\u9fff]{0,2}(?:退烧|降压|降糖|消炎|止咳|止痛)药|降(?:压|糖|脂)(?!药)|洗(?:黑)?肺|清肺|比[\\u4e00-\\u9fff]{0,4}药还(?:灵|管用|好用|有效|见效|好使|强|厉害)|(?:调节|调理|降低|稳定|平衡)(?:血脂|血压|血糖|尿酸|胆固醇)|(?:修复|保护)(?:肝脏?|胃黏膜|肠道黏膜|肝细胞|受损[\\u4e00-\\u9fff]{0,2})|护肝|(?:减掉|瘦了?|甩掉|减重)${AMOUNT}(?:斤|公斤|kg)|长高${AMOUNT}(?:厘米|公分|cm)|(?:增强|提高|提升)(?:人体)?免疫力|清肠排毒|排毒养颜|排毒|燃脂|溶脂|减肥瘦身|抗衰老|延缓衰老|壮阳|补肾|杀菌消炎|消炎|抗病毒|(?:有|具有)(?:治疗|药用|医疗)(?:作用|效果|功效|价值)|治疗(?:效果|功效)`, negatable: true },
  // The outcome told as a result: 血糖降下来了, 老胃病竟然好了.
  { rule: 'medical/treatment-claim', pattern: `(?:血糖|血压|血脂|尿酸|胆固醇)[\\u4e00-\\u9fff]{0,3}?(?:降下来|降了|恢复正常|正常了)|(?:${DISEASES})[\\u4e00-\\u9fff]{0,4}?(?:好了|就好|就能好|痊愈了?|断根|除根|再没犯)`, negatable: true },
  { rule: 'medical/absolute-efficacy', pattern: '药到病除|(?:显[著着]|明显|神奇|独特|确切|特殊)(?:的)?疗效|有疗效|包治(?:百病)?|根治|治愈|无副作用|零副作用|无毒副作用|没有副作用|一喝就灵|神药|特效药|祖传秘方|疗效显[著着]|神效|奇效|有效率(?:高达|达到?)? ?\\d+ ?%|治愈率|无效退款|(?:\\d+|[一二三四五六七八九十几]+) ?天见效', negatable: true },
];
