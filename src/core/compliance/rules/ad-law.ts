import type { PhraseEntry } from '../phrases.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import { reportedByEnforcement } from '../register.ts';
import table from './ad-law.rules.json' with { type: 'json' };

/**
 * What a shop sells or is: 最好的 + one of these (within a short modifier) is a claim about the
 * goods, while 最好 + a verb (最好提前预热) is advice. 最好的地方 sells a place only in a seller's sentence (是您成就
 * 梦想最好的地方); told of the world (家是世界上最好的地方) it is a fact's head (register.ts FACT_HEAD).
 */
const COMMERCIAL_NOUN =
  '[\\u4e00-\\u9fff]{0,3}?(?:选择|产品|商品|单品|茶(?!具|杯|壶|碗)|茶叶|品牌|品质|礼物|礼品|礼盒|店|铺|门店|馆|餐厅|服务|口感|味道|原料|工艺|配方|咖啡|拿铁|奶茶|饮品|酒|面(?<![一方层表全正反侧局]面)|菜|面包|蛋糕|甜品|课程|师资|教学|机构|平台|面霜|精华|护肤品|地方)';
/**
 * Whose best it is when not the reader's as a buyer: a third person's or life's (是他最好的选择,
 * 人生最好的礼物) is a story or a wish, not an offer.
 */
const NOT_A_BUYERS = '(?<!他|她|ta|它|他们|她们|人生|生命|一生|上天|老天|上帝|岁月|时光)';
/** 最安全最信任的人: a superlative whose head is a person is a feeling about someone, not a product claim. */
const NOT_OF_PEOPLE = '(?![\\u4e00-\\u9fff]{0,6}?的(?:人|那个人|朋友|家人|亲人|伴侣))';
/** Words after 最 that make a commercial claim; 最好 alone ("最好提前预热") is advice, not a claim. */
const SUPERLATIVE = `最(?:奢华|豪华|舒适|完美|尊贵|齐全|精准|超值|低廉|佳|优(?!秀|美|先|化|雅|异)|强(?!劲|烈|大|壮|势|悍|项)|高级|高档|高端|顶级|低价|平价|便宜|优惠|划算|实惠|正宗|纯正|权威|专业|安全|有效|健康|畅销|热销|受欢迎|火爆|值得(?:入手|购买|买|拥有|收藏|推荐)|先进|好喝|(?:好|棒|优秀|专业|正宗|地道|靠谱|好用|好吃)的${COMMERCIAL_NOUN}|大(?:的)?(?:品牌|优惠|折扣|让利|力度))`;
/** 最差的选择, 最烂的一面: nobody sells by dispraise, so these are opinions, not claims. */
const DISPRAISE = '差|烂|坏|糟|难|丑|惨|蠢|傻|贵|累|苦';
/** 最佳水温, 最有效的方法: a superlative about a method or a moment is advice, not a product claim. */
const ADVICE = [
  '此日期前最佳',
  '日期前最佳',
  '最佳食用',
  '最佳赏味期',
  '最佳饮用期',
  '最佳饮用时间',
  '最佳冲泡',
  '最佳水温',
  '最佳时间',
  '最佳时机',
  '最佳时节',
  '最佳季节',
  '最佳温度',
  '最佳比例',
  '最佳状态',
  '最佳位置',
  '最佳角度',
  '最佳方式',
  '最佳方法',
  '最佳期',
  '最佳观赏',
  '最佳采摘',
  '最有效的方法',
  '最有效的办法',
  '最安全的方法',
  '最安全的办法',
  '最安全的做法',
  '最健康的方式',
  '最健康的喝法',
  '最专业的建议',
  '最佳第六人',
  '最佳新秀',
  '最佳阵容',
  '最佳球员',
  '最佳防守',
  '最佳男主角',
  '最佳女主角',
  '最佳男演员',
  '最佳女演员',
  '最佳导演',
  '最佳影片',
  '最佳编剧',
  '最佳作词',
  '最佳作曲',
  '最佳专辑',
  '最佳歌手',
  '最佳新人',
  '最佳组合',
  '最佳一对',
  '最佳拍档',
  '最佳搭档',
  '最佳cp',
];
/** 极品 said of a person is slang for an oddball (我的前任是极品, 极品亲戚), not a grade of goods. */
const PERSON_IS =
  '(?<!(?:前任|前男友|前女友|男友|女友|老公|老婆|同事|室友|亲戚|老板|领导|婆婆|这人|此人|对象|网友)是?)';
