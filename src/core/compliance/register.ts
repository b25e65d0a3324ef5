/**
 * Who is speaking in a sentence: a seller to a buyer, or a reporter, a historian or a statistician
 * about the world. 《广告法》第九条 binds advertisements; a news report that the C919's 全球首家
 * 启动用户 signed, that a team met 世界排名第一的美国队 or that a port is 全球最大的 states a fact,
 * and so does an encyclopaedia's 破坏性最强的战争之一. Both tests read the normalised view (Simplified,
 * half-width ASCII punctuation), one sentence at a time.
 */
import { alternativesOf } from './pattern-source.ts';

/**
 * The seller's voice: the reader addressed (您, 亲们), the shop speaking of itself (本店, 我们的),
 * a call to buy (欢迎选购, 下单, 包邮), an offer (特价, 限时优惠) or the seller's own launch (新品上市).
 * 咨询 counts as the call (欢迎咨询, 咨询电话), not in a firm's name (艾媒咨询发布的榜单).
 */
const VOICE =
  /您|你|亲们|宝宝们|姐妹们|朋友们|本店|本品|本公司|本平台|本机构|本校|本园|我司|我店|我家|咱家|小店|我们(?:的|家|店|公司|品牌|产品|团队|机构)|欢迎|敬请|赶紧|快来|速来|选购|订购|抢购|购买|下单|入手|包邮|特价|限时|优惠|折扣|促销|秒杀价|到店|热线|(?:欢迎|免费|在线|立即|马上|即可|请|来电|电话|微信)咨询|咨询(?:电话|热线|微信|客服|详情|了解|购买|下单)|电话|买一送一|加盟|招商|报名|新品上市|新品首发|全新上市|预售/;

/**
 * Words of a sale without the seller's voice: a price, a shop, a course or a flat for sale or to let. Like the
 * voice, they make the sentence a sales sentence whatever report words it also has, except in a
 * report of a launch, which states the price as news (有8988元、10988元两档价格; see LAUNCH).
 */
const GOODS_TALK =
  /现货|专柜|免租|出租|出售|租售|旗舰店|[¥￥$]|\d(?:\.\d+)? ?(?:元|块)(?![年代])|代理商|招生|课程|学员|包过|保过|提分|辅导|培训|名师|开盘|楼盘|售楼|户型|现房|期房|样板房|首付|均价|铺位|旺铺|专利|配方/;

/**
 * The register of a report: attribution (据……报道, 记者, 表示：; a doctrine's 中医认为 introduces the
 * claim, it reports nothing), a date or a period (2021年,
 * 11月6日, 截至, 日前, 在此之前), an award or a contest (当选, 获评, 决赛, 奥运), the state and its
 * economy (国务院, 同比, GDP), history (历史上, 世纪). None of them is how an advertisement talks
 * about the goods it sells.
 */
const REPORT =
  /据[^,。;!?]{0,14}?(?:报道|介绍|统计|数据|了解|悉|显示|消息|透露|披露|称)|报道|记者|新华社|中新社|中新网|通讯员|日电|(?:表示|指出|透露|介绍|强调|(?<!中医|古人|民间|医家|老人|传统上)认为|坦言|分析|称|说)[,:“]|(?:数据|统计|资料|调查|研究|结果|报告|实验|试验)(?:显示|表明|发现)|\d{4} ?年|\d{1,2}月\d{1,2}日|\d{1,2}月(?:初|底|中旬|下旬|上旬)|截至|截止到|近日|日前|此前|在此之前|前不久|不久前|上个月|上月|上周|(?:今年|同年|当年) ?\d{1,2}月|去年|前年|年初|年底|历史上|当时|那年头|世纪|年代|获评|荣获|荣膺|当选|提名|颁奖|授予|入选|被评为|被誉为|称号|世界纪录|纪录|决赛|半决赛|小组赛|赛季|联赛|奥运|世界杯|锦标赛|球队|主帅|主教练|国务院|政府|部门|官员|总统|总理|议员|外交|两国|各国|我国|战争|疫情|同比|环比|gdp|增速|产值|亿元|万亿|人次|产能|产量|规模|总量|吞吐量|占比/;

/**
 * Connected prose: a cause, a concession, a condition or an example (因为, 虽然, 如果, 比如) and an event told
 * as done, a verb with the perfective 了 before what follows it (成了最受欢迎的语言, 批准了国内首个疫苗, 得了
 * 极品装备). An advertisement's copy is a string of claims and calls (全网唯一可掀式, 本店最低价); an article, a
 * report or a manual explains and narrates. 了 that ends a clause (卖疯了！, 上新了) is an exclamation, and
 * 为了, 除了, 了解 are no events.
 */
