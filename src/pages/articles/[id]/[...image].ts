/**
 * The body images of each article, served next to its preview (/articles/<id>/figure-1.png) so
 * the phone preview shows them; both languages' previews point here. Only images the body uses
 * and that sit inside the article's folder are copied.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { articleDirectory, isServableImage, renderPreview } from '../../../site/article-preview.ts';
import { articleTheme } from '../../../core/render/article-theme.ts';

const CONTENT_TYPES: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.svg': 'image/svg+xml' };

export const getStaticPaths = (async () => {
	const [articles, policies] = await Promise.all([getCollection('articles'), getCollection('policies')]);
	const policyData = policies.map((entry) => entry.data);
	const base = import.meta.env.BASE_URL;
	const paths = [];
	for (const article of articles) {
		const { images } = await renderPreview(article, articleTheme(policyData, article.id.slice(0, 10)), base);
		for (const image of images) {
			if (isServableImage(image.src)) paths.push({ params: { id: article.id, image: image.src }, props: { file: path.join(articleDirectory(article), image.src) } });
		}
	}
	return paths;
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
	const file = (props as { file: string }).file;
	return new Response(await readFile(file), { headers: { 'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream' } });
};
