#!/usr/bin/env bash
# Installs the packed tarball into an empty project, as a user would, and checks that it imports from Node ESM,
# Node CJS and a browser bundle, and type-checks under `tsc --strict`. Run after `npm run build`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
tfjs_version=$(node -p "require('$root/node_modules/@tensorflow/tfjs-core/package.json').version")
ts_version=$(node -p "require('$root/node_modules/typescript/package.json').version")
esbuild_version=$(node -p "require('$root/node_modules/esbuild/package.json').version")

cd "$work"
echo '{ "name": "consumer", "private": true, "type": "commonjs" }' > package.json
npm install --no-audit --no-fund --loglevel=error "./$tarball" \
  "@tensorflow/tfjs-core@$tfjs_version" "@tensorflow/tfjs-layers@$tfjs_version" \
  "@tensorflow/tfjs-backend-cpu@$tfjs_version" "typescript@$ts_version" "esbuild@$esbuild_version" @types/node@20

cp -r "$root"/test/consumer/. "$work"/
for script in "$work"/*.mjs "$work"/*.cjs; do
  [ -e "$script" ] || continue
  echo "consumer: node $(basename "$script")"
  node "$script"
done
echo "consumer: tsc --strict"
npx tsc -p tsconfig.json
echo "consumer: browser bundle"
npx esbuild bundle-entry.mjs --bundle --format=esm --platform=browser --outfile=bundle.js --log-level=warning
node --input-type=module -e "await import('./bundle.js')"
echo "consumer: all checks passed"
