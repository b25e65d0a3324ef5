import { characterCount, characterCountWithoutSpace, type LintDocument, type Reporter } from '../document.ts';
import { defineFamily, type FamilyModule } from '../family.ts';
import table from './wechat-limits.rules.json' with { type: 'json' };

const WECHAT_HOSTS = /^https?:\/\/(?:mp\.weixin\.qq\.com|weixin\.qq\.com)(?:[/?#]|$)/i;

export function checkWeChatLimits(document: LintDocument, report: Reporter): void {
  const { limits } = document.settings;
  const fieldLimit = (name: string, ruleId: `wechat-limits/${string}`, max: number) => {
    const segment = document.fields.find((field) => field.name === name);
    if (!segment) return;
    const count = characterCount(segment.text);
    if (count > max) {
      report({
        ruleId,
        segment,
        start: 0,
        end: segment.text.length,
        message: {
          zh: `${name} 有 ${count} 个字，微信最多 ${max} 个。`,
          en: `${name} has ${count} characters; WeChat allows ${max}.`,
        },
      });
    }
  };
  fieldLimit('title', 'wechat-limits/title-length', limits.titleMaxChars);
  fieldLimit('digest', 'wechat-limits/digest-length', limits.digestMaxChars);
  const authorField = document.fields.find((field) => field.name === 'author');
  const authorName = document.authorName ?? authorField?.text;
  if (authorField && authorName !== undefined && characterCount(authorName) > limits.authorMaxChars) {
    report({
      ruleId: 'wechat-limits/author-length',
      segment: authorField,
      start: 0,
      end: authorField.text.length,
      message: {
        zh: `作者名“${authorName}”有 ${characterCount(authorName)} 个字，微信最多 ${limits.authorMaxChars} 个。`,
        en: `The author name "${authorName}" has ${characterCount(authorName)} characters; WeChat allows ${limits.authorMaxChars}.`,
      },
    });
  }

  const body = document.body;
  if (!body?.scan) return;
  // White space is not counted, as the editor's 字数 and the pre-send check (publishing/preflight.ts) count:
  // counting the line breaks refused prose of 19,860 visible characters that render and publish accept.
  const count = characterCountWithoutSpace(body.text);
  // UTF-8 needs at most three bytes per UTF-16 unit: most bodies are within the limit without counting.
  const bytes = body.text.length * 3 <= limits.bodyMaxBytes ? 0 : Buffer.byteLength(body.text, 'utf8');
  if (count >= limits.bodyMaxChars || bytes > limits.bodyMaxBytes) {
    const shownBytes = bytes || Buffer.byteLength(body.text, 'utf8');
    report({
      ruleId: 'wechat-limits/body-length',
      segment: body,
      start: 0,
      end: Math.min(body.text.length, Math.max(1, body.text.indexOf('\n'))),
      message: {
        zh: `正文有 ${count} 个字、${shownBytes} 字节；微信要求少于 ${limits.bodyMaxChars} 字且不超过 ${limits.bodyMaxBytes} 字节。`,
        en: `The body has ${count} characters and ${shownBytes} bytes; WeChat needs fewer than ${limits.bodyMaxChars} characters and at most ${limits.bodyMaxBytes} bytes.`,
      },
    });
  }
  for (const image of body.scan.images) {
    const path = image.url.split(/[?#]/)[0]!;
    const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
    if (
      image.url !== '' &&
      (!extension || !['jpg', 'jpeg', 'png'].includes(extension)) &&
      !/^https?:\/\/mmbiz\.qpic\.cn\//.test(image.url)
    ) {
      report({
        ruleId: 'wechat-limits/image-format',
        segment: body,
        start: image.start,
        end: image.end,
        message: {
          zh: `图片 ${image.url} 不是 JPG 或 PNG，微信正文不支持。`,
          en: `The image ${image.url} is not JPG or PNG, which a WeChat body needs.`,
        },
      });
      continue;
    }
    const size = document.imageBytes?.(image.url);
    if (size !== undefined && size >= limits.imageMaxBytes) {
      report({
        ruleId: 'wechat-limits/image-size',
        segment: body,
        start: image.start,
        end: image.end,
        message: {
          zh: `图片 ${image.url} 有 ${(size / 1048576).toFixed(2)} MB，须小于 ${(limits.imageMaxBytes / 1048576).toFixed(2)} MB。`,
          en: `The image ${image.url} is ${(size / 1048576).toFixed(2)} MB; it must be under ${(limits.imageMaxBytes / 1048576).toFixed(2)} MB.`,
        },
      });
    }
  }
  for (const link of body.scan.links) {
    if (WECHAT_HOSTS.test(link.url)) continue;
    report({
      ruleId: 'wechat-limits/external-link',
      segment: body,
      start: link.start,
      end: link.end,
      message: {
        zh: `外部链接 ${link.url} 在微信正文里不能点击。`,
        en: `The external link ${link.url} will not be clickable in WeChat.`,
      },
    });
  }
}

/** The family's registry entry (registry.ts): its table of rules and texts, and what finds them. */
export const FAMILY: FamilyModule<'wechat-limits'> = defineFamily('wechat-limits', table, {
  documentCheck: checkWeChatLimits,
});
