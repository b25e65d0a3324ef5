import { remark } from 'remark';
import { describe, expect, it } from 'vitest';
import { scannedImages } from '../../src/core/compliance/markdown-images.ts';

interface Node {
  type: string;
  url?: string;
  identifier?: string;
  position?: { start: { offset?: number }; end: { offset?: number } };
  children?: Node[];
}

/** What remark (CommonMark) sees: every image's address and span, reference images through their definitions. */
function remarkImages(body: string): Array<{ url: string; start: number; end: number }> {
  const tree = remark().parse(body) as Node;
  const definitions = new Map<string, string>();
  const found: Array<{ url: string; start: number; end: number }> = [];
  const walk = (node: Node, visit: (node: Node) => void) => {
    visit(node);
    for (const child of node.children ?? []) walk(child, visit);
  };
  walk(tree, (node) => {
    if (node.type === 'definition' && node.identifier && node.url && !definitions.has(node.identifier))
      definitions.set(node.identifier, node.url);
  });
  walk(tree, (node) => {
    const url =
      node.type === 'image'
        ? node.url
        : node.type === 'imageReference'
          ? definitions.get(node.identifier ?? '')
          : undefined;
    if (url) found.push({ url: decodeURI(url), start: node.position!.start.offset!, end: node.position!.end.offset! });
  });
  return found.sort((a, b) => a.start - b.start);
}

const READ_BY_THE_SCANNER = [
  '![茶汤](figure-1.png)',
  '正文\n\n![一杯茶](figure-1.png "图：茶汤")\n\n再来一张 ![](b.jpg) 在句中。',
  '> ![引用里的图](quote.png)\n\n- ![列表里的图](list.png)',
  '![茶席][席]\n\n[席]: tea-table.png',
  '![Tea Table][]\n\n[tea table]: table.png',
  '![shortcut]\n\n[shortcut]: short.png',
  '![没有定义的引用][none]',
  '`![代码](code.png)` 和\n\n```\n![代码块](block.png)\n```\n\n<!-- ![注释](comment.png) -->',
  '![中文文件名](图片一.png)',
  '![远程](https://example.com/a.png)',
];

const LEFT_TO_REMARK = [
  '![a [b] c](nested.png)',
  '![括号](fig(1).png)',
  '![转义](a\\_b.png)',
  '[![图中链接](inner.png)](https://example.com)',
  '    ![缩进代码](indented.png)',
  '![百分号](a%20b.png)',
];

describe("the scanner's image reading", () => {
  it.each(READ_BY_THE_SCANNER)('agrees with remark on %s', (body) => {
    const scanned = scannedImages(body);
    expect(scanned).toBeDefined();
    expect(scanned!.sort((a, b) => a.start - b.start)).toEqual(remarkImages(body));
  });

  it.each(LEFT_TO_REMARK)('leaves %s to the full parser', (body) => {
    expect(scannedImages(body)).toBeUndefined();
  });
});
