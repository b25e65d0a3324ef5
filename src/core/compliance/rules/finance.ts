import type { PhraseEntry } from '../phrases.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import { reportedByEnforcement } from '../register.ts';
import table from './finance.rules.json' with { type: 'json' };

/** A rate or an amount: 10%, 百分之八, 8 个点. */
const NUMBER =
  ' ?(?:\\d+(?:\\.\\d+)? ?(?:%|个点|厘|分(?!钟))|百分之[一二三四五六七八九十百点]+|[一二三四五六七八九十]+个点)';

/** A word that makes what follows certain: 保证, 稳, 必, 一定 (保證 and 穩 after normalisation). */
const CERTAIN = '(?:保证|确保|担保|承诺|包|稳|必|准|一定|肯定|绝对|铁定|百分百|100 ?%|稳稳)';
/** What an investor gains: profit, a rise in value, the stake back. */
const GAIN = '获利|盈利|赢利|赚钱|赚|获益|回本|翻倍|翻番|升值|增值|收益|回报|分红|返利|配息|领息';
/**
 * An amount of money or a rate: 100 元, 五百, 1%, 2 分; and a figure a published SMS dataset masked as x (收益xx～xx万),
 * only with its unit, since a bare x is a letter.
 */
const AMOUNT =
  ' ?(?:\\d+(?:\\.\\d+)? ?(?:%|元|块|万|千|百)?|x+(?: ?[～~至到-] ?x+)? ?(?:%|元|块|万|千|百)|[一二三四五六七八九十百千万两几]+ ?(?:元|块|万|千|百)?)';

