import type { PhraseEntry } from '../phrases.ts';
import { defineRule } from '../types.ts';

const BASIS = {
  zh: '《中华人民共和国广告法》第九条第三项：广告不得使用“国家级”“最高级”“最佳”等用语。',
  en: 'Advertising Law of the PRC, art. 9(3): advertisements may not use terms such as "national-level", "highest-grade" or "best".',
};

export const RULES = [
  defineRule('ad-law/absolute-term', {
    family: 'ad-law',
    severity: 'error',
    basis: BASIS,
    summary: { zh: '绝对化用语', en: 'Absolute claim' },
    help: {
      zh: '改成可以核实的具体说法，如“今年新茶”“我们常推荐给新茶友”，或写明数据来源与范围。',
      en: 'Say something checkable instead, e.g. "this year\'s new tea", or give the source and scope of the figure.',
    },
  }),
  defineRule('ad-law/national-level', {
    family: 'ad-law',
    severity: 'error',
    basis: BASIS,
    summary: { zh: '“国家级”“世界级”等级用语', en: '"National-level" or "world-class" claim' },
    help: {
      zh: '商品和服务不能自称“国家级”“世界级”；国家级非物质文化遗产、国家级自然保护区等有正式名录的事实可以照写。',
      en: 'Goods may not call themselves national- or world-level; officially listed facts (a national intangible heritage item, a national nature reserve) may be stated.',
    },
  }),
  defineRule('ad-law/state-endorsement', {
    family: 'ad-law',
    severity: 'error',
    basis: {
      zh: '《中华人民共和国广告法》第九条第二项：广告不得使用或者变相使用国家机关、国家机关工作人员的名义或者形象。',
      en: 'Advertising Law of the PRC, art. 9(2): advertisements may not use, openly or in disguise, the name or image of state organs or their staff.',
    },
    summary: { zh: '借用国家机关名义（特供、专供、国宴用茶）', en: 'Use of state organs\' name (special supply, state banquet tea)' },
    help: { zh: '删去“特供”“专供”“国宴指定”等说法，只写产品本身的信息。', en: 'Remove "special supply", "state banquet" and similar; describe the product itself.' },
  }),
];

/**
 * What a shop sells or is: 最好的 + one of these (within a short modifier) is a claim about the
 * goods, while 最好 + a verb (最好提前预热) is advice.
 */
const COMMERCIAL_NOUN = '[\\u4e00-\\u9fff]{0,3}?(?:选择|产品|商品|单品|茶(?!具|杯|壶|碗)|茶叶|品牌|品质|礼物|礼品|礼盒|店|铺|门店|馆|餐厅|服务|口感|味道|原料|工艺|配方|咖啡|拿铁|奶茶|饮品|酒|面|菜|面包|蛋糕|甜品|课程|机构|平台|面霜|精华|护肤品)';
/** Words after 最 that make a commercial claim; 最好 alone ("最好提前预热") is advice, not a claim. */
const SUPERLATIVE = `最(?:佳|优|强|高级|高档|高端|顶级|低价|便宜|优惠|划算|实惠|正宗|纯正|权威|专业|安全|有效|健康|畅销|热销|受欢迎|火爆|值得(?:入手|购买|买|拥有|收藏|推荐)|先进|好喝|(?:好|棒|优秀|专业|正宗|地道|靠谱|好用|好吃)的${COMMERCIAL_NOUN}|大(?:的)?品牌)`;
/** 最佳水温, 最有效的方法: a superlative about a method or a moment is advice, not a product claim. */
const ADVICE = ['最佳赏味期', '最佳饮用期', '最佳饮用时间', '最佳冲泡', '最佳水温', '最佳时间', '最佳时机', '最佳时节', '最佳季节', '最佳温度', '最佳比例', '最佳状态', '最佳位置', '最佳角度', '最佳方式', '最佳方法', '最佳期', '最佳观赏', '最佳采摘', '最有效的方法', '最有效的办法', '最安全的方法', '最安全的办法', '最安全的做法', '最健康的方式', '最健康的喝法', '最专业的建议'];
/** 执法指南 (2023): a business philosophy or aim (我们始终追求做最好的茶) is not a comparative claim. */
const AIM = /目标是|追求|致力于|努力成为|希望成为|立志|愿景|梦想是|争取成为|力争|愿做|想做/;
const SCOPE = '(?:史上|全网|全国|全球|全世界|世界|全市|全省|全城|同城|本地|本市|国内|亚洲|行业|业界|同类|宇宙)';
const FACTS = ['居世界第一', '居世界首位', '居全球第一', '位居世界第一', '世界第一高峰', '世界最高峰', '世界第一大', '世界最大的产茶国', '世界第一产茶国', '世界最大产茶国', '世界最大的茶叶生产国', '世界第一大产茶国', '全球最大的产茶国', '世界第一长河'];

