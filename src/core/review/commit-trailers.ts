/** The `Co-authored-by:` trailers of a commit message, which GitHub shows as co-authors. */
export function coAuthorTrailers(message: string): string[] {
  return [...message.matchAll(/^[ \t]*co-authored-by:[ \t]*(.+?)[ \t]*$/gim)].map((match) => match[1]!);
}
