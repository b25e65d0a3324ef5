/** The six HTML heading elements, which both the raw-HTML allow-list and the WeChat shaping treat as one group. */
export const HEADING_TAGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'] as const;
