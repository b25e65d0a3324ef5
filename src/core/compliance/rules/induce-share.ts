import type { PhraseEntry } from '../phrases.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import { INDUCEMENT_DESCRIBED, reportedByEnforcement } from '../register.ts';
import table from './induce-share.rules.json' with { type: 'json' };

/** Anything but a clause break: the parts of a phrase must sit in one clause. */
const C = '[^。！？；!?;\\n]';
const SHARE =
  '(?:转发|分享|转|发|晒)(?:(?:本|此|这)[篇条张则个]?[\\u4e00-\\u9fff]{0,3}?|文章|海报|链接|图片)?(?:到|至|给|进|在)?(?:你的|您的|自己的)?';
/** Where a share goes: Moments, a chat group of any usual kind (家族群, 业主群, 班级群), friends and family; 社群运营 is not one. */
const TARGET =
  '(?: ?\\d+ ?(?:个|位|名)?|[一二三两四五六七八九十几]+(?:个|位|名)?)?(?:朋友圈|微信群|群聊|(?:微信|家族|家人|亲友|亲戚|业主|班级|家长|同学|同事|工作|宝妈|妈妈|小区|校友|老乡|粉丝|车友|茶友|好友)?群(?:聊|里)?|好友|亲友|朋友|家人|亲人|同事|同学|闺蜜)';
/** A count: 38, 38 个 (spaces kept between digits and CJK), 三十. */
const N = ' ?(?:\\d+|[一二三两四五六七八九十百几]+|xx|x+) ?';
const REWARD =
  '(?:抽奖|领取|领|送|赠|获得|获取|赢|兑换|返现|红包|优惠券|免费|才能|才可|方可|即可|就能|就可以|可获|可得|可享|截图|解锁|积分|福利|奖励)';

/** What a Weibo-style campaign promises once its conditions are met (即可参加活动, 既有机会, 我们将私信你). */
const CAMPAIGN_PAYOFF =
  '(?:即可|就可以?|就能|就有机会|即有机会|既有机会|有机会|将私信|私信你|私信给你|一人送|每人送|即送|即得|赢取|抽取|可获得|即获得|就获得|参加活动|参与活动|参加抽奖|参与抽奖|开奖)';

/**
 * A character of the stretch between the share and the prize that does not deny the link (转发本文不影响抽奖结果:
 * the compliant wording, whose 不 sits between the two).
 */
const UNDENIED = `(?:(?![不无没未非别勿])${C})`;
/** What is shared, when it is named: 此微博, 本条, 这篇文章, + 评论 (optional, and the campaign names it or not). */
const SHARED =
  '(?:一下|下)?(?:本|此|这|该)?(?:条|篇|则|个)?(?:微博|微薄|博文|文章|文|帖子|贴文|动态|内容|消息|活动)?(?:者|的人|的朋友|的粉丝)?';
/** How a campaign gives its prize: drawn, a chance, given to all or the first N who do it. */
const OFFERED =
  '抽取|抽出|随机抽|抽 ?\\d+|抽[一二三四五六七八九十两几]+ ?(?:位|名|个|人)|有机会(?:获得|赢|免费|拿到|得到|抽)|有可能获得|获赠|送出|开奖|均可获|都可获|都可以获|即可获|即送|就送|前 ?\\d+ ?(?:名|位)';

