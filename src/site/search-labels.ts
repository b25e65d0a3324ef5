/**
 * The search box of the department pages (Pagefind's own UI, the index Starlight builds): its
 * strings in each language, so the Chinese site searches in Chinese words. The keys are
 * Pagefind UI's translation keys; the handbook's search gets the same strings (i18n-loader.ts).
 */
import type { Lang } from './policy-view.ts';

export const SEARCH_LABELS: Record<Lang, Record<string, string>> = {
  'zh-CN': {
    placeholder: '搜索文章和手册',
    clear_search: '清除',
    load_more: '加载更多结果',
    search_label: '搜索本站',
    filters_label: '筛选',
    zero_results: '没有找到“[SEARCH_TERM]”',
    many_results: '找到 [COUNT] 条“[SEARCH_TERM]”的结果',
    one_result: '找到 [COUNT] 条“[SEARCH_TERM]”的结果',
    alt_search: '没有找到“[SEARCH_TERM]”，以下是“[DIFFERENT_TERM]”的结果',
    search_suggestion: '没有找到“[SEARCH_TERM]”，试试以下搜索：',
    searching: '正在搜索“[SEARCH_TERM]”……',
  },
  en: {
    placeholder: 'Search articles and the handbook',
    search_label: 'Search this site',
  },
};
