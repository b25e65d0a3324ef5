import type { PhraseEntry } from '../phrases.ts';
import { buildTextView } from '../text-view.ts';
import type { ComplianceRuleId, TeamLexiconEntry } from '../types.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import table from './lexicon.rules.json' with { type: 'json' };

/** Lexicon categories; a department's own entries (policy `compliance.lexicon`) pick one of these. */
export const LEXICON_CATEGORIES = ['vulgar', 'clickbait', 'rumour', 'contact-lure', 'gambling-fraud'] as const;

/** The team's curated list, written against the normalised view. */
export const PHRASES: PhraseEntry[] = [
  {
    rule: 'lexicon/vulgar',
    pattern:
      '卧槽|我靠|尼玛(?!县|镇|乡|村|次仁|扎西|卓玛|顿珠|拉姆|措)|你妈的|他妈的|真他妈|去他妈|tmd|草泥马|傻逼|傻b|煞笔|(?<![a-z])sb(?![a-z])|装逼|牛逼|撕逼|屌丝|约炮|骚货|贱人|绿茶婊|婊子|滚犊子|碧池',
  },
  {
    rule: 'lexicon/clickbait',
    pattern:
      '震惊(?=[!:,]|了)|惊呆了|吓尿了?|不看后悔|看哭了|99 ?%的人(?:都)?不知道|删前速看|速看(?=!)|马上删|即将被删|快被删了|赶紧收藏(?=!)|全国人民都在|转疯了|(?:\\d{2}|九成|八成)(?: ?%)?的(?:人|中国人|家庭|女人|男人|茶友)(?:都)?(?:中招|不知道|做错|搞错|错了|不懂|忽略)|(?:是在|等于|无异于|简直是)?(?:找死|慢性自杀|自寻死路)',
  },
  {
    rule: 'lexicon/rumour',
    pattern:
      '内部消息|内部渠道|内部管道|小道消息|紧急扩散|扩散周知|转发扩散|官方还没公布|官方不敢说|医生不会告诉你|(?:会|能|易|都)致癌|(?:会|易|容易|都会)(?:导致|引发|诱发|引起)[\\u4e00-\\u9fff]{0,3}?癌|千万别再(?:喝|吃|用)',
    negatable: true,
  },
  // An urgent call to spread (赶紧转起来, 快转起来, 转起来!!!): how a rumour asks to travel. A calm 转起来 (同学们转起来啊)
  // is a cheer for a song or a team.
  {
    rule: 'lexicon/rumour',
    pattern: '转起来(?<=(?:赶紧|赶快|快快?|速速|马上|立刻|火速|都给我)转起来)|转起来(?=!{2,})',
    negatable: true,
  },
  // (anchored on the act, the food checked behind it: a long food alternation first would be tried at every character)
  // Food-safety rumours of a known shape (辟谣平台: 西瓜打针, 塑料紫菜, 棉花肉松, 僵尸肉): produce "injected", fake foods.
  {
    rule: 'lexicon/rumour',
    pattern:
      '(?:打了针|打过针|打针|注射(?:了)?(?:激素|色素|甜蜜素|膨大剂|避孕药)|喂(?:了)?(?:避孕药|激素))(?<=(?:西瓜|草莓|葡萄|黄瓜|番茄|西红柿|水果|猪肉|鸡肉|鸡|鸭|牛肉|虾|螃蟹|鱼|大米|茶叶)(?:都|全|是)?(?:打了针|打过针|打针|注射(?:了)?(?:激素|色素|甜蜜素|膨大剂|避孕药)|喂(?:了)?(?:避孕药|激素)))|塑料(?:紫菜|大米|鸡蛋)|棉花(?:做的)?肉松|僵尸肉|假鸡蛋',
    negatable: true,
  },
  {
    rule: 'lexicon/contact-lure',
    pattern:
      '(?:加|添加|\\+)(?:微信|vx|v信|薇信|威信|wx|v)(?:号)?:?[^。！？；\\n]{0,6}?(?:领|免费|私聊|咨询|返|送|拿)|私信(?:领取|领)|加v(?![a-z])|vx ?[:号]|薇信|威信(?:号|:)|扫码加群领|(?:加|添加)[^。！？；\\n]{0,4}?(?:微信|vx|wx|v信|qq|扣扣)(?:号)? ?:? ?[a-z0-9_-]{5,}|添加[^。！？；\\n]{0,4}?(?:微信|vx|wx|qq|v信|薇信)[^。！？；\\n]{0,14}?(?:领|免费|私聊|咨询|返|送|拿|优惠|发货)',
    negatable: true,
  },
  // The same lure on LINE, Telegram or QQ (加LINE送免費投資秘笈, 加飞机领取), as Taiwan and mainland police quote them.
  {
    rule: 'lexicon/contact-lure',
    pattern:
      '(?:加|添加|\\+)(?:line|赖|telegram|tg|飞机|qq|扣扣)(?:好友|帐号|账号|id|号)?:?[^。！？；\\n]{0,6}?(?:领|免费|私聊|咨询|返|送|拿|获取|入群)',
    negatable: true,
  },
  // Sex-service lures as police notices quote them (扫码叫小妹, 美女上门, 视频裸聊): the offer of a woman's
  // company or a service to a reader, not the words for the crime in a report (警方破获裸聊敲诈案 is
  // negated or cited, and 家政上门服务 names no woman).
  {
    rule: 'lexicon/vulgar',
    pattern:
      '(?:邀请|免费|同城|在线|视频|一对一)裸聊(?![^。！？；\\n]{0,2}?(?:敲诈|诈骗|勒索|案|陷阱|骗局))|(?:叫|约|找|点)(?:个)?(?:小妹|妹子|学生妹|美女)(?=[^。！？；\\n]{0,6}?(?:上门|服务|陪|过夜|包夜|按摩)|[!,。]|$)|(?:美女|小妹|学生妹|少妇|嫩模|女大学生)[^。！？；\\n]{0,6}?(?:上门服务|免费上门|可以上门|随时上门|包夜|陪睡|陪夜)|(?:包夜|全套|快餐)(?:服务)?[^。！？；\\n]{0,4}?(?:价格|价位|\\d+元|联系|加微|扫码)',
    negatable: true,
  },
  {
    rule: 'lexicon/clickbait',
    pattern: '出大事了|刚刚(?:曝光|爆光|宣布|传来|通知)|再不看就|就来不及了|惊天(?:秘密|大案|内幕|消息)|点进去才知道',
  },
  // The 标题党 forms WeChat's crackdown notices describe, by their shape rather than one headline's words:
  // a headline that opens 刚刚! or 刚刚:, a promised emotional outcome (看完泪流满面), a whole nation or
  // the net in uproar (全网沸腾, 彻底炸锅), a rival caught out (美国措手不及), the withheld answer
  // (最怕的水果就是『它』) and a sudden cure (高血压有救了!).
  {
    rule: 'lexicon/clickbait',
    pattern:
      '刚刚(?=[!:])|看完(?:后|之后)?(?:泪流满面|泪目|哭了|沉默了|惊呆了|后背发凉|吓出一身冷汗|心都碎了)|(?:全网|举国|全世界)(?:沸腾|震惊|炸锅|哗然|疯传)|彻底(?:沸腾|炸锅|炸了|疯了|慌了)|(?:美国|日本|西方|欧美|印度)[^。！？；\\n]{0,4}?(?:措手不及|傻眼了|坐不住了)|最怕的[^。！？；\\n]{0,6}?(?:就是|竟是|原来是)[「『“]?(?:它|这个|这种|这)(?![\\u4e00-\\u9fff])|有救了(?=!)',
  },
  {
    rule: 'lexicon/rumour',
    // A plea to pass it on (请好心人帮忙转发, 求扩散, 麻烦大家转一下): how chain rumours travel.
    pattern:
      '相互转告|互相转告|转告(?:家人|亲友|身边)|大量扩散|(?:(?<!申)请|(?<![请要需追诉])求|恳请|恳求|拜托|麻烦|务必)(?:务必)?(?:各位|大家|好心人|朋友们|亲们|网友们|看到的(?:每一个)?(?:朋友|人))?(?:帮忙|帮我|帮帮忙)?(?:转发|扩散|转一下|转一转|转起来|转出去|转告|分享出去)',
    negatable: true,
  },
  {
    rule: 'lexicon/gambling-fraud',
    pattern:
      '进群(?:领|送|免费)|扫(?:二维)?码领(?:取)?免费|有钱大家一起赚|饭钱就赚出来|月入(?:过万|上万|十万|百万|\\d+万)|日赚(?:百元|千元|万元)|动动手指就能',
    negatable: true,
  },
  {
    rule: 'lexicon/gambling-fraud',
    wordStart: true,
    pattern: '刷单|日赚\\d*(?:元|块)?|日入\\d+|兼职日结|博彩|彩票内幕|六合彩|百家乐|网赌',
    negatable: true,
  },
  // Job-scam and subsidy-scam lures (零投入月赚上万, 低门槛高收入, 在家上网就可挣大钱, 扫码申请补贴, 逾期视为弃权).
  {
    rule: 'lexicon/gambling-fraud',
    pattern:
      '月赚(?:过万|上万|\\d+万)|零投入[^。！？；\\n]{0,4}?(?:月赚|日赚|月入|日入|赚|挣)|低门槛[、,， ]?高收入|(?:在家|躺着|动动手指)(?:上网)?就(?:可|能)(?:挣|赚)(?:大)?钱|扫码(?:申请|领取)[\\u4e00-\\u9fff]{0,4}?(?:补贴|补助|社保)|(?:补贴|补助)[^。！？；\\n]{0,10}?逾期视为(?:弃权|放弃)',
    negatable: true,
  },
  // Loan-scam and stock-tip lures as anti-fraud notices (165, 公安) quote them: no guarantor, money the same
  // day, a tipped 黑马股, the more you put in the more you gain.
  {
    rule: 'lexicon/gambling-fraud',
    pattern:
      '免(?:保人|对保|征?[联连]保|征信)(?=[、,， ]|[^。！？；\\n]{0,6}?(?:贷|借|拨款|放款|下款))|轻松贷|秒下款|(?:极速|当天|当日)(?:放款|下款|拨款)|(?:飙股|黑马股|妖股|牛股)(?:分享|推荐|推介|报名|群|老师)|最强(?:黑马|飙股|妖股|牛股)|(?:准时|免费)报(?:牌|明牌)|投入(?:的)?(?:资金|本金|钱)?越多[^。！？；\\n]{0,4}?(?:获利|赚|收益|回报|返利)越(?:多|高)',
    negatable: true,
  },
  // The fake-official script police notices quote (这里是某某市公安局，你涉嫌一起洗钱案件…; 将资金转入安全账户):
  // an authority that names the reader as a suspect, or money moved to a "safe account". The notices'
  // own advice (公检法不会要求转入安全账户) is negated.
  {
    rule: 'lexicon/gambling-fraud',
    pattern:
      '(?:这里是|我是|我们是)[^。！？；\\n]{0,12}?(?:公安局|公安厅|派出所|检察院|法院|刑警队|网警|经侦)[^。！？；\\n]{0,8}?(?:你|您)(?:的[^。！？；\\n]{0,6}?)?涉嫌|(?:你|您)(?:的)?(?:身份证|银行卡|账户|帐户|名下)?涉嫌(?:一起|一宗|一桩)?[^。！？；\\n]{0,6}?(?:洗钱|贩毒|诈骗|走私|非法集资)|(?:转入|转到|汇入|转至)[^。！？；\\n]{0,4}?安全(?:账户|帐户)|(?:无息(?:的)?紧急|紧急无息)(?:贷款|借款)|快速(?:拨款|放款|下款)|在家(?:也能)?(?:赚钱|挣钱)[、,， ]?(?:绝对|百分百)?(?:靠谱|稳赚|无风险|日结)',
    negatable: true,
  },
  // Cancer-cure myths of the kind the 辟谣 lists debunk every year (喝麦苗汁能治癌, 空腹吃水果能杀毒抗癌):
  // a food or a drink that cures or kills cancer. A study's 有助于降低患癌风险 claims no cure, and 吃大蒜能抗癌吗? asks.
  {
    rule: 'lexicon/rumour',
    pattern:
      '(?:喝|吃|饮用|食用|常吃|多吃|空腹吃)[\\u4e00-\\u9fff]{1,6}?,?(?:就)?(?:能|可以|可|会)(?:有效)?(?:[\\u4e00-\\u9fff]{2}、?)?(?:治(?:好|愈)?癌(?:症)?|抗癌|杀(?:死)?癌细胞|治愈癌症|根治癌症)(?![吗嘛么呢?])',
    negatable: true,
  },
  // Food-combination rumours with a harm (西红柿和螃蟹一起吃会产生砒霜, 一起吃会得肾结石).
  {
    rule: 'lexicon/rumour',
    pattern:
      '一起(?:吃|喝|食用)(?:会|就会|能|可能会)[\\u4e00-\\u9fff]{0,4}?(?:中毒|致癌|致命|死人|产生(?:砒霜|毒素|毒物)|得[\\u4e00-\\u9fff]{0,3}?(?:病|结石|癌))',
    negatable: true,
  },
];

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A department's own additions as phrase entries: the term goes through the normaliser, then matches literally. */
export function teamPhrases(entries: readonly TeamLexiconEntry[]): PhraseEntry[] {
  return entries
    .filter(
      (entry) =>
        typeof entry.term === 'string' &&
        entry.term.trim() !== '' &&
        (LEXICON_CATEGORIES as readonly string[]).includes(entry.category),
    )
    .map((entry) => ({
      rule: `lexicon/${entry.category}` as ComplianceRuleId,
      pattern: escapeRegex(buildTextView(entry.term.trim()).text),
      ...(entry.except ? { except: entry.except } : {}),
      ...(entry.severity ? { severity: entry.severity } : {}),
      ...(entry.basis ? { basis: entry.basis } : {}),
    }));
}

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'lexicon'> = defineFamily('lexicon', table, { phrases: PHRASES });
