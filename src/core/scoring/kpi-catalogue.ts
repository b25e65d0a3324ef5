/**
 * The measures a policy may name in an indicator's `parts`: what each one means and how it is
 * read from the analytics core (src/core/metrics/kpis.ts) and the campaign records. The policy
 * chooses which measures count for which role, with what weight, target and normaliser; this
 * table only says what the names mean, so the handbook and the scorer describe them alike.
 */
import { text, type LocalizedText } from '../i18n/language.ts';
import type { CampaignFile } from '../model/types.generated.ts';
import type { ArticleKpi, DateRange, FollowerKpis, SupportKpis } from '../metrics/kpis.ts';
import { inRange } from '../metrics/kpis.ts';
import type { KpiValue } from './score-types.ts';

/** The figures of one range, computed once and shared by every member scored over it. */
export interface RangeFigures {
  range: DateRange;
  articles: ArticleKpi[];
  /** When the policy sets it: the articles published in the range are summed over their first this-many days. */
  articleWindowDays?: number;
  followers: FollowerKpis;
  support: SupportKpis;
  /** Campaigns that ended within the range (in the policy's time zone), with the members credited. */
  campaigns: Array<{ campaign: CampaignFile; credited: ReadonlySet<string> }>;
}

export interface KpiDefinition {
  name: LocalizedText;
  /** Where its figures are kept, so a change can be traced to files (mpflow score --diff). */
  source: string;
  measure: (figures: RangeFigures, member: string) => KpiValue;
}

const format = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: false });

function perArticle(
  role: 'author' | 'designer',
  figure: 'reads' | 'shares' | 'likes' | 'comments',
): KpiDefinition['measure'] {
  const names = {
    reads: ['阅读', 'reads'],
    shares: ['转发', 'shares'],
    likes: ['点赞', 'likes'],
    comments: ['评论', 'comments'],
  }[figure];
  return (figures, member) => {
    const own = figures.articles.filter(
      (article) =>
        article[role] === member && article.publishedOn !== undefined && inRange(article.publishedOn, figures.range),
    );
    if (own.length === 0)
      return {
        value: null,
        basis: text(
          `${figures.range.from}–${figures.range.to} 没有发布${role === 'author' ? '撰写' : '设计'}的文章`,
          `no ${role === 'author' ? 'written' : 'designed'} article published ${figures.range.from}–${figures.range.to}`,
        ),
      };
    const total = own.reduce((sum, article) => sum + article[figure], 0);
    const window = figures.articleWindowDays;
    return {
      value: total / own.length,
      basis:
        window === undefined
          ? text(
              `${own.length} 篇文章，共 ${format(total)} 次${names[0]}`,
              `${own.length} articles, ${format(total)} ${names[1]} in all`,
            )
          : text(
              `${own.length} 篇文章，各按发布起 ${window} 天，共 ${format(total)} 次${names[0]}`,
              `${own.length} articles, ${format(total)} ${names[1]} in all, each over its first ${window} days`,
            ),
    };
  };
}

type SupportAgent = SupportKpis['agents'][number];

/** A support figure of the member as an agent; none (basis `missing`) when they had no conversation or the figure is empty. */
function agentMeasure(
  figure: 'withinDeadlineShare' | 'satisfactionMean',
  missing: LocalizedText,
  basis: (agent: SupportAgent, support: SupportKpis) => LocalizedText,
): KpiDefinition['measure'] {
  return (figures, member) => {
    const agent = figures.support.agents.find((entry) => entry.agent === member);
    const value = agent?.[figure] ?? null;
    if (!agent || value === null) return { value: null, basis: missing };
    return { value, basis: basis(agent, figures.support) };
  };
}

/** A campaign's result and target of one figure, when it has both. */
function resultAndTarget(
  figure: 'participants' | 'satisfaction',
): (campaign: CampaignFile) => { result: number; target: number } | undefined {
  return (campaign) => {
    const result = campaign.results?.[figure];
    const target = campaign.targets?.[figure];
    return result !== undefined && target !== undefined ? { result, target } : undefined;
  };
}

function campaignAttainment(
  pick: (campaign: CampaignFile) => { result: number; target: number } | undefined,
  label: LocalizedText,
): KpiDefinition['measure'] {
  return (figures, member) => {
    const ratios: number[] = [];
    const ids: string[] = [];
    for (const { campaign, credited } of figures.campaigns) {
      if (!credited.has(member)) continue;
      const pair = pick(campaign);
      if (!pair || pair.target <= 0) continue;
      ratios.push(pair.result / pair.target);
      ids.push(campaign.id);
    }
    if (ratios.length === 0)
      return {
        value: null,
        basis: text('当月没有结束的、有目标和结果的活动', 'no campaign with targets and results ended this month'),
      };
    const mean = ratios.reduce((sum, value) => sum + value, 0) / ratios.length;
    return {
      value: mean,
      basis: text(
        `${ids.join('、')}：${label.zh}达成 ${ratios.map((value) => `${format(value * 100, 1)}%`).join('、')}`,
        `${ids.join(', ')}: ${label.en} at ${ratios.map((value) => `${format(value * 100, 1)}%`).join(', ')} of target`,
      ),
    };
  };
}