const NARRATION =
  /因为|由于|所以|因此|从而|虽然|尽管|即使|如果|假如|例如|比如|意味着|之所以|(?<![为除])(?<=[\u4e00-\u9fff])了(?![,。!?;:…~\s"”)]|$|吗|呢|吧|啊|哦|呀|解|然|结)/;

/**
 * One of several (最大的……之一, 顶尖的……之一, and of coordinated rankings: 最强大、最稳定的……方案之一): a hedged
 * ranking, not an absolute one; 没有之一 is the opposite.
 */
const ONE_OF = /^(?:、最[\u4e00-\u9fff]{1,3})*[^,。;!?、\n]{0,20}?(?<!没有|没)之一/;

/**
 * What the ranking ranks, when it is not goods: a place or a state (医疗水平世界第一的国家, 国家 as
 * the head, not 国家食品药品监督管理局), an institution, people, an event, a time or an abstraction
 * (亚洲最大的……建筑, 顶尖学者, 最强对手, 最佳时机, 世界级难题, 全球最重要的粮食作物), and in technical prose
 * a method or a part of a program (最优的行动策略, 最佳实践, 首选DNS服务器, 万能密码, 顶级域名的字段), which
 * nobody sells. Tested on the rest of the clause after the ranking.
 */
const FACT_HEAD = new RegExp(
  `^[^,。;!?、\n]{0,14}?(?:${[
    '国家(?![\u4e00-\u9fff])|国度|城市|城|县|地区|区域|省份?|港口?|机场|码头|泊位|基地|市场|经济体|发展中国家|大国|强国',
    '建筑|文物|古迹|遗址|古城|古镇|寺庙|古桥|工程|项目|园区|示范区|博览会|展会|会议|大学|高校|学府|学校|学院|医院|博物馆|研究所|实验室|期刊',
    '学者|专家|科学家|人才|精英|企业家|人物|球员|球队|战队|队伍|外援|对手|选手|运动员|教练|劳模|践行者|代表|群体|力量|美女|帅哥|明星|主播|舞台',
    '地方|场所|机会|时间|时机|时期|时刻|年龄|阶段|治疗期|难题|问题|挑战|威胁|风险|危机|灾难|灾害|战争|冲突|事件|地震|台风|沙尘暴|暴雨|暴雪|寒潮|洪水|干旱|耀斑|纪录|成绩|战绩|票数|的事(?![业务])',
    '货币|作物|粮食|产业|集群|聚集地|能源|排放|版本|文字|方式|方法|途径|办法|控制|方案|系统|船队|船只|舰|飞机|卫星|火箭|舱段|电站|模型|算法|技术难|来源国|伙伴|疫苗|运动(?!鞋|服|装|饮料|器材)',
    '视频|做法|集锦|合集|攻略|教程|图片|照片|新闻|消息|故事|段子|儿歌|歌曲|电影|魔术师|猫|狗|动物|证书|奖项|称号',
    '事情|事儿|策略|路径|路线|实践|解法|思路|步骤|流程|手法|招式|技巧|匹配|性能|效率|精度|攻击|漏洞|密码|验证码|标识符|参数|变量|函数|接口|命令|代码|端口|协议|字段|节点|进程|线程|数据库|服务器|编程语言|脚本语言|开发语言',
  ].join('|')})`,
);

/**
 * A launch told as a past event: the launch verb with the perfective 了 (华为发布了), dated by 于
 * (于今年发布), or in a sentence with a date or an attribution (12月23日，华为发布…的首款手机). An
 * advertisement announces in the present (震撼上市, 新品首发) and calls the reader to buy; a maker
 * telling of its own launch says 我们 (我们推出了全球首款…), and that is a claim, not news.
 */
const MAKER_SPEAKS = /我们|我司|我公司|咱们/;
const LAUNCH = /发布|推出|亮相|问世|面世|首发|宣布/;
const LAUNCH_PAST = /(?:发布|推出|亮相|问世|面世|宣布)了|于[^,。;!?]{0,10}?(?:发布|推出|亮相|问世|面世)/;

/**
 * For the end of a claim: the claim is not asked. A yes-or-no question whose clause ends in a question
 * mark (喝它能洗黑肺? 羊奶可抗癌? 能治癌吗?) asks whether the claim holds, as a debunking headline or
 * a reader's question does, and asserts nothing; a rhetorical question (难道……不能降血压吗?) and a
 * question of the reader's wish (想降血压?), the hook of an advertisement, still assert it.
 */
export const NOT_ASKED =
  '(?:(?![^,，。;；!！?？\\n]{0,8}[?？])|(?<=(?:难道|谁说|岂|何尝|怎能|想要?|要想)[^,，。;；!！?？\\n]{0,24}))';

const ASKED_AFTER = /^[^,，。;；!！?？\n]{0,8}[?？]/;
const RHETORICAL_BEFORE = /(?:难道|谁说|岂|何尝|怎能|想要?|要想)[^,，。;；!！?？\n]{0,24}$/;

/**
 * NOT_ASKED as a test after a match (PhraseEntry.notAsked): the match [start, end) is asked, as a
 * yes-or-no question ends its clause within 8 characters, and not rhetorically. The same reading as
 * the pattern suffix, without copying the suffix into every alternative (which made the patterns'
 * compilation the larger part of the engine's start-up).
 */
export function askedAt(text: string, start: number, end: number): boolean {
  if (!ASKED_AFTER.test(text.slice(end, end + 9))) return false;
  return !RHETORICAL_BEFORE.test(text.slice(Math.max(0, start - 30), end));
}

/**
 * The pattern with `suffix` after each of its top-level alternatives (a|b → a(suffix)|b(suffix)), so
 * that a test of what follows a claim holds for every branch and the branches stay separate for
 * the matcher's per-character folding (phrases.ts).
 */
export function eachAlternative(pattern: string, suffix: string): string {
  return alternativesOf(pattern)
    .map((branch) => branch + suffix)
    .join('|');
}

const SENTENCE_BREAK = /[。!?;\n]/;

function sentenceOf(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_BREAK.test(text[from - 1]!)) from -= 1;
  let to = end;
  while (to < text.length && !SENTENCE_BREAK.test(text[to]!)) to += 1;
  return text.slice(from, to);
}

/**
 * The match's sentence without the match: the seller's voice is looked for around the claim, not in
 * it (最受欢迎 holds 欢迎, which is a seller's word only as 欢迎选购).
 */
function contextOf(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_BREAK.test(text[from - 1]!)) from -= 1;
  let to = end;
  while (to < text.length && !SENTENCE_BREAK.test(text[to]!)) to += 1;
  return `${text.slice(from, start)}\n${text.slice(end, to)}`;
}

