#!/usr/bin/env bash
# Installs the packed tarball into an empty project, as a user would, and checks that it imports from Node ESM,
# Node CJS and a browser bundle (each trains a small model with nothing else imported), and type-checks under
# `tsc --strict`. Run after `npm run build`.
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
  "@tensorflow/tfjs-backend-cpu@$tfjs_version" "@tensorflow/tfjs-backend-wasm@$tfjs_version" "typescript@$ts_version" "esbuild@$esbuild_version" @types/node@20

cp -r "$root"/test/smoke/. "$work"/
for script in esm.mjs cjs.cjs layers-esm.mjs layers-cjs.cjs bundle.mjs; do
  echo "consumer: node $script"
  node "$script"
done
echo "consumer: tsc --strict (CJS and ESM)"
npx tsc -p tsconfig.json
echo "consumer: all checks passed"
