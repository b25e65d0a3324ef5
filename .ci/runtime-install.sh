#!/usr/bin/env bash
# Installs this checkout the way a department's CI does (npm ci --omit=dev, from npm's cache) in
# a temporary copy, and runs every command's --help and the everyday commands there.
set -euo pipefail
source_root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

git -C "$source_root" ls-files -z --cached --others --exclude-standard | (cd "$source_root" && xargs -0 tar -cf - --ignore-failed-read --) | tar -xf - -C "$work"
cd "$work"
npm ci --omit=dev --no-audit --no-fund --prefer-offline >/dev/null
if [ -d node_modules/vitest ] || [ -d node_modules/json-schema-to-typescript ]; then
  echo "runtime-install: devDependencies were installed" >&2
  exit 1
fi

mpflow() { node bin/mpflow.js "$@"; }
export MPFLOW_CACHE_DIR="$work/.cache" LANG=en_US.UTF-8
for command in check codeowners metrics draw lint new publish render review-gate seal score schema-types; do
  mpflow "$command" --help >/dev/null
done
mpflow --help >/dev/null
mpflow --version >/dev/null
mpflow check
mpflow lint content/articles >/dev/null || [ $? -eq 1 ]
mpflow score --verify
article="$(git -C "$source_root" ls-files 'content/articles/*/index.md' | head -1)"
mpflow render "$article" --stdout >/dev/null || mpflow render "$article" >/dev/null
# schema-types is a development command: without its devDependency it says so and exits 2.
status=0
mpflow schema-types 2>"$work/schema-types.err" || status=$?
if [ "$status" -ne 2 ] || ! grep -q 'development command' "$work/schema-types.err"; then
  echo "runtime-install: schema-types did not explain the missing devDependency (exit $status)" >&2
  cat "$work/schema-types.err" >&2
  exit 1
fi
echo "runtime-install: every command's --help, check, lint, score --verify and render work without devDependencies"