/**
 * The match [start, end) of `text` is a ranking stated as fact: hedged by 之一; in a sentence with
 * no word of a seller, ranking what is not goods, read as a report, or explained and narrated
 * (NARRATION) with no talk of a sale; or in a report of a launch without the seller's voice, whose
 * price is news, not an offer.
 */
export function statedAsFact(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 24);
  if (ONE_OF.test(after)) return true;
  const sentence = sentenceOf(text, start, end);
  if (VOICE.test(contextOf(text, start, end))) return false;
  if (LAUNCH.test(sentence) && (LAUNCH_PAST.test(sentence) || REPORT.test(sentence)) && !MAKER_SPEAKS.test(sentence))
    return true;
  // Explained or narrated without a seller's word or a sale's, the ranking describes; it does not offer.
  if (NARRATION.test(sentence) && !GOODS_TALK.test(sentence)) return true;
  // The head may begin inside the match (国内最高学|府): read it from two characters back.
  const head = text.slice(Math.max(start, end - 2), end + 24);
  return (FACT_HEAD.test(head) || REPORT.test(sentence)) && !GOODS_TALK.test(sentence);
}

/**
 * The match [start, end) is in a sentence that reads as a report (news, statistics, a date, an
 * attribution: REPORT, looked for around the match, so that a claim naming the state, 政府监督 or
 * 国务院推荐, is not its own report) with no word of a seller (VOICE) and no talk of goods for sale (GOODS_TALK):
 * a promise told about the world (农户获得丰厚回报, 研究显示……减重) rather than made to a buyer. For
 * the broad claim forms that any sentence may contain.
 */
export function readAsReport(text: string, start: number, end: number): boolean {
  const sentence = sentenceOf(text, start, end);
  const context = contextOf(text, start, end);
  return REPORT.test(context) && !VOICE.test(context) && !GOODS_TALK.test(sentence);
}

/**
 * Words that make a sentence a report on enforcement, a rule, a fraud or a rumour rather than the
 * thing itself, for every family: a penalty notice quoting 最佳, a police warning quoting 刷单, a
 * rule listing 集赞, a debunking quoting the rumour. The engine tests every phrase match with it
 * (reportedInSentence); ENFORCEMENT_REPORT below adds the words that exempt only the families
 * whose rules bind a seller, since a rumour or a fraud script is flagged whoever repeats it.
 */