const NOT_OF_A_PERSON = '(?!男|女|前任|亲戚|同事|室友|老板|婆婆|老公|老婆|网友|人(?!参))';
/** 执法指南 (2023): a business philosophy or aim (我们始终追求做最好的茶) is not a comparative claim. */
const AIM = /目标是|追求|致力于|努力成为|希望成为|立志|愿景|梦想是|争取成为|力争|愿做|想做/;
/**
 * 执法指南 (2023): a shop comparing its own goods over a stated period (我们今年卖得最好的一款,
 * 本店这个月点得最多的) is a self-comparison, not a claim against competitors.
 */
const SELF_COMPARISON =
  /(?:今年|去年|本月|上月|这个月|上个月|本周|这周|这季|本季|店里|店内|本店|我们店|我家)[\u4e00-\u9fff]{0,6}?(?:卖|销|点|买|订|回购)得$/;
/** Later in the clause, a stated regularity (品质最好的茶叶往往在清明前采摘) makes it knowledge, not an offer. */
const GENERAL_KNOWLEDGE = '(?![^。！？，\\n]{0,12}?(?:往往|通常|一般都?|大多|多半|大都|普遍))';
/**
 * A superlative said of where to put oneself or a thing (地震躲在“生命三角”最安全, 茶叶放在阴凉处最好)
 * ranks a way to act: advice, not a claim about goods. The clause before it ends in verb + 在 + a place.
 */
const WHERE_TO_ACT = /(?:躲|藏|放|摆|待|呆|站|坐|蹲|住|存|存放|储存|保存|放置)在[^,，。!?！？;；\n]{0,12}$/;
const NOT_A_CLAIM = new RegExp(`${AIM.source}|${SELF_COMPARISON.source}|${WHERE_TO_ACT.source}`);
/** What is measured about goods (档次, 性价比 …): attribute + 最 + 高/好 is a ranking of the goods. */
const ATTRIBUTE = '(?:档次|品质|质量|口感|性价比|颜值|人气|销量|口碑|品相|做工|用料|回购率|好评率|复购率)';
/** Words that say nobody equals the goods: a comparison with every competitor (第九条 “最高级”). */
/** What is praised about goods: a superlative modifier next to one of these is a product claim. */
const QUALITY = '(?:口感|品质|工艺|体验|享受|风味|香气|滋味|品相|颜值|做工|味道|之作|性能|配方)';
/** The kind of goods a 王者 claim ranks (茶中的王者, 咖啡界的霸主); 联赛中的王者 is sport, not goods. */
const GOODS_KIND = '(?:茶|酒|咖啡|饮品|果|货|菜|面|点心|糕点|米|油|瓷|壶|器|品|香|奶|糖|零食|食|药材)';
/**
 * A public institution or a listed site after 全国唯一/国内首家 (国内首家茶叶博物馆, 全国唯一的茶学博士点)
 * makes it a fact about the country, not a claim about goods.
 */
const PUBLIC_FACT =
  '(?![^。！？，\\n]{0,10}?(?:博物馆|纪念馆|图书馆|展览馆|遗址|保护区|大学|学院|博士点|硕士点|学科|研究所|研究院|实验室|公园|景区|世界遗产|名录|古村落|古镇))';
const UNRIVALLED =
  '无人能及|无人能比|无人可及|无可比拟|无出其右|无可匹敌|无可替代|难以超越|无法超越|无人超越|独占鳌头|登峰造极|独此一家|独一家|仅此一家|别无分号|别家没有|独步天下|冠绝[\u4e00-\u9fff]{1,2}|傲视群雄|秒杀(?:一切|所有|同类|全场)';
/**
 * Where a ranking claims to hold; 全台/全港/全澳 and 市场上 are how Taiwan and Hong Kong ads say it (全台唯一, 市場上唯一),
 * 天下 how a tea's or a wine's does (天下第一茶), a continent how an import's does (欧洲第一、世界第二).
 */
const SCOPE =
  '(?:史上|全网|全国|全球|全世界|世界|全市|全省|全城|同城|本地|本市|国内|亚洲|欧洲|全欧|北美|全美|行业|业界|同类|宇宙|全台|全港|全澳|全岛|市场上|城央|香港|台湾|澳门|天下)';
const FACTS = [
  '居世界第一',
  '居世界首位',
  '居全球第一',
  '位居世界第一',
  '世界第一高峰',
  '世界最高峰',
  '世界第一大',
  '全球第一大',
  '世界最大的产茶国',
  '世界第一产茶国',
  '世界最大产茶国',
  '世界最大的茶叶生产国',
  '世界第一大产茶国',
  '全球最大的产茶国',
  '世界第一长河',
];

