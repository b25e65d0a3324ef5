import { describe, expect, it } from 'vitest';
import { lintMarkdown } from '../../src/core/compliance/index.ts';

// Case tables for the PATTERN TYPES added so the engine generalises beyond the sentences it was
// tuned on (test/compliance-eval/holdout-2.yaml). Every sentence here is new wording, not a copy
// of an eval sentence: each row exercises a class (a shape of claim), with look-alikes that must
// stay quiet. Bases: 《广告法》第九、十六、十七、二十四、二十五条; 市场监管总局《广告绝对化用语执法指南》
// (2023 年第 6 号公告); 《微信公众平台运营规范》诱导分享/诱导关注; 《微信外部链接内容管理规范》.

const TABLES: Record<string, { invalid: string[]; valid: string[] }> = {
  'ad-law': {
    invalid: [
      '这是我吃过最惊喜的一款蛋糕。', // 最 + evaluative word + 的 + a counter only goods take
      '全店最划算的一盒月饼就是它。',
      '同价位里性价比最高，闭眼入。', // an attribute of the goods ranked top
      '做工最精致的一款紫砂壶。',
      '咖啡界的王者，一口就爱上。', // 王者 of a category
      '这个炭焙工艺全国独有，别家学不来。', // scope + 唯一/独家/独有
      '全市唯一授权的体验店。',
      '论回甘，它无可匹敌。', // unrivalled idioms
      '本地独此一家的手冲。',
      '极致丝滑，入口即化。', // 极致/巅峰/顶配 modifying the goods
      '巅峰口感，一喝难忘。',
      '独家秘方，别处买不到。', // 独家 + what a shop makes
      '销量连续五年稳居第一。', // sales or reputation + a ranking verb
      '销量领跑全国的网红面包。',
      '全球限量首发，仅此一批。',
    ],
    valid: [
      '这是我们本月点得最多的一款饮品。', // self-comparison over a period (执法指南)
      '第三泡口感最好的时候，香气全开。', // a tip about timing
      '泡茶最重要的一件事是温杯。',
      '白茶等级最高的是白毫银针。', // national-standard grades
      '品质最好的茶叶往往在清明前采摘。', // general knowledge, not a product
      '人生中的巅峰时刻。',
      '匠人把每一道工序都做到极致。', // an aim
      '独家专访：一位茶农的二十年。', // news
      '这支球队是联赛中的王者。', // not goods
      '武夷山的风景无人能及吗？也许吧。', // a question
      '国内首家茶叶博物馆于 1991 年开馆。', // a public institution
      '他是全国第一位获得世界咖啡师大赛冠军的中国人。',
      '我国茶叶产量居世界第一。',
      '口感的巅峰在第三泡到第五泡之间。',
      '本月人气最高的文章是《白茶入门》。', // the account's own figures
      '我最喜欢的一款茶是正山小种。',
    ],
  },
  medical: {
    invalid: [
      '每天一杯，轻松缓解肩颈酸痛。', // effect verb + any body part + symptom
      '菊花茶能改善眼部疲劳。',
      '常喝可以疏通血管，老人必备。',
      '哺乳期妈妈喝了下奶快。', // pregnancy, nursing, children
      '喝了三个月，再也不用打胰岛素了。', // the goods replace a medicine
      '专治失眠多梦。', // a drug label's words
      '每天喝两杯，可以根除幽门螺杆菌。', // any effect verb + a broad disease list
      '治好了我多年的老胃病。',
      '对高血压、糖尿病有明显改善作用。', // conditions listed before the claim
      '三个疗程痊愈。', // efficacy promises
      '吃了就见效。',
    ],
    valid: [
      '专治各种不服。',
      '感冒了不用吃药，多喝热水多休息。',
      '医生建议接种疫苗预防流感。', // medical care itself, not goods
      '医生说，缓解眼睛干涩要多休息、少看屏幕。',
      '喝太多浓茶可能会导致胃部不适。',
      '孩子长高主要靠营养和睡眠。',
      '不少人认为菊花茶能治眼睛干涩，其实并没有依据。', // the next clause denies it
      '防止茶叶受潮，要密封保存。',
    ],
  },
  finance: {
    invalid: [
      '认购本计划，年化回报不低于百分之八。',
      '我们保证投资者每年回报 12% 以上。',
      '年化收益 6%，稳稳到手。',
      '零风险高回报的茶园项目。',
      '每月固定返利 2%，到期返还本金。',
      '投资收益稳定可靠，绝不亏本。',
      '每年稳拿 10% 收益。',
    ],
    valid: [
      '存款利率 1.5%，以银行公告为准。',
      '收益和风险是相伴的，年化 5% 的产品也可能亏损。',
      '五分钟就能学会的冲泡法。',
      '没有零风险的投资。',
      '合同到期后返还押金。',
      '永不亏损的投资不存在。',
    ],
  },
  education: {
    invalid: [
      '报我们的班，资格证必过。',
      '考试院老师亲自授课。',
      '真题全命中，考生好评。',
      '跟我们学，等级证书稳拿到。',
      '咖啡师培训，包教包会，包推荐工作。',
      '暑期班，最少提高 20 分。',
      '学员平均提分 100 分。',
      '不通过不收费。',
      '过不了全额退款。',
    ],
    valid: [
      '考试必须带准考证。',
      '考试包括笔试和实操两部分。',
      '老师提醒：考前不要迷信押题，把基础打牢。',
      '篮球投篮命中率很高。',
      '这家的面包会不会太甜？',
      '本课程不承诺通过率。',
      '不过退款需要三个工作日。',
      '茶汤的评分提高 5 分。',
      '不通过审核的文章不能发布。',
    ],
  },
  'induce-share': {
    invalid: [
      '转发到业主群，凭截图领取试饮券。',
      '分享给家人，即可获得一张优惠券。',
      '朋友圈点赞最多的前五名送茶具。',
      '集齐 50 个赞免费领一杯。',
      '叫上好友帮你砍价，0 元带回家。',
      '邀请好友注册，双方各得 10 元。',
      '转发给 3 位好友，立即解锁隐藏款。',
      '看完记得转给家人，转发的人都会健康长寿。',
      '好友点击你的分享链接，你就能获得积分。',
      '不转发就会倒大霉。',
    ],
    valid: [
      '留言点赞前三名送新书一本。',
      '我把照片分享给了家人。',
      '你可以把文章分享给好友，也可以不分享，抽奖与此无关。',
      '家人群里有人转发了一篇养生文章。',
      '邀请朋友参加我们的品鉴会。',
      '点赞、在看、转发，都是对我们最好的支持。',
      '转发给家人前，先核实信息。',
      '茶企发展社群运营，就能带来复购。',
    ],
  },
  'induce-follow': {
    invalid: [
      '关注我们后留言“福利”，小编会把优惠券发给你。',
      '需关注本公众号后才能参加抽奖。',
      '扫码关注，立减 5 元。',
      '星标本号，就能领取福利。',
      '先关注，再留言，才有抽奖资格。',
    ],
    valid: [
      '要关注孩子的睡眠，才能让他长得好。',
      '关注健康，留言分享你的故事。',
      '感谢关注，留言我们都会看。',
      '如果你关注茶叶行情，就会发现今年价格上涨。',
      '把本号设为星标，就不会错过推送。',
      '扫码关注，了解更多茶知识。',
      '关注后你会看到更多原创内容。',
    ],
  },
  lexicon: {
    invalid: [
      '这样吃早餐等于慢性自杀。',
      '九成的人都不知道的泡茶误区。',
      '喝豆浆会导致乳腺癌。',
      '市场上的西瓜都打了针，别买。',
    ],
    valid: [
      '这篇文章在朋友圈刷屏了。',
      '别作死，开车不要看手机。',
      '西瓜打针的说法是谣言。',
      '隔夜茶致癌纯属谣传。',
      '孩子打了针，有点发烧。',
    ],
  },
  typography: {
    invalid: ['Note：this is wrong.'],
    valid: ['联系方式：WeChat：teahouse', '加 vx：abc12345，备注“茶友”。'],
  },
};

function families(text: string): string[] {
  return [...new Set(lintMarkdown(text, { frontMatter: false }).findings.map((finding) => finding.family))];
}

for (const [family, table] of Object.entries(TABLES)) {
  describe(`${family} pattern types`, () => {
    it.each(table.invalid)(`flags %s`, (text) => {
      expect(families(text)).toContain(family);
    });
    it.each(table.valid)(`leaves %s alone`, (text) => {
      expect(families(text)).not.toContain(family);
    });
  });
}