const REPORT_OF_ANY_CLAIM =
  // 涉嫌 and 立案 said to the reader (你涉嫌洗钱, 现对你进行立案调查) are the fake official's script, not a report.
  /业者|公平会|消委会|广告内容|夸大的描述|违约|用语|诈骗|骗局|骗子|被骗|受骗|反诈|违法|违规|违反|查处|处罚|罚款|罚没|裁罚|罚锾|(?<!对(?:你|您)(?:进行)?)立案|典型案例|监管部门|市场监管|执法|宣称|声称|标榜|诱导用户|(?<![你您])涉嫌|举报|谣言|辟谣|不实|真相|套路|话术|整治|通报|公告称|封号|封禁/;

/** The match [start, end) is in a sentence that, the match left out, reports on it (REPORT_OF_ANY_CLAIM). */
export function reportedInSentence(text: string, start: number, end: number): boolean {
  return REPORT_OF_ANY_CLAIM.test(contextOf(text, start, end));
}

/**
 * The register of enforcement and of warnings: a penalty decision, a court, the police or a consumer
 * warning that names the claim it condemns (当事人在广告中宣称“保证通过”, 以“高回报、零风险”为诱饵,
 * 警方提醒……, a Taiwan notice's 業者 and 民眾, advice to consumers, a victim's story: 接到電話推銷……, 讓人
 * 誤以為投資穩賺不賠; 她一直以为这是可以包治百病的神药; a party's defence, 负责人对此辩解称……保证升学; the law's own
 * formula quoted in advice, 不要……明示或暗示保本、无风险或者保收益; ads described, 广告中使用“第一品牌”等内容, “买房可以直升名校”……是很多楼盘的常见宣传语). The sentence reports the claim
 * someone else made; none of the train or dev sentences that make a claim themselves uses these
 * words. Read on the normalised view (Simplified), so 衛生局 and 罰鍰 count as 卫生局 and 罚锾.
 */
export const ENFORCEMENT_REPORT =
  /当事人|涉嫌|违反|违背|广告法|处罚|罚款|罚锾|罚没|开罚|裁罚|立案|查处|责令|判决|判处|法院|法官|被告|检察|起诉|卫生局|食药署|公平会|消保|消委会|市场监管|市监|工商局|海关|违规|违法|警方|公安|民警|警察|反诈|诈骗|骗局|骗子|不法分子|犯罪|嫌疑人|诱饵|幌子|噱头|打着|旗号|谎称|声称|宣称|鼓吹|虚假宣传|夸大宣传|标榜|业者|民众|消费者(?:应|要|需|须|购买|选购|在|如|若|遇|切勿|勿|务必)|提醒(?:消费者|民众|广大|市民|网友|大家注意)|推销|被骗|上当|受骗|误以为|误认为|误导|让人以为|(?:一直|原本|原来|本来|总|都)以为|(?:他|她|他们|她们|老人|患者|家属)(?:一直|都|还)?以为|辩解|辩称|明示或者?暗示|宣传语|广告语|宣传口号|某(?:些|个|家)?(?:培训|机构|公司|商家|楼盘|平台|品牌|企业|医院|厂家)|(?:有的|有些)(?:机构|商家|培训机构|公司|平台)|(?:广告|宣传)(?:中|里|上)(?:使用|出现|含有|带有)/;

/**
 * For the two inducement families: a sentence of the rules themselves or of commentary on them, which names the forbidden form to define it
 * (运营规范所称强制用户分享，是指分享后才能继续下一步操作的行为; 诱导关注包括但不限于……), or a description of a page that
 * does it (文章戛然而止，提示跳转到微信、关注公众号才可以继续阅读): it reports the inducement.
 */
export const INDUCEMENT_DESCRIBED =
  /诱导|运营规范|管理规范|所称|是指|包括但不限于|提示(?:跳转|用户|读者)|(?:要求|强制|逼迫?)(?:用户|读者|网友)/;

/**
 * The entries with the enforcement register (ENFORCEMENT_REPORT) added to what exempts them anywhere
 * in the sentence: for the families whose rules bind the seller (ad-law, medical, finance, education,
 * the inducements), not for rumours or fraud scripts, which are flagged whoever repeats them.
 */
export function reportedByEnforcement<E extends { exemptInSentence?: RegExp }>(entries: readonly E[]): E[] {
  return entries.map((entry) => ({
    ...entry,
    exemptInSentence: entry.exemptInSentence
      ? new RegExp(`${entry.exemptInSentence.source}|${ENFORCEMENT_REPORT.source}`)
      : ENFORCEMENT_REPORT,
  }));
}