export const PHRASES: PhraseEntry[] = [
  { rule: 'ad-law/absolute-term', pattern: SUPERLATIVE, except: ADVICE, exemptBefore: AIM },
  { rule: 'ad-law/absolute-term', pattern: '顶级(?!域名|联赛|赛事|期刊|会议|学术)|极品|至尊级?|顶尖|无与伦比|举世无双|绝无仅有|史无前例|空前绝后|独一无二的(?:品质|口感|好茶)|极致(?:品质|口感|体验|享受)|王牌产品|领导品牌|领袖品牌|遥遥领先|茶中之王|(?:口感|品质|工艺|颜值)巅峰|巅峰之作|唯一指定|全国唯一|独家指定|指定用茶' },
  // 首选 sells (送礼首选, 首选品牌); 首选项 (a settings page), a committee's 首选方案 or a clinical 首选药物 do not.
  { rule: 'ad-law/absolute-term', pattern: '首选(?!项|方案|的方案|的做法|药|的药|治疗|的治疗|检查|语言|设置|地址)' },
  // A scope (全网, 本地, 业界 …) + a ranking; 第一 + a counter (第一条高铁, 第一季度) is an order, not a rank.
  { rule: 'ad-law/absolute-term', pattern: `${SCOPE}(?:最[\\u4e00-\\u9fff]{1,2}|第一(?![条座次届批季年天章节集期轮个位名])|no\\.? ?1(?![0-9])|top ?1(?![0-9])|之最|领先)`, except: FACTS },
  { rule: 'ad-law/absolute-term', pattern: `${SCOPE}(?:首发|首家|首款|首创)|(?<=[\\u4e00-\\u9fff] ?)(?:no\\.? ?1|top ?1)(?![0-9.])` },
  // 最 + any short adjective + 的 + what is sold (最顺滑的拿铁); size, age, time and liking words are facts or tastes.
  { rule: 'ad-law/absolute-term', pattern: `最(?!喜欢|爱|常|近|早|晚|后|初|新|多|少|大|小|长|短|高|低|老|年轻|冷|热|远)[\\u4e00-\\u9fff]{1,2}的${COMMERCIAL_NOUN}`, negatable: true, exemptBefore: AIM },
  { rule: 'ad-law/absolute-term', pattern: '(?:性价比|销量|口碑|品质|颜值|人气|[\\u4e00-\\u9fff]中)之王|天花板级|(?:[\\u4e00-\\u9fff]界|圈|行业|业界|国货)的?天花板' },
  { rule: 'ad-law/absolute-term', pattern: '王牌(?!对王牌|飞行员|部队|军)|万能(?!钥匙|胶|表|充电|插座|的上帝)|终极(?:解决方案|方案|神器|选择|武器|利器|秘籍|享受|体验|品质)|(?:效果|品质|口感|工艺|配方|技术|体验|设计|味道|服务)[\\u4e00-\\u9fff]{0,2}?独一无二|独一无二的(?:产品|配方|工艺|技术|体验|设计|味道|服务)' },
  { rule: 'ad-law/absolute-term', pattern: '第一(?:品牌|名茶|好茶|品质|选择|口碑)|(?:销量|销售额|排名|品类|口碑|市场占有率) ?(?:全国|全网|行业|遥遥)?(?:第一|领先|冠军|no\\.? ?1(?![0-9])|top ?1(?![0-9]))|(?:no\\.?1|top1)(?:品牌|茶)' },
  { rule: 'ad-law/absolute-term', pattern: '(?:100 ?% ?|百分之百|百分百|十足)(?:有效|纯天然|天然|正品|安全|无添加|好评|满意|放心|正宗|纯正|原产|无农残)|绝对(?:有效|正宗|纯正|安全|放心|天然|无添加|好喝|物超所值)' },
  {
    rule: 'ad-law/national-level',
    pattern: '(?:国家级|世界级|全球级|国际级|宇宙级)',
    except: ['国家级非物质文化遗产', '国家级非遗', '国家级代表性传承人', '国家级传承人', '国家级非物质', '国家级自然保护区', '国家级保护区', '国家级风景名胜区', '国家级森林公园', '国家级地质公园', '国家级重点文物', '国家级文物保护', '国家级重点保护', '国家级贫困县', '国家级新区', '国家级开发区', '国家级高新区', '国家级示范区', '国家级实验室', '国家级重点实验室', '国家级课题', '国家级项目', '国家级期刊', '国家级运动员', '国家级裁判', '国家级荣誉', '国家级奖', '国家级研究中心', '国家级农业文化遗产', '国家级一级', '世界级非物质', '世界级遗产', '世界级文化遗产', '世界级自然遗产', '世界级地质公园'],
  },
  { rule: 'ad-law/state-endorsement', pattern: '国宴(?:专用|特供|指定|用茶|茶)|(?:国家|政府|人民大会堂|中南海|国务院|央视|cctv|部队|军队)(?:专用|特供|指定|推荐|专供)|特供(?:茶|产品|品|酒|专用)?|专供(?:茶|产品|品)|国礼(?:茶|级)' },
];