/**
 * Entries of one rule and the same flags are joined into one where a family would pass 32: up to 32 entries each run
 * as their own expression, and past it the family falls back to one long alternation, several times slower on an
 * article (phrases.ts SEPARATE_UP_TO). Each comment above an entry names the forms among its alternatives.
 */
const ENTRIES: PhraseEntry[] = [
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `${NOT_A_BUYERS}(?:${SUPERLATIVE})${GENERAL_KNOWLEDGE}${NOT_OF_PEOPLE}`,
    except: ADVICE,
    exemptBefore: NOT_A_CLAIM,
  },
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    wordStart: true,
    pattern: `顶级(?!域名|联赛|赛事|期刊|会议|学术|球员|球星|中锋|前锋|后卫|门将|选手|运动员|强队|豪门|教练|学府|黑客)|${PERSON_IS}极品${NOT_OF_A_PERSON}|(?<!武林|为老|九五之)至尊级?|顶尖|无与伦比|举世无双|绝无仅有|史无前例|空前绝后|独一无二的(?:品质|口感|好茶)|极致(?:品质|口感|体验|享受)|王牌产品|领导品牌|领袖品牌|遥遥领先|茶中之王|(?:口感|品质|工艺|颜值)巅峰|巅峰之作|唯一指定|独家指定|指定用茶`,
  },
  // 首选 sells (送礼首选, 首选品牌); 首选项 (a settings page), a committee's 首选方案 or a clinical 首选药物 do not.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `首选(?!项|方案|的方案|的做法|药|的药|治疗|的治疗|检查|语言|设置|地址)`,
  },
  // A scope (全网, 本地, 业界 …) + a ranking; 第一 + a counter (第一条高铁, 第一季度) is an order, not a rank, and
  // 最新, 最早, 最后 rank by time (全球最新网络攻击技术), as in the first entry, and nobody sells by the harshest or the
  // worst (史上最严国考, 世界上最穷的国家).
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    wordStart: true,
    pattern: `${SCOPE}(?:最(?!新|近|早|晚|后|初|严|穷|${DISPRAISE})[\\u4e00-\\u9fff]{1,2}|第(?:一|1(?![0-9.]))(?![条座次届批季年天章节集期轮个位名])|no\\.? ?1(?![0-9])|top ?1(?![0-9])|之最|领先)`,
    except: FACTS,
  },
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    negatable: true,
    wordStart: true,
    pattern: `${SCOPE}(?:(?:(?:限量)?(?:首发|首家|首间|首款|首创|首个|首推)|唯一|独家|独有|仅有|独创)${PUBLIC_FACT}|无敌)|唯一(?:的)?(?:指定|授权|认证|正宗|正品|品牌|官方|供应商|产地|合作)|(?<=[\\u4e00-\\u9fff] ?)(?:no\\.? ?1|top ?1)(?![0-9.])`,
  },
  // 最 + any short adjective + 的 + what is sold (最顺滑的拿铁); size, age, time and liking words are facts or tastes.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `${NOT_A_BUYERS}最(?!喜欢|爱|常|近|早|晚|后|初|新|多|少|大|小|长|短|高|低|老|年轻|冷|热|远|${DISPRAISE})[\\u4e00-\\u9fff]{1,2}的${COMMERCIAL_NOUN}${GENERAL_KNOWLEDGE}`,
    negatable: true,
    exemptBefore: NOT_A_CLAIM,
  },
  // 最 + an evaluative word + 的 + 一款/这款 (a counter that only goods take): 我喝过最惊艳的一款肉桂.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `最(?!喜欢|爱|常|近|早|晚|后|初|新|多|少|大|小|长|短|老|年轻|冷|热|远|怕|容易|难|重要|基本|关键|简单|普通|主要|常见|典型|基础|传统|需要|应该)[\\u4e00-\\u9fff]{1,3}的(?:一|这|那)?(?:款|盒|罐|饼|瓶|家店|个品牌)`,
    negatable: true,
    exemptBefore: NOT_A_CLAIM,
  },
  // An attribute of the goods ranked top: 档次最高的礼盒, 性价比最高, 口碑最好 — but not 口感最好的时候 (advice on timing);
  // the price ranked lowest (有史以来折扣最低, 价格全城最低), not a price's floor stated as a figure (价格最低达3元).
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `${ATTRIBUTE}(?:最|第一)(?:高|好|优|强|佳|棒|足|全|出众|出色|突出)(?!的(?:时候|时间|时节|季节|阶段|温度|水温|方法|办法|做法|一泡|几泡|那几泡|是|文章|推文|一篇|内容|话题|留言|评论|帖子))${GENERAL_KNOWLEDGE}|(?:折扣|价格|售价|报价|价钱)(?:最|全网最|全城最)(?:低|优惠|实惠|划算)(?![达为至到仅只]|\\d)`,
    negatable: true,
    exemptBefore: NOT_A_CLAIM,
  },
  { rule: 'ad-law/absolute-term', rankingClaim: true, pattern: `(?:${UNRIVALLED})(?![吗呢么?？])`, negatable: true },
  // 极致/巅峰/顶配 as a modifier of the goods (极致丝滑, 巅峰口感, 顶配原料); 做到极致, 追求极致 are aims.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `(?<!做到|到了|达到|追求|推向|发挥到|做到了)极致(?:的)?[\\u4e00-\\u9fff]|巅峰(?:的)?${QUALITY}|${QUALITY}巅峰|顶配|顶奢`,
    negatable: true,
    exemptBefore: NOT_A_CLAIM,
  },
  // Sales or reputation + a ranking verb (销量稳居第一, 口碑领跑全国, 连续五年蝉联冠军); anchored on the rare verb,
  // the noun checked behind it (品质 and 口碑 run through every tea article).
  // 第九条（三）“最高级”“最佳”等用语 in the forms the 2023 执法指南 lists beside 最: 最具 + a merit of the goods (最具性价比,
  // 最具投资价值), a lead over every rival (领先同行, 国际领先的工艺); 最具影响力的人物 ranks a person, as FACT_HEAD reads it.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    negatable: true,
    pattern: `(?:稳居|位居|雄踞|蝉联|独占|领跑|称霸|问鼎|高居|稳坐|常年|始终)(?<=(?:销量|销售额|销售|口碑|品质|市场份额|占有率|人气|好评率?|回购率)[\\u4e00-\\u9fff]{0,6}?(?:稳居|位居|雄踞|蝉联|独占|领跑|称霸|问鼎|高居|稳坐|常年|始终))${SCOPE}?(?:第一|榜首|冠军|首位|龙头|头把交椅|no\\.? ?1(?![0-9]))|(?:领跑|称霸|雄踞|问鼎|碾压)(?<=(?:销量|销售额|口碑|品质|人气)[\\u4e00-\\u9fff]{0,4}?(?:领跑|称霸|雄踞|问鼎|碾压))${SCOPE}?|最具(?:性价比|价值|投资价值|升值潜力|收藏价值|实力|人气|口碑|竞争力|特色|品味)|领先(?:同行|同业|业界|同类产品|竞品)|(?:国际|国内)领先(?:的)?[\\u4e00-\\u9fff]{0,2}?(?:技术|工艺|品质|配方|设备|产品)`,
  },
  // 独家 + what a shop makes or sells (独家秘方); 独家专访/独家报道 are news.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: '独家(?:秘方|配方|工艺|技术|专利|研发|秘制|秘法|代理|授权|供应|窖藏|拼配|原料|茶园|产区)',
    negatable: true,
  },
  // 王者 of a category (茶中的王者, 行业王者); a scope + 唯一/独家 (全国独一家, 全网独家) is in the scope entry above.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `${GOODS_KIND}(?:中|界|圈)的?(?:王者|霸主|之王|翘楚)|(?:行业|品类|业界|同类)(?:王者|霸主|标杆|翘楚)|王者(?:品质|风范|之选|级)`,
    negatable: true,
  },
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern:
      '(?:性价比|销量|口碑|品质|颜值|人气|[\\u4e00-\\u9fff]中)之王|天花板级|(?:[\\u4e00-\\u9fff]界|圈|行业|业界|国货)的?天花板',
  },
  // 万能 and 绝对安全 are denied as often as claimed (钱虽然不是万能的, 任何措施都不是绝对安全可靠), so these two are negatable.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    negatable: true,
    pattern:
      '(?<!对)王牌(?!对王牌|队长|飞行员|部队|军|主播|主持|记者|巫师|节目|栏目|球员|选手|投手|特工|间谍)|万能(?!钥匙|胶|表|充电|插座|的上帝)|终极(?:解决方案|方案|神器|选择|武器|利器|秘籍|享受|体验|品质)|(?:效果|品质|口感|工艺|配方|技术|体验|设计|味道|服务)[\\u4e00-\\u9fff]{0,2}?独一无二|独一无二的(?:产品|配方|工艺|技术|体验|设计|味道|服务)',
  },
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern:
      '第一(?:品牌|名茶|好茶|品质|选择|口碑)|(?:销量|销售额|排名|品类|口碑|市场占有率) ?(?:全国|全网|行业|遥遥)?(?:第一|领先|冠军|no\\.? ?1(?![0-9])|top ?1(?![0-9]))|(?:no\\.?1|top1)(?:品牌|茶)',
  },
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    negatable: true,
    pattern:
      '(?:100 ?% ?|百分之百|百分百|十足)(?:有效|纯天然|天然|正品|安全|无添加|好评|满意|放心|正宗|纯正|原产|无农残)|绝对(?:有效|正宗|纯正|安全|放心|天然|无添加|好喝|物超所值)',
  },
  {
    rule: 'ad-law/national-level',
    rankingClaim: true,
    pattern: '(?:国家级|世界级|全球级|国际级|宇宙级)',
    // What the state grades (保护区, 湿地公园, 开发区, 实验室, 传承人, 运动员): the list below holds the older compounds.
    notBeforeWord:
      /(?:区|园|馆|县|镇|村|站|遗产|名录|中心|基地|项目|课题|期刊|媒体|实验室|研究院|研究所|单位|传承人|运动员|裁判|教练员?|荣誉|奖项?|文物|动物|植物|非遗|学科|专业|赛事|比赛|会议)$/,
    except: [
      '国家级非物质文化遗产',
      '国家级专精特新',
      '国家级非遗',
      '国家级代表性传承人',
      '国家级传承人',
      '国家级非物质',
      '国家级自然保护区',
      '国家级保护区',
      '国家级风景名胜区',
      '国家级森林公园',
      '国家级地质公园',
      '国家级重点文物',
      '国家级文物保护',
      '国家级重点保护',
      '国家级贫困县',
      '国家级新区',
      '国家级开发区',
      '国家级高新区',
      '国家级示范区',
      '国家级实验室',
      '国家级重点实验室',
      '国家级课题',
      '国家级项目',
      '国家级期刊',
      '国家级运动员',
      '国家级裁判',
      '国家级荣誉',
      '国家级奖',
      '国家级研究中心',
      '国家级农业文化遗产',
      '国家级一级',
      '世界级非物质',
      '世界级遗产',
      '世界级文化遗产',
      '世界级自然遗产',
      '世界级地质公园',
    ],
  },
  // A state or state-TV endorsement by hint (接待专用酒, 内部招待酒, 央视上榜品牌, 携手央视): 第九条第二项.
  // A party congress or a national day as the banner of a sale (喜迎二十大…套餐优惠): market regulators treat it
  // as lending the state's name to goods; the slogan alone (喜迎二十大 奋进新征程) sells nothing.
  // The state's leaders or their halls as the goods' customers (国家领导人都在喝的茶, 人民大会堂宴会用酒), and a
  // state designation used on goods (中国驰名商标, 国家免检产品: 商标法第十四条 and the 2008 repeal of 免检).
  // 第九条（二）使用或者变相使用国家机关、国家机关工作人员的名义或者形象: a ministry or a regulator as the goods' sponsor
  // (卫健委推荐的降压茶, 农业农村部指定产品, 国家药监局监制; a designated lab is the state's work, not goods), and the army's or the space programme's name lent to a grade of goods
  // (军工品质, 航天级, 部队同款); 太原 市场监管's 2023 notice names 变相使用 as the same breach.
  // 借党的二十大名义进行营销炒作 (市场监管总局 2023 典型案例: 阳谷县中心医院 “喜迎二十大……开展‘组团式’无痛胃肠镜体检活动”,
  // 衡水 “喜迎二十大，早诊早治，防癌体检套餐优惠”): the congress as the banner of a paid service, however long the banner.
  {
    rule: 'ad-law/state-endorsement',
    negatable: true,
    pattern: `(?:接待|招待)(?:专用|用)(?:酒|茶|烟)|内部(?:招待|特供|专供)(?:酒|茶|烟)?|(?:央视|cctv)[^。！？；\\n]{0,6}?(?:上榜|推荐|合作|指定|认证|展播)品牌|携手(?:央视|cctv)|(?:喜迎|献礼|庆祝|迎接|礼赞|庆贺)(?:党的)?(?:二十大|十九大|二十届|十九届|建党|党的生日|国庆)${'[^。！？；!?;\\n]'}{0,24}?(?:优惠|特惠|促销|特价|折扣|打折|[0-9一二三四五六七八九]折|套餐|秒杀|限时抢|让利|酬宾|钜惠|团购|大放送)|(?:国家领导人|中央领导|领导人|中南海|人民大会堂|钓鱼台国宾馆|钓鱼台|国宾馆)[\\u4e00-\\u9fff]{0,4}?(?:喝|用|吃|选用|指定|推荐|专用|招待|饮用|送礼)(?:的)?(?:茶|酒|烟|水|产品|品牌|礼品|好茶|好酒|佳酿)|驰名商标|国家免检|免检产品|(?:卫健委|卫生部|卫计委|药监局|食药监|农业农村部|农业部|商务部|教育部|工信部|市场监管总局|质检总局|国家机关|政府机关|国家部委|中央部委|中国航天|航天局)(?:官方)?(?:联合|权威|唯一|特别)?(?:(?:推荐|指定)(?=的?[\\u4e00-\\u9fff]{0,4}?(?:产品|品牌|用品|茶|酒|药|保健品|食品|饮品|好物|礼品))|监制|背书|力荐|专用|特供|授权(?:生产|销售))|(?:军工|军用|航天|部队|军队)(?:品质|级(?!别)|同款|标准(?:打造|生产|制造)|专用)|(?:喜迎|献礼|庆祝|迎接|礼赞|庆贺)(?:党的)?(?:二十大|十九大|二十届|十九届|建党)${'[^。！？；!?;\\n]'}{0,90}?(?:体检|胃肠镜|筛查套餐|检查套餐|种植牙|义诊|新品|开盘|开业|上市|定制酒|纪念酒|礼盒)`,
  },
  // 第九条（二）: the state named as a banner standing alone (政府监督，网络直播。…诚邀您来报名).
  // 特供 after a market or a trader's own terms (中国市场特供车, 厂家特价特供, 会员特供) is a supply of trade, not goods
  // supplied to the state.
  {
    rule: 'ad-law/state-endorsement',
    wordStart: true,
    pattern:
      '(?<=^|[,.。!?;:\\s"“”【】「」『』])(?:政府|国家|政府部门)(?:监督|监制|认证|推荐|指定|扶持)(?=[,.。!?;:\\s"“”【】「」『』]|$)|国宴(?:专用|特供|指定|用茶|茶)|(?:国家|政府|人民大会堂|中南海|国务院|央视|cctv|部队|军队)(?:专用|特供|指定|推荐|专供)|(?<!市场|厂家|厂商|特价|会员|限时|限量|渠道)特供(?:茶|产品|品|酒|专用)?|专供(?:茶|产品|品)|国礼(?:茶|级)',
  },
  // Nothing equals it, said outright (没有之一), and an attribute ranked top (历史最悠久, 工艺最精良, 城央最中心).
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `(?:历史|工艺|技术|品质|质量|口感|做工|用料|服务|设计|配置|性能|功能|位置|地段|交通|配套|环境|师资|规模)(?:最为|最)(?:悠久|精良|精湛|精细|先进|完善|齐全|全面|优越|优质|优良|专业|正宗|地道|纯正|便利|便捷|雄厚|强大|领先|顶尖|高端)|最(?:中心|繁华)(?:的)?(?:地段|位置|区域|商圈|地带)?|最(?:核心|黄金)(?:的)?(?:地段|位置|区域|商圈|地带)`,
    negatable: true,
    exemptBefore: NOT_A_CLAIM,
  },
  // 没有之一 says outright that nothing equals it (its 没有 is the claim, not a negation of it).
  { rule: 'ad-law/absolute-term', pattern: '没有之一|无之一' },
  // The only or the first of its kind, without a scope (台灣僅剩唯一會修的公司, 獨家MIT, 首创城央叠墅, 最多學生考獲).
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    wordStart: true,
    pattern: `(?:仅剩|仅有|只有|唯)?唯一(?:一家|一款|一个)?(?:会|能|可以?|拥有|获得|通过|具备|提供)|独家(?:mit|[a-z]{2,4}(?=制造)|台湾制造|制造|生产|研制|设计|销售|口味|风味|引进|进口|定制|款|技艺|手艺|经销)|(?<!旗下|旗下的|其|推出的?|发布的?)首(?:创|款)(?!者|人|于|之|的人)|最多(?:的)?(?:学生|学员|考生|客户|用户|顾客|茶友|家庭|人)(?:选择|信赖|信任|考获|考取|考上|通过|购买|使用|推荐|回购)`,
    negatable: true,
  },
  // The maker as the first or the leader of all (行业的开创者, 首屈一指, 填补国内空白, 前无古人); a party or a
  // movement's 开创者 is history, not a product.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern:
      '(?:行业|品类|领域|市场|品牌|茶|工艺|技术|赛道)[\\u4e00-\\u9fff]{0,6}?的?(?:开创者|缔造者|创领者|领导者|领航者|引领者|领跑者|开山鼻祖)(?![\\u4e00-\\u9fff]{0,2}(?:之一|们))|首屈一指|前无古人|后无来者|填补(?:了)?(?:国内|国际|世界|行业|全球|亚洲)(?:的)?空白|(?:品类|行业|全国|全网|年度)销冠|销冠(?:产品|单品|品牌)',
    negatable: true,
  },
  // A ranking won in a vote, a survey or a market share (評比第一, 票選冠軍, 市佔率第一, 满意度第一).
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern:
      '(?:评比|票选|评选|测评|评鉴|销售量?|人气|好评|满意度|市占率|占有率|回购率)[\\u4e00-\\u9fff]{0,2}?(?:第一|冠军|榜首|no\\.? ?1(?![0-9]))',
    negatable: true,
  },
  // A town or a district as the scope of 唯一 (全蒙自唯一赶集地: 红河州 case), the only market, shop or building of a place
  // (城央唯一购物中心旁的黄金旺铺, 唐山唯一生态型写字楼), and 首席 said of a place or goods (首席农贸生活综合体); 全年, 全场, 全班 are no
  // places, and a 首席 who is a person (首席执行官, 首席记者) is a job title; a centre or a building is sold as 首席 too
  // (邵陽地區首席規模最大的銀發養生中心, 城市首席綠色建筑).
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `全(?!年|场|队|班|校|天|程|身|体|部|面|球|力|新|家|民|员|书|文|剧|片|篇|季|月|周|日|时|世界|过程|镇人|村人)[\\u4e00-\\u9fff]{2,3}?唯一${PUBLIC_FACT}|唯一(?:的)?[\\u4e00-\\u9fff]{0,4}?(?:购物中心|商场|商圈|赶集地|集市|市场|楼盘|旺铺|商铺|门店|专卖店|综合体|写字楼|公寓|住宅|别墅)(?<!超市场)|首席(?:[\\u4e00-\\u9fff]{0,4}?)(?:综合体|楼盘|社区|住宅|大盘|商圈|品牌|产品|茶|好茶|酒|服务商|供应商|体验|生活|中心|会所|机构|建筑|住区|府邸|豪宅)`,
    negatable: true,
  },
  // A verdict after a survey of rivals (对比逛过的那么多街，最有意思的还是家门口; 喝遍全城，最好喝的还是这家): the
  // comparison with every competitor that 第九条 forbids, said as a story.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `(?:对比|相比|比较|比来比去|逛遍|逛过|喝遍|吃遍|试遍|用遍|找遍)[^。！？；!?;\\n]{0,12}?最(?!重要|关键|主要|根本|基本|需要|应该)[\\u4e00-\\u9fff]{1,3}的(?:还是|就是|当属|要数|非)`,
    negatable: true,
    exemptBefore: NOT_A_CLAIM,
  },
  // Ranked first-rate or champion as a grade of the goods (世界一流的品质, 冠军品质); 世界一流大学 is a policy's name.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `(?:世界|国际|国内|全球|行业|业内)一流(?:的)?(?:品质|工艺|技术|服务|产品|品牌|设备|口感|配方|原料)|冠军(?:品质|产品|品牌|之选|单品|好茶|口感)|${'市面上'}(?:最[\\u4e00-\\u9fff]{1,2}|第一|唯一|独家|独有)`,
    negatable: true,
  },
  // An academician, an expert or a famous doctor vouching for the goods (院士推荐, 专家力荐的降压茶, 国医大师代言).
  // 第二十八条（二）曾获荣誉 and 第十六条（四）推荐、证明: the goods named as what institutions or professionals choose
  // (許多醫美中心指定使用, 五星级酒店指定用品, 医生都在用) and the grade of a sacred thing given to goods (拉皮聖品, 养生圣品)
  // — the 台北 衛生局 cosmetics cases' words.
  // 第二十四条（三）and 第二十五条（二）利用科研单位、学术机构、教育机构、行业协会、专业人士、受益者的名义或者形象作推荐、证明:
  // an academy, a society or a university as the goods' recommender (中国营养学会推荐产品, 行業協會推薦，值得信賴), and
  // the beneficiaries counted as the proof (百万学员亲证有效); a society's advice on diet (学会推荐每天摄入……) names no goods.
  {
    rule: 'ad-law/endorsement',
    negatable: true,
    pattern: `(?:院士|国医大师|名老中医|知名专家|权威专家|著名专家|专家团队|医学专家|营养专家|名医)(?:们)?(?:亲自|联合|一致|强力|倾情|鼎力|都)?(?:推荐|代言|认证|力荐|背书|首推|认可)(?!的(?:方法|做法|方式|饮食|食谱|运动|动作|作息|习惯))|(?:医美中心|医美诊所|医院|医师|医生|药师|专家|牙医|皮肤科|美容院|五星级酒店|星级酒店|航空公司|头等舱)[\\u4e00-\\u9fff]{0,4}?(?:指定(?:使用|用品|产品|品牌|用茶|用酒)|御用|都在用)|圣品|(?:学会|协会|研究院|研究所|科学院|工程院|大学|高校|医学会|科研单位|科研机构|学术机构|教育机构)(?:的)?(?:专家|教授|学者)?(?:联合|权威|官方|一致|强力)?(?:推荐|认证|力荐|背书|指定|证明)(?:的)?(?=产品|品牌|课程|用品|好物|茶|药|食品|保健品|[,.。!?;]|$)|(?:万|千|百|\\d+) ?(?:名|位)?(?:学员|用户|顾客|患者|消费者|家长)(?:亲证|亲测|见证|验证|证明)`,
  },
  // A clinic's technique ranked first in time or in kind (最新脂肪抽取術, 雙眼皮最新技術, 全球尖端的牙齒雷射技術,
  // 全台搶先上市), a grade of award lent to a team (金獎級醫療團隊), and renown ranked (指名度第一). 最新技术 alone
  // is news's word (发布会上展示了最新的芯片技术): only a cosmetic or medical procedure's counts.
  {
    rule: 'ad-law/absolute-term',
    rankingClaim: true,
    pattern: `最新(?:的)?[\\u4e00-\\u9fff]{0,4}?(?:疗法|术式|抽取术|抽脂术|整形术|植发术|雷射|激光)|(?:美容|整形|医美|雷射|激光|植发|矫正|双眼皮|隆鼻|抽脂|祛斑|美白|牙|植牙|贴片|瓷牙)[\\u4e00-\\u9fff]{0,4}?最新(?:的)?(?:技术|科技)|(?:全球|世界|国际)尖端(?:的)?[\\u4e00-\\u9fff]{0,6}?(?:技术|科技|疗法|设备|仪器)|(?:全台|全港|全澳)(?:抢先|率先|首度)|(?:金奖|冠军|殿堂)级|(?:指名度|知名度|美誉度|认知度|满意度)[\\u4e00-\\u9fff]{0,2}?(?:第一|冠军|no\\.? ?1(?![0-9]))`,
    negatable: true,
  },
  // 第九条（七）违背社会良好风尚: a vulgar label as the goods' name (手打渣男柠檬茶, 手打海王柠檬茶: 徐汇区市场监管局, 2024,
  // in the 长三角 典型案例) and a slogan urging theft to buy (你可以偷你男朋友的钱带我来这喝奶茶吗: 邵阳市双清区, 2022).
  {
    rule: 'ad-law/public-order',
    negatable: true,
    pattern: `(?:渣男|海王|渣女|绿茶婊|小三|舔狗|备胎)(?=(?:款|味|牌|系列|风味|特调|鲜榨|手打|暴打)?(?:柠檬茶|奶茶|茶|咖啡|饮品|酒|果汁|酸奶|蛋糕|套餐|炸鸡|烧烤|火锅|面|饭))|偷(?:你|您)?(?:的)?(?:男朋友|女朋友|男友|女友|老公|老婆|爸妈|父母|爸爸|妈妈)的钱[^。！？；\\n]{0,10}?(?:喝|吃|买|来|消费|下单)`,
  },
];

/**
 * Every entry asserts its claim to a buyer: not told in a report with no seller's word (register.ts
 * readAsReport), not asked as a yes-or-no question (这真的能稳赚吗？ is a headline that doubts it;
 * register.ts askedAt), and not reported by enforcement or a warning (register.ts).
 */
export const PHRASES: PhraseEntry[] = reportedByEnforcement(
  ENTRIES.map((entry) => ({ ...entry, reportable: true, notAsked: true })),
);

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'ad-law'> = defineFamily('ad-law', table, { phrases: PHRASES });
