import { characterCount, type LintDocument, type Reporter } from '../document.ts';
import { defineRule } from '../types.ts';

const API = {
  zh: '微信公众平台接口文档（草稿箱 draft/add、上传图文消息内的图片 media/uploadimg）',
  en: 'WeChat Official Account API (draft/add, media/uploadimg)',
};

function limitRule(
  id: `wechat-limits/${string}`,
  severity: 'error' | 'warning',
  summaryZh: string,
  summaryEn: string,
  helpZh: string,
  helpEn: string,
  basisZh: string,
  basisEn: string,
) {
  return defineRule(id, {
    family: 'wechat-limits',
    severity,
    basis: { zh: `${API.zh}：${basisZh}`, en: `${API.en}: ${basisEn}` },
    summary: { zh: summaryZh, en: summaryEn },
    help: { zh: helpZh, en: helpEn },
  });
}

export const RULES = [
  limitRule(
    'wechat-limits/title-length',
    'error',
    '标题超出微信限制',
    'Title over the WeChat limit',
    '标题压缩到限制以内；可把补充信息放进摘要。',
    'Shorten the title; move detail into the digest.',
    '标题不超过 32 个字。',
    'the title has at most 32 characters.',
  ),
  limitRule(
    'wechat-limits/author-length',
    'error',
    '作者名超出微信限制',
    'Author name over the WeChat limit',
    '作者名缩短到限制以内。',
    'Shorten the author name.',
    '作者不超过 16 个字。',
    'the author has at most 16 characters.',
  ),
  limitRule(
    'wechat-limits/digest-length',
    'error',
    '摘要超出微信限制',
    'Digest over the WeChat limit',
    '摘要压缩到限制以内，一两句话说清文章讲什么。',
    'Shorten the digest to a sentence or two.',
    '摘要不超过 128 个字。',
    'the digest has at most 128 characters.',
  ),
  limitRule(
    'wechat-limits/body-length',
    'error',
    '正文超出微信限制',
    'Body over the WeChat limit',
    '拆成上下两篇，或删减正文。',
    'Split the article in two or cut it down.',
    '正文少于 2 万字、小于 1 MB。',
    'the body is under 20,000 characters and under 1 MB.',
  ),
  limitRule(
    'wechat-limits/image-format',
    'error',
    '正文图片格式微信不支持',
    'Body image format not accepted by WeChat',
    '把图片转成 JPG 或 PNG。',
    'Convert the image to JPG or PNG.',
    '正文图片仅支持 jpg/png。',
    'body images must be jpg or png.',
  ),
  limitRule(
    'wechat-limits/image-size',
    'error',
    '正文图片过大',
    'Body image too large',
    '压缩图片到 1 MB 以下（例如导出为 80% 质量的 JPG）。',
    'Compress the image below 1 MB (e.g. JPG at 80% quality).',
    '正文图片小于 1 MB。',
    'body images are under 1 MB.',
  ),
  limitRule(
    'wechat-limits/external-link',
    'warning',
    '外部链接在微信里不能点击',
    'External link is not clickable in WeChat',
    '微信正文只能点击公众号文章链接；外部网址请放到“阅读原文”（contentSourceUrl），或写成文字。',
    'Only WeChat article links are clickable in a body; put the address in contentSourceUrl ("read more") or write it out as text.',
    '图文正文中的外部链接会被去掉。',
    'external links in a body are stripped.',
  ),
];

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
  const count = characterCount(body.text.replace(/\s+/g, ''));
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
