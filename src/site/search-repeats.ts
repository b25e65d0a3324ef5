/**
 * Outside the default language a search box searches two indexes, its own language's and the
 * default language's (src/site/shared-search.ts), and a page can be found in both: the English
 * handbook chapter that says "GitHub" and the Chinese one, whose result opens the same English
 * page. Pagefind lists both; this hides each result whose address a result above it already
 * has (the higher-scored stays). Runs in the reader's browser.
 */
export function hideRepeatedResults(searchBox: Element): void {
  new MutationObserver(() => {
    const seen = new Set<string>();
    for (const result of searchBox.querySelectorAll<HTMLElement>('.pagefind-ui__result')) {
      const address = result.querySelector('.pagefind-ui__result-link')?.getAttribute('href')?.replace(/#.*$/, '');
      if (address === undefined) continue;
      const repeated = seen.has(address);
      const display = repeated ? 'none' : '';
      if (result.style.display !== display) result.style.display = display;
      seen.add(address);
    }
  }).observe(searchBox, { childList: true, subtree: true });
}
