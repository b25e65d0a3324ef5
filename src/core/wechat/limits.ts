/**
 * WeChat's own limits on an article, stated once. draft/add refuses a title over 32 characters
 * (errcode 45003), an author over 16 (45110), a digest over 128 (45004) and a body of 20,000
 * characters or 1 MB or more (45002); uploadimg refuses a body image of 1 MB or more (40009).
 * The compliance checks take them as the defaults a department's policy may tighten
 * (`compliance.limits`), the publisher trims and measures with them, and the errcode
 * explanations quote them.
 */
export const WECHAT_LIMITS = {
  titleMaxChars: 32,
  authorMaxChars: 16,
  digestMaxChars: 128,
  /** The body must have fewer visible characters than this. */
  bodyMaxChars: 20_000,
  /** …and fewer bytes of HTML than this. */
  bodyMaxBytes: 1024 * 1024,
  /** A body image must be smaller than this. */
  imageMaxBytes: 1024 * 1024,
} as const;

export type WeChatLimits = { readonly [K in keyof typeof WECHAT_LIMITS]: number };

/** 1,048,576 bytes as "1 MB", for messages. */
export function megabytes(bytes: number): string {
  return `${bytes / (1024 * 1024)} MB`;
}