const ENTRIES: PhraseEntry[] = [
  // 有奖转发: a share with a prize, named as such (a campaign's own hashtag). A bare 转起来 (孩子们转起来啊) is a
  // cheer, not an inducement: it counts only as 是中国人就转起来 (pressure, below).
  { rule: 'induce-share/reward-for-share', pattern: '有奖(?:转发|分享|转)|(?:转发|分享)有奖', negatable: true },
  // Repost this post (+ comment, + @ friends) as the condition of a prize (评论转发本条微博并@三位好友，既有机会…).
  {
    rule: 'induce-share/reward-for-share',
    pattern: `转发(?:本条|此条|这条|该条)?(?:微博|微薄|博文|帖子)${C}{0,60}?${CAMPAIGN_PAYOFF}`,
    negatable: true,
  },
  // 加粉 (add as a fan) + repost: the follow-and-share mechanic's own slang (请加粉@某号 并转发).
  { rule: 'induce-share/reward-for-share', pattern: `加粉${C}{0,12}?(?:并|再|和|\\+|,)?转发`, negatable: true },
  { rule: 'induce-share/reward-for-share', pattern: `${SHARE}${TARGET}${C}{0,30}?${REWARD}`, negatable: true },
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:分享|转发|邀请)${C}{0,20}?(?:抽奖|中奖)(?:机会|次数|概率)|(?:分享|转发|邀请)${C}{0,8}?越多${C}{0,12}?(?:中奖|抽奖|奖励|机会|概率|返现)|砍一刀|帮(?:我|你|忙)?(?:砍价|加速|助力)|好友(?:砍价|加速|助力)|助力砍价`,
    negatable: true,
  },
  // An invitation with a reward (拉新返利, 外链规范 2019): 邀请好友注册，双方各得 10 元.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:邀请|拉|邀)(?:新)?(?:好友|朋友|亲友)(?:注册|下单|进群|入群|关注|购买|参与)${C}{0,10}?(?:送|领|免费|奖励|返|各得|获得|得|立减|红包|现金)`,
    negatable: true,
  },
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:拉|邀请|邀)${N}(?:位|个|名)?(?:好友|朋友|亲友|人)(?:进群|入群|关注|助力|注册)?${C}{0,10}?(?:送|领|免费|奖励|返|各得|获得|得)`,
    negatable: true,
  },
  // A referral link or poster that pays when opened (分享链接被点击就能获得积分).
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:分享|邀请|专属)(?:链接|海报|码|二维码)${C}{0,16}?(?:获得|领取|送|积分|奖励|返现|红包)`,
    negatable: true,
  },
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:抽奖|领取|领奖|兑奖|中奖|奖品)${C}{0,10}?(?:需|须|需要|必须|要求|请先|先)(?:转发|分享)${C}{0,6}?${TARGET}`,
    negatable: true,
  },
  {
    rule: 'induce-share/reward-for-share',
    pattern: `邀请${C}{0,6}?(?:好友|朋友|亲友)${C}{0,6}?(?:助力|砍价|加速|拼团免费|免费领)`,
    negatable: true,
  },
  // Likes or help points as the ticket (外链规范 2019 集赞、助力): 点赞数最高的前三名……送, 集满 100 个助力值.
  {
    rule: 'induce-share/collect-likes',
    pattern: `(?<!留言|评论)(?:点赞|集赞|助力)(?:数|量|值)?(?:最高|最多|排名前?|排行前?|前${N}名?|满|达到|超过)${C}{0,16}?(?:送|领|获得|赢|奖|免费)|(?:集满|集齐|攒够|凑满|凑齐)${N}?(?:个|位|次)?(?:助力|赞|点赞)|助力值|(?:喊上|叫上|拉上|邀请|邀|找)${C}{0,4}?(?:好友|朋友|亲友|家人)${C}{0,4}?(?:助力|砍价|砍一刀|点赞|集赞)`,
    negatable: true,
  },
  {
    rule: 'induce-share/collect-likes',
    pattern: `集(?:满)? ?(?:${N}个?)? ?赞|集(?:卡(?!车|司机)|福|碎片)|(?<!留言|评论)点赞(?:数)?(?:满|达到|超过|前)${C}{0,16}?(?:送|领|获得|赢|奖)`,
    negatable: true,
  },
  {
    rule: 'induce-share/share-to-unlock',
    pattern: `(?:转发|分享)(?:本文|此文|文章)?(?:(?:到|至)${TARGET})?(?:后|之后|以后|完|成功)${C}{0,12}?(?:才能|才可以?|方可|即可|就能|可)(?:查看|阅读|看|领取|下载|获取|解锁|参与|免费|显示)`,
    negatable: true,
  },
  // 分享到朋友圈后 + a later clause that shows the result (the 2014 notice's test and quiz pages).
  {
    rule: 'induce-share/share-to-unlock',
    pattern: `(?:转发|分享)(?:本文|此文|文章|结果)?(?:到|至)${TARGET}(?:后|之后|以后)${C}{0,16}?(?:查看|看到|解锁|领取|获取|显示)`,
    negatable: true,
  },
  {
    rule: 'induce-share/share-to-unlock',
    pattern: `(?:查看|阅读|解锁|下载|领取)(?:全文|完整|答案|资料|剩余)${C}{0,4}?(?:需|须|请先|需要|要|先)(?:转发|分享)`,
    negatable: true,
  },
  // The reward named straight after the act (点赞评论就送, 转发抽最新款, 分享抽婴儿车, 转发得红包); 转发送别 is a farewell
  // and 得 before a degree word is the complement of the verb (分享得很好, 转发得太快), not a gain.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:点赞|转发|分享|集赞)(?:评论|留言)?(?:即可|就能|就可以|就|即)?(?:送(?!别|行|葬|终)|抽|赢|领|得(?![很太挺真更好快多非特越不])|拿)(?!到了|了)`,
    negatable: true,
  },
  {
    rule: 'induce-share/pressure',
    pattern: `不转(?:发)?(?:的|者|的人)?${C}{0,8}?(?:受穷|穷一辈子|一辈子穷|没好运|遭殃|出事)|是中国人就(?:转|分享|转发)|不转(?:发)?(?:就)?不是${C}{0,4}?人|(?:转发|转(?!运|移|载|院|让|变|换|向|身|告|达|化|型|折|播|账|交|车|乘|机|岗|诊|送|基|学|正|业|会|手|租|卖|售|述|角|弯|头|动|盘))(?:此文|这条|本条|此条|出去)?${C}{0,12}?(?:好运|平安|发财|保佑|转运|福气|长寿|心想事成|财运|暴富|顺顺利利|万事如意|功德无量|积德|幸福一辈子|好事发生|愿望(?:就会|会|都会|就能)?实现|梦想成真)|不转(?:发)?${C}{0,6}?(?:倒霉|倒大霉|厄运|后悔|霉运|报应|遭殃|不顺|不得安宁|良心)`,
  },
  // A number of likes as the ticket, however it is counted (获得 38 个赞, 截图……送你; 满 50 赞送).
  {
    rule: 'induce-share/collect-likes',
    pattern: `(?:获得|获|收到|攒|集|满|凑|达到|超过)${N}(?:个|位|次)?(?:赞|点赞|按赞|like)${C}{0,20}?(?:截图|送|领|赢|奖|兑换|免费)`,
    negatable: true,
  },
  // Friends invited to open, grab or draw something (邀请好友拆礼盒, 邀好友抢红包, 叫上朋友开宝箱).
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:邀请|邀|叫上|喊上|拉上)${C}{0,4}?(?:好友|朋友|亲友|家人|小伙伴)${C}{0,4}?(?:拆|开|抢|领|抽|瓜分|分)(?:礼盒|礼包|红包|宝箱|盲盒|奖品|现金|福利|大奖)`,
    negatable: true,
  },
  // Likes or votes canvassed for a chance of a prize (按赞留言就有机会, 帮我点个赞, 邀请更多人……投票).
  {
    rule: 'induce-share/collect-likes',
    pattern: `(?:点赞|按赞)(?:留言|评论|分享)?(?:就|即|便)(?:有机会|可|能|送|抽)|帮(?:我|忙)?点(?:个|一下)?赞|邀请(?:更多|身边)?的?(?:人|好友|朋友|亲友)${C}{0,10}?(?:投票|拉票|应援)`,
    negatable: true,
  },
  // Share this post, tag friends, share it publicly, as social-media campaigns word the ticket (分享此貼文, 標記 3 位好友, 公開分享).
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:分享|转发|转贴)(?:此|这篇|本|这则)?(?:贴文|动态|活动|文章|影片|视频)${C}{0,16}?(?:抽|送|赢|获得|有机会|即可|参加|参与)|(?:标记|tag)${C}{0,3}?(?:\\d+|[一二两三四五六七八九十]+)?(?:位|个|名)?(?:好友|朋友)${C}{0,16}?(?:抽|送|赢|获得|有机会|即可|参加|参与)|公开分享`,
    negatable: true,
  },
  // Friends tagged in a comment as the ticket (评论区 @3 个好友，抽 10 人送霸王餐; 并@5个粉丝 会一人送): the @ is
  // the share, whatever the platform calls it.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:@|＠|艾特|圈出|圈上)${N}(?:个|位|名)? ?(?:好友|朋友|粉丝|闺蜜|小伙伴|亲友|家人|人)${C}{0,16}?(?:抽|送|赢|领|获得|有机会|即可|就能|参与|奖)`,
    negatable: true,
  },
  // A share as the condition of a prize, in any order of its parts (转发才能获得抽奖资格, 分享后即可领取, 转发此文即可
  // 免费领); a share that only brings joy or growth (分享才能获得快乐) wins nothing and is left alone.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:转发|分享)${C}{0,10}?(?:才能|才可以?|方可|即可|就能|就可以|后即可|后可|后就能|后方可|后才能)${C}{0,4}?(?:领取|抽奖|参与抽奖|参加抽奖|兑换|免费领|(?:获得|得到|赢取|获取)${C}{0,6}?(?:红包|奖品|奖励|优惠券|积分|资格|机会|礼品|礼包|福利|现金|名额|资料|课程|折扣))`,
    negatable: true,
  },
  // The form of a share campaign, whatever its words: the share (转发此微博, 转发+评论, 凡转发本文者), then in the
  // same sentence how the prize is given (抽取 5 位, 有机会获得, 均可获赠, 前 100 名送). 分享 is also telling a
  // story (分享一下抽奖结果), so it counts only with a payoff that is offered, not one that is told; a share told
  // as done (他转发了抽奖活动) is narration, not a condition.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `转发(?![了过])${SHARED}${UNDENIED}{0,40}?(?:${OFFERED}|抽奖|中奖)|分享(?![了过])${SHARED}${UNDENIED}{0,40}?(?:${OFFERED})`,
    negatable: true,
  },
  // The prize drawn from those who share (在转发的粉丝中随机抽取, 从转发的人里面挑选一位) and the share that has a prize
  // (转发有礼, 分享有惊喜).
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:在|从)(?:所有|全部)?(?:转发|分享)${C}{0,10}?(?:中|里面?|之中)${C}{0,4}?(?:抽取|抽出|随机|挑选|选出|抽)|(?:转发|分享)有(?:礼|好礼|惊喜|福利|大礼)`,
    negatable: true,
  },
  // Friends invited as the price of what the reader wants (邀请 3 个好友关注才能查看答案): an invitation with a gate.
  {
    rule: 'induce-share/share-to-unlock',
    pattern: `(?:邀请|拉|邀)${N}(?:位|个|名)?(?:好友|朋友|亲友|人)${C}{0,8}?(?:才能|才可以?|方可|即可|就能)(?:查看|阅读|看|领取|下载|获取|解锁|参与|免费)`,
    negatable: true,
  },
  // 《微信公众平台运营规范》诱导分享, 强制用户分享: the share as the gate of the next step, whatever the step (分享后方可
  // 预定, 分享后才能继续下一步操作, 必须转发才能查看下一页), and not sharing shutting it (不分享就无法关闭弹窗; the 不 is
  // the gate, not a negation of it).
  {
    rule: 'induce-share/share-to-unlock',
    pattern: `(?:转发|分享)(?:本文|此文|文章|链接|结果)?(?:(?:到|至)${TARGET})?(?:后|之后|以后)(?:用户|你|您)?(?:才能|才可以?|方可|方能|才可见|才会)(?!被)|(?:必须|需要|需|须|得)先?(?:转发|分享)(?:本文|此文|文章|链接)?(?:(?:到|至)${TARGET})?(?:后|之后)?(?:才能|才可以?|方可|方能)`,
    negatable: true,
  },
  {
    rule: 'induce-share/share-to-unlock',
    pattern: `(?:不|没有?|未)(?:转发|分享)(?:(?:到|至)${TARGET})?(?:的话)?(?:就|则|将)?(?:无法|不能|没法|看不到|不可以)(?:查看|观看|阅读|看|继续|关闭|下载|领取|播放|解锁|参与|获取|显示)?`,
  },
  // 运营规范 胁迫、煽动用户分享 (用夸张言语来胁迫、引诱用户分享: 必转, 转疯了) and love proved by a share (转发给爸妈证明你爱他们,
  // 不转就是不孝), the examples WeChat names.
  {
    rule: 'induce-share/pressure',
    pattern: `必转(?![^。！？；!?;\\n]{0,2}(?:换|变|化|移|正|型|运))|(?:转发|分享|转)(?:给|到)${C}{0,10}?证明(?:你|您)(?:爱|孝顺|在乎|关心|是)|不(?:转发|转|分享)(?:就|的)?(?:是)?(?:不孝|不爱|没良心|白眼狼)`,
  },
  // 2019 外链规范's 邀请好友协助 as activity pages word the gate (the seventh batch): too few friends invited denies the
  // prize (邀请的好友不足，无法领取) and friends asked for a game's turn (求助好友送体力).
  {
    rule: 'induce-share/share-to-unlock',
    pattern: `邀请(?:的)?(?:好友|朋友|人数|人)(?:数)?(?:不足|不够|未满|未达到?|还差)${C}{0,6}?(?:无法|不能|不可|暂不能)?(?:领取|参与|兑换|提现|抽奖|解锁)|(?:求助|邀请|请|找)(?:好友|朋友|小伙伴)(?:送|赠送|帮忙送|助力送|帮忙加|加)(?:体力|次数|机会|能量|积分|道具|生命)`,
  },
  // 2019 外链规范: 声称分享可增加抽奖机会 and 签到打卡 for money (分享后可再玩一次, 分享获得更多机会, 打卡满 21 天返还全部学费;
  // the 薄荷阅读 and 流利阅读 返学费 campaigns WeChat stopped).
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:转发|分享)(?:后|成功)?(?:可|即可|就能|就可以|还能|还可以?)?(?:再|多)(?:玩|抽|摇|砍)(?:一次|一局|一把|一轮|一回)|(?:转发|分享)(?:后)?(?:可|即可|就能)?(?:获得|得到|赢得)更多(?:机会|次数|抽奖次数)|(?:打卡|签到)(?:满|够|坚持|连续)?${N}?(?:天|日|次)?${C}{0,6}?(?:返还|返|退还|退)(?:全部|全额)?(?:学费|费用|现金|押金)|(?:分享|打卡|转发)返(?:学费|现)`,
    negatable: true,
  },
  // 在看 (which shares an article to 看一看, WeChat's feed of friends' picks) as the condition of a gift (点“在看”，……领取).
  {
    rule: 'induce-share/reward-for-share',
    pattern: `点(?:个|一下|击)?[“"「]?在看[”"」]?${C}{0,24}?(?:领取|获取|免费|送|抽|红包)`,
    negatable: true,
  },
  // 外链规范 2019 集赞 under its shop-counter name 积攒 (节日积攒活动，凡积攒 xx 个，凭手机微信可……): a count of likes with
  // the prize it buys; 积攒 of savings or strength (积攒 10 个月的工资, 积攒了经验) counts nothing on a post.
  {
    rule: 'induce-share/collect-likes',
    pattern: `积攒${N}(?:个|次)(?![月年天周小])(?:赞|点赞)?${UNDENIED}{0,24}?(?:凭|送|赠|领|免费|兑换|获得|即可|均可|可)|积攒(?:活动|送|有礼)`,
    negatable: true,
  },
  // 运营规范 3.4 利诱分享 where the screenshot of the share is the ticket (转发后截图发给小编领红包, 分享並截圖私訊領獎): the
  // share is proved to claim a prize, whatever the target; a screenshot shared alone wins nothing.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:转发|分享)(?![了过])${SHARED}(?:后|之后|并|再|\\+|,)?${UNDENIED}{0,4}?截图${UNDENIED}{0,16}?(?:领|送(?!达|到)|赠|兑换|获得|免费|抽|奖)`,
    negatable: true,
  },
  // 运营规范 3.4 利诱分享 (现金、奖品、实物、积分、话费……) in its shortest form: share this article, and a gift follows in the
  // next clause (转发本文，送10元话费; 分享本文，赠送精美礼品一份). The article must be named, so that 分享一下，送给大家 (a post
  // handing out its own tips) is left alone.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:转发|分享|转)(?![了过])(?:本文|此文|本篇文章|这篇文章|本条|此条|本帖|此帖|本贴|此贴)(?:到|至|给)?${UNDENIED}{0,6}?[,，、 ]${UNDENIED}{0,2}?(?:即|就|均|都|可|即可)?(?:送(?!达|到|别)|赠送|赠|领取|领|获赠|得)(?:\\d+|[一二三四五六七八九十百]+ ?元|精美|礼|红包|话费|流量|积分|会员|优惠券|现金|奖品|实物|好礼|小礼品)`,
    negatable: true,
  },
  // 运营规范 3.4 胁迫、煽动用户分享 beyond its own examples (不转不是中国人): the reader's identity or conscience made the
  // reason to share (是中国人请转发, 爱国的都转起来, 有良心的人都会转, 是孝子就转给你的父母, 不转不是好妈妈), and the chain
  // letter's luck for this post passed on (转发此条，七天内必有好事; 转发给十个群，明天就有好消息). What is shared must be
  // this post or go to a count of people, so that a government's 转发……通知 is left alone; a bare 转 counts only at the
  // clause's end, where it is no 转变 or 转移.
  {
    rule: 'induce-share/pressure',
    pattern: `(?:是|身为|作为)(?:中国人|华人|炎黄子孙|孝子|孝顺的人|好人|爱国的人|有良心的人|真朋友)[,，]?(?:就|请|都|必须|一定要)(?:转发|分享|转起来|转给|转出去|转(?=[！!。，,]|$))|(?:爱国的|有良心的|孝顺的|有爱心的)(?:人|朋友|中国人)?(?:都|请|就|一定)(?:会|要)?(?:转发|分享|转起来|转出去|转(?=[！!。，,]|$))|不(?:转发|转|分享)(?:就)?不是(?:好|真|孝顺的?)?(?:妈妈|爸爸|子女|儿女|朋友|孝子|父母)|(?:转发|转|分享)(?:此条|这条|本条|此文|这篇|出去|给 ?${N}(?:个|位)?(?:群|人|好友|朋友))${C}{0,10}?(?:必有|就有|会有|将有|必定有|定有)(?:好事|好消息|喜事|奇迹|惊喜|好运|财运)`,
  },
  // 运营规范 3.4 利诱分享 with 现金 and 《微信外部链接内容管理规范》's 分享……获得现金 and 拉人头 (多级分销): the share paid
  // in money (分享赚佣金, 分享即赚, 转发文章赚钱, 分享一次得一元, 一键分享，赚取收益), a friend's purchase paying the sharer
  // (推荐好友下单返佣, 好友通过你的链接购买，你可获得佣金), and recruits paid for (拉新奖励50元, 拉人头返现, 邀请好友得现金).
  // Tips about money shared (分享赚钱的经验, 分享赚钱心得) and a sum earned and told (分享赚了多少) are left alone.
  {
    rule: 'induce-share/reward-for-share',
    pattern: `(?:分享|转发)(?![了过])(?:文章|链接|本文|海报|商品|一次|一篇|每篇)?(?:即|就|就能|可|也能|即可|[,，])?(?:赚(?![了过到得])(?!钱?的?(?:经验|心得|秘诀|方法|技巧|故事|之道|门道|攻略|思路))|赚取|得 ?(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百]+) ?(?:元|块|毛|分钱)|返佣|拿佣金|获得佣金|领佣金|有佣金)|(?:推荐|邀请|介绍)(?:好友|朋友|亲友)[^。！？；\\n]{0,8}?(?:返佣|拿佣金|得佣金|获得佣金|提成|返现)|(?:通过|用)(?:你|您)的(?:链接|连结|邀请码|二维码|海报|分享)[^。！？；\\n]{0,12}?(?:佣金|返佣|提成|返现)|拉新(?:奖励|返现|送|得|有奖|返利)|拉人头(?:返现|返利|奖励|提成|赚钱)|邀请(?:好友|朋友|亲友)(?:即|就|可)?得(?:现金|红包|奖励|奖金|\\d)`,
    negatable: true,
  },
];

/**
 * Every entry asserts its inducement: not asked as a yes-or-no question (转发就能领红包？ is a headline that
 * doubts it; register.ts askedAt), not quoted from the rules or describing a page that does it (register.ts INDUCEMENT_DESCRIBED), and not reported by enforcement or a
 * warning (register.ts).
 */
export const PHRASES: PhraseEntry[] = reportedByEnforcement(
  ENTRIES.map((entry) => ({ ...entry, notAsked: true, exemptInSentence: INDUCEMENT_DESCRIBED })),
);

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'induce-share'> = defineFamily('induce-share', table, { phrases: PHRASES });
