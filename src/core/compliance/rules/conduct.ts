/**
 * Agents' replies to users, held to the department policy's 沟通规范 四（二）3: 回复用户消息时，要
 * 使用礼貌用语，态度热情、耐心，不得与用户发生争执或冲突. Two rules: dismissive or rude wording
 * (你自己看说明书, 爱买不买, 烦不烦) and arguing with or blaming the user (是你自己的问题, 有本事
 * 你去投诉). They run on one reply at a time, never on articles (an article may quote such words):
 * `mpflow metrics import --from wechat-support` checks each reply while its text is in memory and
 * keeps only the counts.
 */
import { compilePhrases, findPhrases, type PhraseEntry, type PhraseSet } from '../phrases.ts';
import { buildTextView } from '../text-view.ts';

// Its two rules are of the lexicon family: their texts are in lexicon.rules.json.

// Written against the normalised view: Simplified, lower-case, half-width (你自己看說明書 is 你自己看说明书).
const C = '[^。！？；!?;\\n]';
const YOU = '(?:你|你们|您)';

export const PHRASES: PhraseEntry[] = [
  // Telling the user to find the answer alone.
  {
    rule: 'lexicon/impolite-reply',
    pattern: `${YOU}?自己(?:去|不会)?(?:看|查|翻|读)(?:一下|下)?(?:说明书|说明|详情页?|页面|公告|规则|介绍|订单|物流)`,
    exemptBefore: /麻烦|辛苦|劳驾/,
  },
  {
    rule: 'lexicon/impolite-reply',
    pattern: `(?:不会|不能)自己(?:看|查|找)(?:吗|啊|嘛)|(?:都|早就?|已经)(?:说|讲|写)(?:了|过)(?:多少|好几|几)(?:遍|次)|说了多少遍`,
  },
  // Take it or leave it.
  {
    rule: 'lexicon/impolite-reply',
    pattern: `爱(?:买|要|用|退|等)不(?:买|要|用|退|等)|不(?:买|要)(?:就)?拉倒|爱咋咋(?:地|样)?|爱怎么(?:样|办)怎么(?:样|办)|随便${YOU}(?:吧|了)?(?:$|[。！!，,])`,
  },
  // Rude or contemptuous wording.
  {
    rule: 'lexicon/impolite-reply',
    pattern: `烦不烦|别烦我|(?:关|干)我(?:什么|啥|屁)事|${YOU}(?:是)?(?:听不懂|看不懂|不识字|眼瞎|瞎了?吗?|有病|脑子)|${YOU}问我我问谁|少废话|废话(?:真)?多|(?:^|[^不])滚(?:$|[。！!，,吧])`,
  },
  // Blaming the user.
  {
    rule: 'lexicon/arguing-with-user',
    pattern: `(?:是|这是|都是|那是)${YOU}(?:自己)?的(?:问题|错|责任)|怪${YOU}自己|${YOU}自己(?:没看清|不看|弄坏|搞错|操作错|填错)${C}{0,6}?(?:怪谁|还怪|赖)`,
  },
  // Daring the user, disputing them.
  {
    rule: 'lexicon/arguing-with-user',
    pattern: `有本事${YOU}?(?:就|去)?(?:投诉|告|曝光)|(?:爱|要|想)投诉就(?:去)?投诉|随便${YOU}?(?:去)?(?:投诉|告|曝光)|投诉(?:也|都)没用|${YOU}(?:去)?告(?:啊|吧|呀)`,
  },
  {
    rule: 'lexicon/arguing-with-user',
    pattern: `${YOU}(?:这是|这叫|就是)?(?:无理取闹|胡搅蛮缠|找茬|找事|碰瓷)|${YOU}懂(?:什么|啥)|${YOU}说了不算|别(?:跟|和)我(?:吵|争|抬杠|较劲)|我(?:说的)?(?:就是|才是)对的`,
  },
];

let compiled: PhraseSet | undefined;

export interface ReplyConduct {
  impolite: number;
  arguing: number;
}

/** How many findings of each conduct rule one reply has; the text is read and never kept. */
export function checkReplyConduct(reply: string): ReplyConduct {
  compiled ??= compilePhrases(PHRASES);
  const view = buildTextView(reply);
  const result: ReplyConduct = { impolite: 0, arguing: 0 };
  for (const match of findPhrases(compiled, view.text)) {
    if (match.entry.rule === 'lexicon/impolite-reply') result.impolite += 1;
    else result.arguing += 1;
  }
  return result;
}
