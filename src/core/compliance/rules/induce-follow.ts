import type { PhraseEntry } from '../phrases.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import { INDUCEMENT_DESCRIBED, reportedByEnforcement } from '../register.ts';
import table from './induce-follow.rules.json' with { type: 'json' };

const C = '[^。！？；!?;\\n]';
const ACCOUNT = '(?:本号|本公众号|(?:我们的)?公众号|我们|我|小编|账号|官方号)';
/** The account as activity pages name it (本公众平台, 该公众号, 我们的微信号, 微信公众账号). */
const OFFICIAL = `(?:${ACCOUNT}|(?:本|该|我们的?|此)?(?:微信)?(?:公众平台|公众号|微信号|公众账号|服务号|订阅号))`;

/** 关注后你会看到更多: a description of what the feed brings, not a gate on this article. */
const FEED_NOT_GATE = '(?![你您大家]{0,2}(?:会|将|就会|可以在|能在))';

/**
 * 关注 as a call to the reader, not a noun of attention (备受关注，赢得好评; 引发社会关注): the campaign
 * entries below skip these.
 */
const NOT_A_CALL = '(?<!受|引发|引起|备受|值得|广泛|高度|持续|密切|社会|公众|舆论|的|加以|给予|予以|保持)';
/** What a follow-and-share campaign promises at the end of its conditions (即可获得, 就有机会, 我们将私信你). */
const CAMPAIGN_PAYOFF =
  '(?:即可|就可以?|就能|就有机会|即有机会|既有机会|有机会|将私信|私信你|私信给你|一人送|每人送|即送|即得|赢取|抽取|可获得|即获得|就获得|参加活动|参与活动|参加抽奖|参与抽奖|开奖)';

/** A character between the follow and the prize that does not deny the link (关注与否不影响抽奖). */
const UNDENIED = `(?:(?![不无没未非别勿])${C})`;
/** A count, in figures, in words, or masked as x by a published SMS dataset (可优惠xxx元). */
const COUNT = ' ?(?:\\d+|[一二三两四五六七八九十百千几]+|x+) ?';
/**
 * How a follow campaign gives its prize: drawn, a chance, or a coupon, a red packet, points handed out; money off the
 * price (关注微信可优惠 100 元, 关注立减 20 元, 关注即享九折, 微信关注本店，消费打八折), a draw joined (微信关注某某，参与抽奖)
 * and a members' group opened (扫描二维码关注公众号，即可进入粉丝群): 运营规范 3.4 names 利诱 by any benefit, and a discount
 * or a group is one.
 */
const FOLLOW_PAYOFF =
  `(?:可|即可|就可|均可|都可|立|再)?(?:优惠|立减|减免|返现|抵扣)${COUNT}元|` +
  '(?:即可|就能|可以?|便可)?(?:进入|加入|进)(?:粉丝群|交流群|技术群|读者群|福利群|学习群|微信群|群聊)|进群|加群|入群|' +
  `(?:即|可|均可|都可|立|就|就能|即可)?享(?:受)?(?:${COUNT}折|[一二三四五六七八九]折|会员价|会员折扣|优惠价|折扣|特价)|打${COUNT}折|打[一二三四五六七八九]折|参与抽奖|参加抽奖|` +
  '抽取|抽出|随机抽|抽 ?\\d+|抽[一二三四五六七八九十两几]+ ?(?:位|名|个|人)|抽免单|有机会(?:获得|赢|免费|拿到|得到|抽)|获赠|送出|开奖|即送|就送|(?:领|送|赠)(?:取)? ?(?:\\d+ ?元|券|红包|优惠券|礼品|小礼品|好礼|福利|积分|新人礼)|(?:即可|就能|就可以|均可|都可)(?:获得|领取|免费|参与抽奖|获赠)';

/**
 * Entries of one rule and the same flags are joined into one where a family would pass 32: up to 32 entries each run
 * as their own expression, and past it the family falls back to one long alternation, several times slower on an
 * article (phrases.ts SEPARATE_UP_TO). Each comment above an entry names the forms among its alternatives.
 */