const ENTRIES: PhraseEntry[] = [
  // 逢节必涨 is a price that rises at every holiday, a complaint, not a stock's promise.
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '保本保息|本金(?:全额)?(?:返还|退还|安全)|收益稳定在|(?:(?:保证|确保|绝对|包)不|绝不|决不|永不)(?:会)?(?:亏本|亏损|亏|赔)|(?:本金|本息|资金)(?:安全)?(?:有保障|有保证|无忧|零风险|无风险)|本息[\\u4e00-\\u9fff]{0,4}?兑付|绝不违约|刚性兑付|稳健高收益|低风险高收益|高收益低风险|保底(?:年化|分红|收益|回报|返利|利息| ?\\d)|(?:承诺|保证|确保)(?:年化)?(?:回报|收益|利息|分红)|回本(?<=(?:一年|半年|\\d+ ?个?月|[一二三四五六七八九十两]+个?月)(?:就能|就可以|就|即可|能|可)?回本)|(?:包您?|保您?|保证)[\\u4e00-\\u9fff]{0,4}?收回成本|保本(?:理财|投资|型|产品|收益|承诺|无忧)|(?:承诺|保证|确保|100 ?%|绝对)保本|保息|还本付息|固定收益|无任何风险|收益(?:有保障|有保证|保底)|保证[^。！？，,\\n]{0,6}回本|(?:包|稳)回本|(?:理财|投资|计划|产品|项目)[^。！？；\\n]{0,4}(?:零风险|无风险|没有风险)|稳赚不赔|稳赚|只赚不赔|包赚|稳赢|保证(?:年化)?(?:收益|回报|利润|升值|增值)|(?:年化)?收益(?:率)?(?:保证|保底)|保底收益|保收益|本金无忧|只涨不跌|稳涨不跌|(?<!逢[\\u4e00-\\u9fff]{1,2})必涨|(?:零风险|无风险|没有风险)(?:投资|理财|收益|回报|套利|高收益)|(?:投资|理财|收益|回报)(?:零风险|无风险)|(?:翻倍|翻番)(?<=(?:一年|每年|年年|三年)(?:就|即可|能|可)?(?:翻倍|翻番))|(?:收藏|投资)[^。！？；\\n]{0,8}(?:稳赚|必涨|翻倍|升值空间巨大|稳定升值)',
    negatable: true,
  },
  // No risk sold with a return, either order (零风险高回报, 高回报零风险); fixed payouts and the principal handed back.
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '(?:零风险|无风险|没有风险|低风险|不担风险)[\\u4e00-\\u9fff]{0,1}?高?(?:回报|收益|投资|理财|套利|利润)|高(?:回报|收益)[\\u4e00-\\u9fff]{0,1}?(?:零风险|无风险|没有风险)|固定(?:返利|回报|分红|利息|收益|返还)|(?:到期|期满)?(?:返还|退还|归还)(?:全部|全额)?本金',
    negatable: true,
  },
  // Risk denied outright (零风险) or a yield sold by its height (年化收益率高达 20%), easy money (炒股赚钱易如反掌).
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '零风险|(?:收益率?|回报率?|年化)[^。！？；\\n]{0,4}?高达 ?\\d|赚钱(?:易如反掌|轻轻松松|稳稳当当)|(?:炒股|投资|理财)[\\u4e00-\\u9fff]{0,2}?(?:稳赚不赔|只赚不赔)',
    negatable: true,
  },
  // A loan approval promised (保證過件, 包下款): the lender's version of a guaranteed return.
  {
    rule: 'finance/guaranteed-return',
    pattern: '(?:保证|包|保|百分百|100 ?%)(?:过件|下款|放款|批贷|贷到)',
    negatable: true,
  },
  // A certain payout rate (每年稳拿 10% 收益, 躺赚 8%).
  {
    rule: 'finance/guaranteed-return',
    pattern: '(?:稳拿|稳得|稳赚|躺赚|坐收|坐享|轻松赚)[^。！？；\\n]{0,4}?\\d+(?:\\.\\d+)? ?%',
    negatable: true,
  },
  // A floor or a promise on the yield (第二十五条 保收益): 收益不低于 10%, 承诺……年化 8%, 回报稳定在 6%.
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:收益|回报|利息|分红|年化|利润|返利|租金)(?:率)?[\\u4e00-\\u9fff]{0,2}?(?:不低于|不少于|至少|最低|保底|稳定在|锁定|固定为?)${NUMBER}|(?:承诺|保证|确保|担保)[^。！？；\\n]{0,10}?(?:收益|回报|年化|分红|利息|返利)[^。！？；\\n]{0,8}?\\d+(?:\\.\\d+)? ?%`,
    negatable: true,
  },
  // A yield figure sold with a certainty word: 收益 5.8%，安全可靠; 年化 6% 稳稳到手.
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:收益|回报|年化|利率|利息)[^。！？；\\n]{0,6}?\\d+(?:\\.\\d+)? ?%[^。！？；\\n]{0,3}?(?:安全可靠|稳定可靠|稳稳|稳赚|稳拿|有保障|无风险|零风险|保本|保证|到手|不亏)`,
    negatable: true,
  },
  // Returns sold as certain in property and investment ads (返租/包租 + 回报, 即买即增值, 大涨 8 倍, 投资越多赚得越多).
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '(?:零风险|无风险|低风险|没有风险)[、,， ]?高(?:回报|收益)|高(?:回报|收益)[、,， ]?(?:零风险|无风险|低风险)|高回报(?:返租|反租|包租)|(?:带|包)(?:返租|反租)|即买即(?:增值|升值|赚|收益)|坐享(?:增值|升值)|(?:大涨|飙涨|暴涨|翻) ?\\d+ ?倍|投资越多[^。！？；\\n]{0,3}?赚(?:得|的)?(?:越|更)多',
    negatable: true,
  },
  // Money without work or risk (坐收租金, 躺赚, 一夜暴富, 价值一夜飙涨, 月入过万) and stock tips (推荐黑马, 牛股必涨).
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '坐(?:收|等|享)(?:钱|租金|收益|回报|分红|利息)|(?:只等|等着)(?:坐)?收钱|躺(?:赚|着赚|着收钱)|一夜(?:暴富|飙涨|暴涨|翻倍|致富)|(?:价值|身价|房价)[\\u4e00-\\u9fff]{0,4}?(?:飙涨|暴涨|翻番|翻倍)|(?:过|破|上|超)(?:万|千|百|十万|百万|\\d)(?<=(?:月|日|周|年)(?:入|赚|收入|挣|进账)(?:过|破|上|超)(?:万|千|百|十万|百万|\\d))|(?:推荐|内幕|必涨|涨停)(?:的)?(?:黑马|牛股|妖股|龙头股)|(?:黑马|牛股|妖股)(?:股)?(?:推荐|必涨|来了|即将起飞)|(?:升值|增值)(?:潜力巨大|空间巨大|看得见|有保障)|(?:稳|保|包)(?:收|拿)(?:租金|收益|回报|利息|分红)',
    negatable: true,
  },
  // Income sold as steady and safe (收益稳定可靠, 月月稳收租, 年年稳涨租) and a rise in value promised by its size
  // (升值空间大, 升值多倍): the 第二十六条 promises of the 邵东 and 临沂 property cases, in other words.
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '(?:收益|回报|租金|利润|分红|收入)(?:稳定|稳健|长期)?(?:可靠|有保障|有保证|看得见|看的见|稳稳)|稳(?:收|涨|拿|赚|得)(?:租金?|收益|回报|利息|分红)|(?:升值|增值)(?:空间|潜力)(?:大|很大|巨大|无限)|(?:升值|增值|翻)(?:多|数|几|好几|\\d+)倍',
    negatable: true,
  },
  // The form of a guaranteed return, whatever its words: a word of certainty + a gain (保證獲利, 一定赚钱,
  // 稳定获利, 必赚, 肯定会升值); 稳定 alone goes only with a gain that is made, not 稳定收益 (a farm's steady income). 第二十五条 forbids the promise itself, not a list of phrasings.
  {
    rule: 'finance/guaranteed-return',
    pattern: `${CERTAIN}(?:能|可以|可|会|能够|地)?(?:${GAIN})|稳定地?(?:获利|盈利|赢利|赚钱|增值|升值|配息|返利|领息)`,
    negatable: true,
  },
  // A payout per period with its amount (每天返利 100 元, 每月領息五百, 月收益 10%): a fixed return promised.
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:每天|每日|每周|每月|每年|按月|按日|日|月|周|年)(?:返利|返现|返还|领息|领取利息|领|派息|配息|分红|收益|利息|回报)${AMOUNT}`,
    negatable: true,
  },
  // A yield promised by its floor or its size (保证每年 10% 以上的收益, 至少涨 50%, 高额回报, 回报丰厚, 零投资高回报).
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:保证|承诺|确保|担保)[^。！？；\\n]{0,10}?\\d+(?:\\.\\d+)? ?%[^。！？；\\n]{0,6}?(?:收益|回报|年化|分红|利息|返利|利润)|(?:至少|最少|起码|保底)(?:涨|赚|收益|回报|升值|增值|翻)${NUMBER}|(?:高额|丰厚的?|超高|暴利)(?:回报|收益|利息|返利|分红|利润)|(?:回报|收益|利润|分红)(?:丰厚|惊人|可观)|(?:零投资|零投入|零成本|小投入|低投入|不用本钱)[\\u4e00-\\u9fff]{0,2}?(?:高回报|高收益|大回报|高利润|赚钱|赚大钱)|本金(?:有)?保障|保障本金|(?:稳定|保证|固定)(?:月)?配息|售后(?:返租|包租)`,
    negatable: true,
  },
  // A high yield and the stake safe together (高收益還保本), money made lying down (躺著就能賺錢), the interest and the
  // principal guaranteed (100%本息担保), and an annual rate sold as the product (20%年息, 即投即计息).
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '(?:高收益|高回报|高利息)[\\u4e00-\\u9fff]{0,2}?(?:保本|保息|无风险|零风险)|躺(?:着|在家)?(?:就能|就可以|也能|都能)?(?:赚钱|赚|收钱|数钱)|(?:本息|本金|收益)(?:全额)?(?:担保|保障|兜底)|\\d+(?:\\.\\d+)? ?% ?(?:的)?(?:年息|年化|月息|日息|年利率|年收益)|即投即(?:计息|收益|返利)',
    negatable: true,
  },
  // 第二十五条（一）also forbids the stake safe by implication (明示或者暗示保本): the seller takes the loss (亏损由公司
  // 承担, 亏了算我的, 如有亏损全额补偿), the principal comes back at term (到期还本), or a guarantor's name makes it safe
  // (保险公司承保，安全有保障). A loss borne by the investor (风险由投资者自行承担) is the warning the article requires.
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '(?:亏损|亏本|损失|风险)(?:全部|全|均|都)?由(?:我们|我司|本公司|公司|平台|本平台|我方|机构|本机构|项目方)(?:全额|全部|一力)?(?:承担|兜底|赔付|补偿|负责|包赔)|(?:亏损|亏本|亏了|赔了|亏钱)(?:全额|全部|双倍)?(?:包赔|赔付|补偿|退还本金|由我|算我)|亏了算(?:我|我们|公司|平台)|如有亏损[^。！？；\\n]{0,8}?(?:赔付|补偿|退还|承担|包赔|赔偿)|(?:到期|期满)(?:一次性)?(?:还本|返本|返还本金)|(?:保险公司|银行|国企|央企|国资)(?:承保|担保|兜底)[^。！？；\\n]{0,8}?(?:安全|无风险|零风险|保本|有保障|无忧)',
    negatable: true,
  },
  // 第二十五条（一）对未来……收益作出保证性承诺: a future yield stated as a fixed figure (预期年化收益率 8%, 收益率分别为
  // 9%、10%: the 青岛 鼎鑫辉煌 case) or a sum the stake will earn (投资 1 万元，一年后可获得 1200 元收益).
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:预期|预计|约定|承诺|固定)(?:年化|年|月)?(?:收益率|回报率|利率|收益|年化)(?:分别)?(?:为|达|可达|高达|约|是)? ?\\d+(?:\\.\\d+)? ?%|(?:收益率|回报率)分别为 ?\\d+(?:\\.\\d+)? ?%|(?:投资|投入|存入|认购|购买)${AMOUNT}(?:元|万|块)?[^。！？；\\n]{0,10}?(?:即可|就能|就可|可|能|将)(?:获得|赚|拿到|领取|收到|获利)${AMOUNT}(?:元|万|块)?(?:的)?(?:收益|回报|利息|分红|利润)`,
    negatable: true,
  },
  // 第二十五条（一）in the words of 招商, 加盟 and 理财 ads the 典型案例 quote, and 第二十六条（一）升值或者投资回报的承诺 of
  // property ads: a yield floor (年化收益 12% 起), the stake back in a set number of years (三年回本), an income promised
  // for joining (加盟即可月入三万), small stake and large return (投资小回报大), dividends promised by the period (保证每月
  // 分红), rent that rises or pays the mortgage (租金每年递增 5%, 租金抵月供, 买房送十年租金), the state's or a bank's
  // backing as safety (国资背景，安全可靠; 本金由第三方担保), a sum for a
  // sum (投一万赚一万), and a return rate by its height (投资回报率超过 200%).
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:收益|回报|利率|利息|年化)(?:率)? ?\\d+(?:\\.\\d+)? ?% ?起|回本(?<=(?:\\d+|[两三四五六七八九十]) ?年(?:就能|即可|就|能|可)?回本)|(?:加盟|投资|入股|代理)${'[^。！？；\\n]'}{0,4}?(?:即可|就能|就可以|轻松|稳)?(?:月入|年入|月赚|年赚|日赚|日入)${AMOUNT}|投资小[,，、 ]?回报大|小投资[,，、 ]?大回报|低投入[,，、 ]?高回报|(?:保证|承诺|确保)(?:每月|每年|按月|每季度?|月月|年年)(?:分红|返利|付息|返租|收益|回报|领息)|租金(?:每年|逐年|年年|每 ?\\d+ ?年)(?:固定)?(?:递增|上涨|增长|上调)|租金抵月供|以租养贷|(?:买房|购房|买铺|购铺)送[\\u4e00-\\u9fff]{0,3}租金|(?:国资|国企|央企|政府|银行|上市公司)(?:背景|背书|控股|监管|合作)${'[^。！？；\\n]'}{0,6}?(?:安全可靠|绝对安全|无风险|零风险|保本|放心投|有保障)|(?:本金|资金)(?:由|有)(?:第三方|担保公司|保险公司|银行|国企)(?:全额)?(?:担保|承保|兜底|保障)|(?:投|投资|投入)${AMOUNT}(?:就|能|可以?)?赚${AMOUNT}|(?:回报率|收益率|投资回报)(?:超过|达到?|突破|高于) ?\\d+(?:\\.\\d+)? ?%`,
    negatable: true,
  },
  // 第二十五条（一）暗示保本、无风险或者保收益 in the eleventh batch's SMS forms: a yield above the bank's (比银行更好收益,
  // 收益高于银行存款), collateral as the stake's guarantee (房产抵押做保证), and a high yield and safety together
  // (收益高安全性高, 收益高、风险低).
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '比银行(?:存款|定期|利息|理财)?(?:更好|更高|高)(?:的)?(?:收益|回报|利息)|(?:收益|回报|利息)(?:比|高于|远超|超过)银行|(?:房产|房屋|资产|不动产)抵押(?:做|作为?)(?:保证|担保|保障)|收益高[、,， ]?(?:安全性?高|风险低|零风险|无风险)|(?:安全性?高|风险低)[、,， ]?收益高',
    negatable: true,
  },
  // 第二十五条（一）in the tenth batch's train copy: a fixed return per period stated as a rate (每月8%還本、8%盈利), the chance
  // of loss said to be nil (買美債虧損的可能性是零), and layered guarantees of the stake (债权优质 风控严格 五重保障).
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:每天|每日|每周|每月|每年|按月)${NUMBER}(?:还本|盈利|收益|利息|回报|返利|分红)|(?:亏损|亏本|赔钱|损失)的?(?:可能性?|几率|概率|机率)(?:是|为|等于)?(?:零|0(?![.\\d]))|(?:债权|资金|本金|投资|理财)[^。！？；\\n]{0,16}?[多双三四五六七八九十]重(?:保障|保护|担保)`,
    negatable: true,
  },
  // A past without loss sold as the future (十年来投资者从未亏损, 历史收益率从未亏损): its 未 is the claim, so it is not
  // negatable; a firm that has never lost money (公司成立以来从未亏损) is its accounts, not a promise to investors.
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '(?:从未|从不|没有|未曾|零)(?:亏损|亏过|亏本|赔过|逾期|违约)(?<=(?:历史|多年|十年|二十年|成立以来|运营以来|[一二三四五六七八九十\\d]+ ?年)(?:来)?[\\u4e00-\\u9fff]{0,4}?(?:收益率?|业绩|投资|产品|项目|理财|客户|投资者|用户)(?:从未|从不|没有|未曾|零)(?:亏损|亏过|亏本|赔过|逾期|违约))',
  },
  // 第二十五条（一）对未来收益……作出保证性承诺 in the words the law's own list leaves out: the yield named and then promised
  // (年報酬率保證12%: 報酬率 is Taiwan's word for the yield, 投信投顧法 and 公平交易法 cases), a payout per period made certain
  // (每年穩領十萬; a wage 稳拿 or a pension 固定领取 is no yield), the buyer promised the gain (包你赚钱, 保证您获利), and
  // the high interest illegal fund-raising is known by (高息理财, 高息揽储: 防范和处置非法集资条例 第二条 defines it by
  // 许诺还本付息或者给予其他投资回报).
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:收益|回报|报酬|利息|配息|分红|年化)率?[\\u4e00-\\u9fff]{0,2}?(?:保证|确保|承诺|担保)(?:为|在|达到?)?${NUMBER}|(?:每天|每日|每周|每月|每年|月月|年年|按月|按年)(?:稳稳|稳|保证|确保|轻松)(?:领取?|收|入账|到手)${AMOUNT}|(?:包|保证|确保|担保)(?:你|您|大家|客户|投资者|投资人|会员)(?:能|可以|一定|稳)?(?:${GAIN})|高息(?:理财|揽储|揽存|存款|回报|返利|产品|项目)`,
    negatable: true,
  },
  // A gain told as a dream come true (收益翻倍不是梦, 月入过万不是梦): the 不是 is the promise, so it is not negatable.
  {
    rule: 'finance/guaranteed-return',
    pattern:
      '(?:收益|回报|利润|资产|财富)(?:翻倍|翻番|倍增|翻[一二三四五六七八九十几]+倍)不(?:再)?是梦|(?:月入|年入|月赚|年赚)(?:过万|百万|十万|万元|[\\d一二三四五六七八九十百千万]+)不(?:再)?是梦',
  },
  // 第二十五条（一）and the advisers' own rules (证券、期货投资咨询管理暂行办法 and Taiwan's 證券投資顧問事業管理規則 forbid
  // promising a return or a profit): a tip service's win rate sold as its proof (跟單操作，勝率高達95%, 准确率
  // 高达90%的荐股) and a limit-up stock promised (每天推荐一只涨停股) — the rate counts only beside a trade's word, since a
  // surgery's or a test's 成功率 is no yield; 招商 and 加盟 ads' profit from the first day (开店即赚钱, 加盟当月回本) and
  // small stake, fast return (投资少，见效快); and 第二十六条（一）'s return on a shop (一铺养三代, 买铺即享10年租金回报).
  {
    rule: 'finance/guaranteed-return',
    pattern: `(?:带单|跟单|荐股|选股|操盘|喊单|股票|个股|期货|外汇|炒股|炒币|交易信号)[^。！？；\\n]{0,10}?(?:胜率|准确率|命中率|成功率|盈利率)(?:高达|达到?|超过|为|在)? ?(?:[6-9]\\d|100)(?:\\.\\d+)? ?%|(?:胜率|准确率|命中率|盈利率)(?:高达|达到?|超过|为|在)? ?(?:[6-9]\\d|100)(?:\\.\\d+)? ?%[^。！？；\\n]{0,4}?的?(?:荐股|牛股|股票|带单|跟单|操盘|交易策略|交易信号)|(?:每天|每日|每周|天天|保证|稳抓|必)(?:推荐|送|抓)?(?:一只|一个|[\\d两三五十]+ ?只)?涨停(?:股|板|牛股|票)|(?:开店|加盟|入驻|入股|代理)(?:即|就|就能|即可|马上|当月|当天|当年)(?:赚钱|盈利|回本|获利|见效)(?![了过])|投资少[,，、 ]?(?:见效快|回报高|利润高|收益高|回本快)|一铺养三代|(?:买|购)(?:铺|商铺|店铺)[^。！？；\\n]{0,4}?(?:即享|即送|送|享)[^。！？；\\n]{0,4}?租金`,
    negatable: true,
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
export const FAMILY: FamilyModule<'finance'> = defineFamily('finance', table, { phrases: PHRASES });