export const KPI_CATALOGUE: Record<string, KpiDefinition> = {
  'reads-per-article': {
    name: text('篇均阅读（本人撰写、当月发布）', 'Reads per article (written, published this month)'),
    source: 'content/metrics/articles/',
    measure: perArticle('author', 'reads'),
  },
  'shares-per-article': {
    name: text('篇均转发（本人撰写）', 'Shares per article (written)'),
    source: 'content/metrics/articles/',
    measure: perArticle('author', 'shares'),
  },
  'likes-per-article': {
    name: text('篇均点赞（本人撰写）', 'Likes per article (written)'),
    source: 'content/metrics/articles/',
    measure: perArticle('author', 'likes'),
  },
  'comments-per-article': {
    name: text('篇均评论（本人撰写）', 'Comments per article (written)'),
    source: 'content/metrics/articles/',
    measure: perArticle('author', 'comments'),
  },
  'designed-reads-per-article': {
    name: text('篇均阅读（本人设计）', 'Reads per article (designed)'),
    source: 'content/metrics/articles/',
    measure: perArticle('designer', 'reads'),
  },
  'designed-shares-per-article': {
    name: text('篇均转发（本人设计）', 'Shares per article (designed)'),
    source: 'content/metrics/articles/',
    measure: perArticle('designer', 'shares'),
  },
  'follower-net-growth': {
    name: text('粉丝净增', 'Net follower growth'),
    source: 'content/metrics/followers/',
    measure: (figures) =>
      figures.followers.daysWithData === 0
        ? { value: null, basis: text('没有粉丝数据', 'no follower data') }
        : {
            value: figures.followers.net,
            basis: text(
              `新增 ${figures.followers.new}，取关 ${figures.followers.cancelled}`,
              `${figures.followers.new} new, ${figures.followers.cancelled} cancelled`,
            ),
          },
  },
  'follower-churn-rate': {
    name: text('粉丝流失率（取关 ÷ 期初粉丝）', 'Churn rate (cancelled ÷ followers at start)'),
    source: 'content/metrics/followers/, content/metrics/followers-cumulative/',
    measure: (figures) =>
      figures.followers.churnRate === null || figures.followers.daysWithData === 0
        ? { value: null, basis: text('没有期初粉丝数或取关数据', 'no starting follower count or cancellations') }
        : {
            value: figures.followers.churnRate,
            basis: text(
              `取关 ${figures.followers.cancelled} ÷ 期初 ${figures.followers.cumulativeStart}`,
              `${figures.followers.cancelled} cancelled ÷ ${figures.followers.cumulativeStart} at start`,
            ),
          },
  },
  'first-reply-within-deadline-share': {
    name: text('按时首次回复的比例', 'Share of first replies within the deadline'),
    source: 'content/metrics/support/',
    measure: agentMeasure('withinDeadlineShare', text('没有接待记录', 'no conversations'), (agent, support) =>
      text(
        `${agent.conversations} 次接待中 ${agent.withinDeadline} 次在 ${support.deadlineMinutes} 分钟内首次回复`,
        `${agent.withinDeadline} of ${agent.conversations} conversations answered within ${support.deadlineMinutes} minutes`,
      ),
    ),
  },
  'support-satisfaction': {
    name: text('客服满意度（1–5）', 'Support satisfaction (1–5)'),
    source: 'content/metrics/support/',
    measure: agentMeasure('satisfactionMean', text('没有满意度评价', 'no satisfaction ratings'), (agent) =>
      text(`${agent.rated} 次评价的平均值`, `mean of ${agent.rated} ratings`),
    ),
  },
  'campaign-participants-attainment': {
    name: text('活动参与人数达成率', 'Campaign participants against target'),
    source: 'content/campaigns/',
    measure: campaignAttainment(resultAndTarget('participants'), text('参与人数', 'participants')),
  },
  'campaign-conversion-attainment': {
    name: text('活动转化率达成率', 'Campaign conversion against target'),
    source: 'content/campaigns/',
    measure: campaignAttainment(
      (campaign) => {
        const results = campaign.results;
        if (
          !results ||
          results.conversions === undefined ||
          !results.participants ||
          campaign.targets?.conversionRate === undefined
        )
          return undefined;
        return { result: results.conversions / results.participants, target: campaign.targets.conversionRate };
      },
      text('转化率', 'conversion'),
    ),
  },
  'campaign-satisfaction-attainment': {
    name: text('活动满意度达成率', 'Campaign satisfaction against target'),
    source: 'content/campaigns/',
    measure: campaignAttainment(resultAndTarget('satisfaction'), text('满意度', 'satisfaction')),
  },
};
