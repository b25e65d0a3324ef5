import type { PhraseEntry } from '../phrases.ts';
import { defineRule } from '../types.ts';

export const RULES = [
  defineRule('finance/guaranteed-return', {
    family: 'finance',
    severity: 'error',
    basis: {
      zh: '《中华人民共和国广告法》第二十五条：招商等有投资回报预期的商品或者服务广告，不得对未来效果、收益作出保证性承诺，明示或者暗示保本、无风险或者保收益。',
      en: 'Advertising Law of the PRC, art. 25: ads for goods or services with expected investment returns may not promise future returns, or state or imply capital guarantees, no risk or guaranteed yield.',
    },
    summary: { zh: '承诺保本、稳赚、无风险', en: 'Guaranteed return or "no risk"' },
    help: { zh: '删去收益承诺；涉及收藏、投资时写明“存在风险”，不要暗示升值。', en: 'Remove the promise; where collecting or investing is mentioned, state that there is risk and do not imply appreciation.' },
  }),
];

export const PHRASES: PhraseEntry[] = [
  {
    rule: 'finance/guaranteed-return',
    pattern: '保本保息|本金(?:全额)?(?:返还|退还|安全)|收益稳定在|(?:保证|确保|绝对|包)不(?:亏本|亏损|亏|赔)|(?:本金|本息|资金)(?:安全)?(?:有保障|有保证|无忧|零风险|无风险)|本息[\\u4e00-\\u9fff]{0,4}?兑付|绝不违约|刚性兑付|稳健高收益|低风险高收益|高收益低风险|保底(?:年化|分红|收益|回报|返利|利息| ?\\d)|(?:承诺|保证|确保)(?:年化)?(?:回报|收益|利息|分红)|(?:一年|半年|\\d+ ?个?月|[一二三四五六七八九十两]+个?月)(?:就能|就可以|就|即可|能|可)?回本|(?:包您?|保您?|保证)[\\u4e00-\\u9fff]{0,4}?收回成本|保本(?:理财|投资|型|产品|收益|承诺|无忧)|(?:承诺|保证|确保|100 ?%|绝对)保本|保息|还本付息|固定收益|无任何风险|收益(?:有保障|有保证|保底)|保证[^。！？，,\\n]{0,6}回本|(?:包|稳)回本|(?:理财|投资|计划|产品|项目)[^。！？；\\n]{0,4}(?:零风险|无风险|没有风险)|稳赚不赔|稳赚|只赚不赔|包赚|稳赢|保证(?:年化)?(?:收益|回报|利润|升值|增值)|(?:年化)?收益(?:率)?(?:保证|保底)|保底收益|保收益|本金无忧|只涨不跌|稳涨不跌|必涨|(?:零风险|无风险|没有风险)(?:投资|理财|收益|回报|套利|高收益)|(?:投资|理财|收益|回报)(?:零风险|无风险)|(?:一年|每年|年年|三年)(?:就|即可|能|可)?(?:翻倍|翻番)|(?:收藏|投资)[^。！？；\\n]{0,8}(?:稳赚|必涨|翻倍|升值空间巨大|稳定升值)',
    negatable: true,
  },
];