const ENTRIES: PhraseEntry[] = [
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `关注${ACCOUNT}?(?:后|之后|以后|才能|才可以?|方可|即可|就能)${FEED_NOT_GATE}${C}{0,4}?(?:查看|阅读|看到?|见到|解锁|显示|获取)(?:全文|完整|答案|剩余|余下|下文|后续|原文|更多|内容|结局|结果|下集)`,
    negatable: true,
  },
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `(?:查看|阅读|解锁)(?:全文|完整内容|剩余内容|答案|下文)${C}{0,4}?(?:需|须|需要|请先|要|先)关注`,
    negatable: true,
  },
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `关注${ACCOUNT}?(?:后|之后|即|就|即可|并)?(?:送|赠|领取|免费领|可领|获得|获取|抽奖|参与抽奖|有礼|返现|红包)`,
    negatable: true,
  },
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `关注${C}{0,10}?(?:才能|方可|才可以?|才有|才算)${C}{0,4}?(?:参与|抽奖|领取|兑换|获得|中奖|资格|机会)`,
    negatable: true,
  },
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:抽奖|领取|领奖|兑奖|参与|中奖|奖品)${C}{0,8}?(?:需|须|需要|必须|要求|请先|先)关注`,
    negatable: true,
  },
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:长按|扫码|扫描二维码)(?:识别)?(?:二维码)?关注${C}{0,10}?(?:领取|送|获取|抽奖|免费)|关注${C}{0,8}?回复${C}{0,12}?(?:领取|获取|免费|查看|阅读|解锁)`,
    negatable: true,
  },
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `关注${ACCOUNT}?${C}{0,3}?(?:即可|才能|方可|就能|就可以)(?:领取|获得|参与|抽奖|兑换)|先关注${ACCOUNT}?再(?:抽奖|领取|参与|查看|阅读|投票)|关注(?:并置顶|并星标|并转发)?${ACCOUNT}${C}{0,14}?(?:领取|领|送(?!达|到)|红包|抽奖|兑换)`,
    negatable: true,
  },
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `(?:需|须|需要|要|请先|先)关注${ACCOUNT}?(?:后|才能|才可以?|方可)${C}{0,4}?(?:查看|阅读|看|参与|领取|获取)`,
    negatable: true,
  },
  // 关注后 + a later clause that unlocks or rewards (关注后发送关键词“报告”，解锁完整结果); 关注后你会看到更多 describes the feed.
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `关注${ACCOUNT}?(?:后|之后)${FEED_NOT_GATE}${C}{0,20}?(?:解锁|查看|获取|领取|阅读|下载|看到)`,
    negatable: true,
  },
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:长按|扫码|点击|点)${C}{0,8}?关注${C}{0,10}?(?:抢|领|送(?!达|到)|赠|券|红包|抽|立减|减|打折|折扣|优惠|福利|礼)|关注(?:即|就|立)(?:得|送|赠|领|减)|关注,?(?:抽|送|赠)|只有关注${C}{0,10}?才(?:能|可以?)`,
    negatable: true,
  },
  // 关注后私信/留言/回复 a keyword, and something is sent or unlocked (the keyword is the gate).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `关注(?:${ACCOUNT}(?:后|之后|并|再)?|后|之后|并|再)${C}{0,3}?(?:私信|留言|回复|发送|后台回复|后台留言|后台发送)${C}{0,20}?(?:发给|发你|发送给|送|领取|获取|免费|查看|解锁|推送|得到|拿到)`,
    negatable: true,
  },
  // 星标/置顶 the account for a reward: the same inducement as 关注 (《微信公众平台运营规范》诱导关注).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:星标|置顶|设为星标|加星标)${ACCOUNT}?${C}{0,8}?(?:即可|就能|才能|方可|就可以|可)?(?:领取|获得|抽奖|参与抽奖|兑换|送|赠|红包|福利|礼品)`,
    negatable: true,
  },
  // A requirement to follow before doing anything (必须关注……才能报名): 关注 as the entry condition.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:必须|务必|须|需|需要|要|得)先?关注(?:${ACCOUNT}|[“「『][^”」』]{1,12}[”」』])?(?:后|之后)?(?:才能|才可以?|方可|才)`,
    negatable: true,
  },
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:未|没有?|不)关注${C}{0,6}?(?:无法|不能|不可以?|不得)(?:参与|查看|阅读|领取|投票|抽奖|兑换)`,
  },
  // A messaging app's official account as the entry condition (LINE 官方帳號: 請先加入……方能, 僅限加入……之好友, 封鎖即無法參加).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:先|须|需|必须|务必)?加入${C}{0,16}?(?:官方帐号|官方账号|公众号)${C}{0,20}?(?:方能|才能|才可|始能|即可)|(?:仅限|限)(?:加入|关注)${C}{0,16}?(?:官方帐号|官方账号|公众号)`,
    negatable: true,
  },
  // Blocking or unfollowing the account loses the prize (封鎖官方帳號即無法參加, 取消关注视为放弃): the 无法 is the gate itself.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:封锁|取消关注|取关|解除好友|删除好友)${C}{0,16}?(?:官方帐号|官方账号|公众号|本号|好友)?${C}{0,10}?(?:无法|不能|不得)?(?:参加|参与|领奖|兑奖|获奖)?${C}{0,6}?(?:丧失|取消|视为放弃|视同放弃|无法参加|不能参加)${C}{0,4}?(?:资格|活动|奖)?`,
  },
  // The follow named as the act that wins (只要关注@某号并转发……送, 关注+转发抽 3 位送).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:关注|follow)${C}{0,12}?(?:\\+|和|并|且|及|再)(?:转发|分享|留言|点赞|按赞|@)${C}{0,16}?(?:送|抽|赢|领|奖|福利)`,
    negatable: true,
  },
  // The follow on another platform as the ticket (追蹤粉專, 訂閱頻道, 加入LINE好友, 按讚粉絲專頁 …即可抽獎).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:追踪|订阅|按赞|加入|关注)(?:我们的?|本|官方)?(?:粉专|粉丝专页|粉丝团|官方帐号|官方账号|ig|instagram|频道|line|好友)${C}{0,16}?(?:即可|就能|就可以|才能|方可|可获得|即送|送|抽|领|获得|有机会|参加抽奖|参与抽奖)`,
    negatable: true,
  },
  // A Weibo-style campaign: follow an account, then comment/share/@ friends, then a payoff
  // (凡是关注我们评论转发微博并@十个好友以上即可获得; 关注@某号 并转发本条微博，我们将私信你邀请码).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `${NOT_A_CALL}(?:关注|加粉|follow)${C}{0,14}?(?:评论|转发|分享|@)${C}{0,60}?${CAMPAIGN_PAYOFF}`,
    negatable: true,
  },
  // 关注某号，赢大奖 (a campaign headline); 赢得 is praise earned (关注度赢得好评), not a prize.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `${NOT_A_CALL}关注${C}{1,12}?,?赢(?!得|了|过)(?:取)?`,
    negatable: true,
  },
  // 加粉 (add as a fan) + share: campaign slang that only the follow-and-share mechanic uses (请加粉@某号 并转发).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `加粉${C}{0,12}?(?:并|再|和|\\+|,)?(?:转发|评论|@)`,
    negatable: true,
  },
  // 关注 + a grab verb + the prize, no connective (关注公众号领红包, 关注抢券): the follow is the price.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `${NOT_A_CALL}关注${ACCOUNT}?(?:领|抢|拿|赢)(?:红包|奖品|大奖|福利|礼品|礼包|好礼|现金|优惠券|券|资料)`,
    negatable: true,
  },
  // Follow a page and like/comment/tag as the ticket, Facebook/IG style (追蹤並按讚留言即可抽獎); a bare
  // 追踪 is tracking (警方追踪并分享线索) unless the next verb is the platform's own (按赞, 标记, tag).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:(?:追踪|订阅)(?:我们|本|官方|粉专|粉丝专页|ig|频道)(?:并|\\+|、|,|和)(?:按赞|留言|分享|标记|tag|追踪|订阅|转发)|(?:追踪|订阅|按赞)(?:并|\\+|、|,|和)?(?:按赞|标记|tag))${C}{0,20}?(?:即可|就能|就有机会|有机会|抽|送|获得|参加|参与)`,
    negatable: true,
  },
  // A 锦鲤 draw (寻找一枚锦鲤……统统送给你): Weibo's follow-and-repost lottery, named by its prize-winner.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `锦鲤(?<=(?:寻找|寻|抽|抽取|抽出|选出|评选|找)[\\u4e00-\\u9fff]{0,6}?锦鲤)${C}{0,40}?(?:送给你|送你|统统送|全部送|都送|送出|带走)`,
    negatable: true,
  },
  // The form of a follow campaign, whatever its words: the follow (关注@某号, 关注+评论, 关注店铺, 收藏店铺, 成为我们的
  // 粉丝), then in the same stretch how the prize is given (抽一位, 下周抽取, 有机会获得, 领 5 元券, 抽免单). A follow
  // told as done (关注了), the noun (关注度) or the attribute (受到关注的商品) is no call.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `${NOT_A_CALL}(?:(?:加)?关注(?![了过度点者到的])|收藏(?:本店|店铺|我们)|成为(?:我们|本号|本店|我|小编)的?粉丝)${UNDENIED}{0,16}?(?:${FOLLOW_PAYOFF})`,
    negatable: true,
  },
  // 《微信公众平台运营规范》诱导关注, 强制用户关注: the follow as the gate of the next step, whatever the step (关注后方可
  // 报名, 关注本号才能预约), and not following shutting it (不关注就看不到后续; the 不 is the gate); and a free download or
  // a free view as its reward (关注公众号免费下载全套资料).
  // The 2014 notice's 诱导关注 (测试类、答题类内容……关注后用户才可见到答案或内容) in the words of the quiz pages: the answer
  // or the result pointed to the account (测试结果请关注公众号查看, 答案在公众号里，关注后发送数字即可), the follow as the
  // way to see it (关注公众号即可查看, 关注我们查看答案), and a vote or a sign-up behind it (投票请先关注).
  // 运营规范 强制用户关注 as the prompts of real WeChat activity pages word it (the seventh corpus batch's train/dev
  // strings): follow first, then do anything (请先关注我们再游戏, 请关注本公众平台后再参与活动, 请长按二维码关注后使用),
  // not following the account denying the step (您尚未关注该公众号，没有权限查看; 没有关注我们的微信号,因此不能提交信息;
  // 没关注这件事 is attention, not an account), being a fan as
  // the condition (必须是我们的粉丝才可以领取, 参加活动必须关注), and the follow unlocking a turn (关注公众号后就可以帮好友
  // 集字, 关注微信公众账号，还可获得更多撕名牌机会).
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `${NOT_A_CALL}关注(?:${ACCOUNT}(?:后|之后)?|后|之后)(?:用户|你|您)?(?:才能|才可以?|方可|方能|才可见)|(?:答案|结果|测试结果|测试报告|全文|后续|完整版|下集|下半部分|剩余内容)${C}{0,8}?(?:请|需|须|需要|要)(?:先)?关注|(?:答案|结果|测试结果|全文|后续|完整版)(?:在|就在|都在)(?:公众号|本号|我们的公众号)|${NOT_A_CALL}关注${ACCOUNT}(?:后|之后)?(?:即可|就能|就可以|才能|可)?(?:查看|获取|看到|看|见到)(?:答案|结果|测试结果|全文|完整|后续|下文|原文|剩余)|${NOT_A_CALL}关注${ACCOUNT}(?:后|之后)?(?:即可|就能|就可以)(?:查看|看到|获取|阅读|下载)|(?:投票|报名|查看|阅读|下载|观看|预约|答题)${C}{0,4}?(?:请先|须先|需先|需要先|要先|必须先|先)关注|(?:请|需|须|需要|必须|务必|请先|先)${C}{0,8}?关注(?:${OFFICIAL})?(?:后|之后)?再(?:来|参与|参加|玩|游戏|提现|领|使用|抽奖|投票|报名|进入|访问|查看|操作|试|进行|提交|答题|下单|兑换|分享|助力)|(?:请|需|须|请先|先|长按二维码|扫码|扫描二维码)关注(?:${OFFICIAL})?(?:后|之后)(?:使用|参与|参加|领取|提现|抽奖|投票|报名|进入|访问|操作|游戏|答题|兑换|查看)|关注(?:${OFFICIAL})?(?:后|之后)(?:就|即)(?:可以|可|能)(?:帮|参与|参加|领|玩|获得|抽|使用|兑换|提现|查看|继续)`,
    negatable: true,
  },
  // More of the same prompts' forms (强制用户关注): not following answered by a call to follow (您还未关注公众号，请先关注),
  // fans only (非粉丝不能参与, 只有粉丝才能参与, 仅限粉丝参与), the follow as the door to the activity or its prize (关注公众号
  // 进入活动, 关注公众号后即可砍价, 关注后即可抢红包; 市民关注后参与活动 names no account), and a keyword to send after it (关注我们的公众号，然后回复活动参与).
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `(?:不|没有?|未)关注(?:${ACCOUNT})?(?:的话)?(?:就|则|将)?(?:看不到|无法(?:查看|观看|阅读|继续|下载|获取|报名|预约|参与|领取|解锁|看到)|不能(?:查看|观看|阅读|继续|下载|获取|报名|预约|解锁|看到))|(?:尚未|没有|未|还没有?|还未|没)关注(?:${OFFICIAL}${C}{0,14}?|[,，]?(?:因此|所以|则|就|将)?[,，]?)(?:没有权限|无权|不能|无法|不可以?|不允许)|(?:必须|须|需要|要|只有)(?:是|成为)(?:我们|本号|本店|我|小编|本公众号|公众号)的?粉丝(?:才|方)|(?:参加|参与)(?:活动|抽奖|游戏)${C}{0,2}?(?:必须|须|需|需要|要)(?:先)?关注|(?:尚未|还未|未|没有|还没有?)关注(?:${OFFICIAL})?[,，]?(?:请|请先|先|赶紧|快去?)(?:先)?(?:扫描二维码|扫码|长按二维码|扫描下方二维码)?关注|(?:非|不是)(?:我们的|本号的?|本店的?)?粉丝${C}{0,4}?(?:无法|不能|不可以?|不得)|(?:只有|仅限|限)(?:本号)?粉丝(?:才能|才可以?|方可|可)?(?:参与|参加|领取|领|抽奖|兑换|投票|下载|查看)|粉丝才(?:能|可以?)(?:参与|参加|领取|领|抽奖|兑换|投票)`,
  },
  // 运营规范 诱导关注 (以奖励或其他方式……诱导用户关注) in the steps campaigns chain to the follow: a message after it
  // (关注+私信，送你一份攻略), a QR code recognised (识别二维码关注，免费领取), a Taiwan page's 追蹤 as the whole ticket
  // (追蹤即可參加抽獎) or the first of several (追蹤+留言+標記好友，抽出三位; the normalised view drops the +).
  // A subscription that brings the news it subscribes to (订阅即可获得最新资讯) is no prize.
  // A keyword replied to the account for a download or a gift (公众号回复 1024 免费领取, 后台回复“星球”有优惠券, 回复“书籍”
  // 获取……电子版): an account answers only its followers, so the reply is the follow's price (运营规范 诱导关注, 以奖励……
  // 诱导用户关注), as the eighth and ninth batches' 公众号 articles word it (回复【1】领取, 公众号回复【GB】即可, 关注某某实验室，
  // 回复：公测红包, 可以关注一下如下的公众号进行领取; 回覆 in Taiwan's usage); the account may be named before it (关注上方某某公众号并回复).
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `${NOT_A_CALL}关注${ACCOUNT}(?:后|之后|即可|就能|就可以|并)?免费(?:下载|观看|领取|获取|看|学|听|试用|领|获得)|${NOT_A_CALL}(?:关注|追踪|订阅|follow)(?:${ACCOUNT})?(?:\\+|＋|并|和|再)?(?:私信|留言|评论|回复|按赞|分享|标记|tag|转发)${C}{0,20}?(?:送|领|获取|发你|免费|抽|有机会|即可|参加抽奖|参与抽奖)|识别(?:图中|下方|上方)?(?:二维码)?关注${C}{0,10}?(?:领取|送|获取|抽奖|免费)|(?:追踪|订阅)(?:即可|就能|就可以|就有机会|即有机会)(?:参加抽奖|参与抽奖|抽|领取|获得(?:抽奖|奖|礼|优惠|折|赠))|关注(?:${OFFICIAL})${C}{0,4}?(?:还可|还能|即可|就可|可)(?:以)?(?:获得|赢得|得到|领取)${C}{0,8}?(?:机会|次数|积分|奖|红包|体力|福利)|${NOT_A_CALL}关注(?:${OFFICIAL}(?:后|之后)?(?:即可|就能|就可以|可)?|(?:后|之后)?(?:即可|就能|就可以))(?:进入活动|参与活动|参加活动|砍价|抢红包|抽红包|助力|参与投票)|${NOT_A_CALL}关注${OFFICIAL}${C}{0,4}?(?:然后|再|并)(?:回复|发送)${C}{0,12}?(?:参与|参加|领取|获取|抽奖|查看)|(?:公众号|后台|公众号后台|对话框|聊天框)(?:内|里|中)?(?:回复|回覆|发送|留言)${C}{0,20}?(?:(?:即可|免费|就能|可)?(?:领取|获取|获得|下载|加群|进群|有(?:优惠券|红包|资料|福利|惊喜))|即可(?=[。.!！]|$))|关注${C}{1,14}?(?:回复|回覆|发送)${C}{0,12}?(?:红包|资料|福利|优惠券|加群|进群|拉你)|关注${C}{0,10}?公众号(?:进行|来|去)?(?:领取|获取|下载)|回(?:复|覆) ?[“"'「『_【] ?[^”"'」』】\\n,，。]{1,16}?[”"'」』_】]? ?${C}{0,6}?(?:即可|免费|就能|可)?(?:领取|获取|获得|下载|加群|进群)|关注${C}{1,12}?(?:公众号|服务号|订阅号)(?:并|后|再|,)?(?:回复|回覆|发送|私信)${C}{0,20}?(?:领取|获取|免费|下载)`,
    negatable: true,
  },
  // 运营规范 3.4 诱导关注 (以奖励或其他方式……诱导用户关注) where the account is joined or added by its WeChat id rather
  // than followed (凡是加入某某微信号均可赠送, 添加本店公众号即送): the gift is the price of the follow all the same. Only the
  // account nouns count, not 加入我们 (a job ad's), and a bare 加 is not the tail of 增加, 参加 or 更加.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `(?:加入|添加|(?<![增参更追叠附施强外])加)(?:本店|我们|我|本|该)?的?[\\u4e00-\\u9fff]{0,6}?(?:微信号|微信公众号|公众号|公众平台|服务号|订阅号)${UNDENIED}{0,10}?(?:(?:均可|即可|都可|就可|就能|即|就|可)(?:获赠|赠送|送|领取|免费|获得|享受?)|有惊喜|有礼)`,
    negatable: true,
  },
  // 运营规范 3.4 利诱 with 资料: the follow as the way to ask the author for a file (关注我推荐的公众号，通过这个公众号进入群内
  // 和我索要): the account is the only door to what the article offers.
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `${NOT_A_CALL}关注(?![了过])${UNDENIED}{0,12}?(?:公众号|本号|服务号|订阅号)${UNDENIED}{0,24}?(?:索要|索取)`,
    negatable: true,
  },
  // The same keyword gate told from the other end (运营规范 3.4 诱导关注): what the article offers is named first, and the
  // follow and the reply are how to get it (工具下载地址：关注公众号回复“x”; 获取方式：关注公众号，回复“靶场”; 下载链接请在
  // 公众号内回复“tools”). The head is a way to get a thing (下载地址, 获取方式), so a contact line (联系方式：关注公众号) is no gate.
  {
    rule: 'induce-follow/follow-to-unlock',
    pattern: `(?:下载|获取|领取|索取)(?:地址|链接|连结|方式|方法|途径|渠道)${UNDENIED}{0,6}?(?:关注|公众号|本号|服务号|订阅号)${UNDENIED}{0,16}?(?:回复|回覆|发送|留言|私信)`,
    negatable: true,
  },
  // The keyword gate with the keyword alone (关注公众号，回复关键词“电子书”; 关注公众号，后台私信“加群”; 源码已上传，公众号内回复
  // 【源码】): the quoted word is what the account answers followers with, so the gate needs no payoff named. The reply is the
  // reader's only after 关注 or inside the account (后台, 公众号内, 对话框); an account's own reply quoted in news
  // (该公众号回复：“已删除”) is left alone.
  {
    rule: 'induce-follow/reward-for-follow',
    pattern: `${NOT_A_CALL}关注(?![了过的])${UNDENIED}{0,16}?(?:回复|回覆|私信|发送|留言)(?:关键词|关键字|暗号|口令)?[：: ]?[“"'「『【]|(?:后台|公众号内|公众号里|公众号后台|对话框|聊天框)(?:回复|回覆|私信|发送|留言)(?:关键词|关键字|暗号|口令)?[：: ]?[“"'「『【]`,
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
export const FAMILY: FamilyModule<'induce-follow'> = defineFamily('induce-follow', table, { phrases: PHRASES });
