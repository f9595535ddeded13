#!/usr/bin/env bash
# Installs the packed tarball into a fresh `npm init -y` project (CommonJS, npm's default), as a user would,
# and checks it: prints what the tarball holds; imports it from Node ESM, Node CJS and a browser bundle (each
# trains a small model with nothing else imported); type-checks it under `tsc --strict`; runs the README's
# quickstart exactly as written (extracted from README.md) with the lowest Node that package.json `engines`
# claims (installed from the registry's `node` package), with the smoke scripts and the CLI's fit and sample;
# and checks that the Node just below is refused before any training.
# Run after `npm run build`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$SECONDS
tarball=$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -n 1)
tfjs_version=$(node -p "require('$root/node_modules/@tensorflow/tfjs-core/package.json').version")
ts_version=$(node -p "require('$root/node_modules/typescript/package.json').version")
esbuild_version=$(node -p "require('$root/node_modules/esbuild/package.json').version")
min_node=$(node -p "require('$root/package.json').engines.node.replace(/^>=/, '')")
below_node=20.15.1

echo "consumer: $tarball, $(du -k "$work/$tarball" | cut -f1) kB packed, holding:"
tar -tzvf "$work/$tarball" | awk '{ printf "  %8d  %s\n", $3, $6; total += $3 } END { printf "  %8d  bytes unpacked\n", total }'

# The library exists once per module format: the CLI imports the ESM chunks instead of bundling a copy.
mkdir "$work/unpacked" && tar -xzf "$work/$tarball" -C "$work/unpacked"
for ext in js cjs; do
  copies=$(grep -l 'var RealNVPGenerator = class' "$work"/unpacked/package/dist/*."$ext" | wc -l)
  [ "$copies" -eq 1 ] || { echo "consumer: RealNVPGenerator is defined in $copies .$ext files, expected 1" >&2; exit 1; }
done
# The registry shows README.md away from the repository: its links and images must be absolute.
if grep -noE '\]\((\.|docs/|examples/|[A-Za-z_-]+\.md)[^)]*\)' "$root/README.md"; then
  echo "consumer: README.md has relative links (above), which break on the registry's page" >&2
  exit 1
fi

cd "$work"
npm init -y >/dev/null
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

echo "consumer: Node $min_node (engines) and $below_node from the registry's node package"
node_started=$SECONDS
npm install --no-audit --no-fund --loglevel=error --prefix "$work/node-min" "node@$min_node"
npm install --no-audit --no-fund --loglevel=error --prefix "$work/node-below" "node@$below_node"
min="$work/node-min/node_modules/node/bin/node"
below="$work/node-below/node_modules/node/bin/node"
[ "$("$min" --version)" = "v$min_node" ] || { echo "consumer: expected Node $min_node, got $("$min" --version)" >&2; exit 1; }
for script in esm.mjs cjs.cjs; do
  echo "consumer: node $min_node $script"
  "$min" "$script"
done

# The quickstart as the README shows it (the first ```js block of its Quickstart section), saved as the file
# it names and run with `node` and nothing else, on the lowest Node claimed (it saves a model to a folder).
awk '/^## Quickstart/ { q = 1 } q && /^```js/ { c = 1; next } c && /^```/ { exit } c { print }' "$root/README.md" >quickstart.mjs
[ -s quickstart.mjs ] || { echo "consumer: no \`\`\`js block in README.md's Quickstart section" >&2; exit 1; }
echo "consumer: the README's quickstart, node $min_node quickstart.mjs"
/usr/bin/time -f 'consumer: quickstart took %e s (%U s user + %S s system CPU)' "$min" quickstart.mjs
[ -f my-model/model.json ] || { echo "consumer: the quickstart saved no my-model/model.json" >&2; exit 1; }
node -e "const p = require('pointgen'); require('fs').writeFileSync('tiny.csv', p.formatCsv(p.datasets.coloredPi({ count: 300, seed: 1 })))"
"$min" node_modules/pointgen/dist/cli.js fit --type realnvp --data tiny.csv --out tiny-model --epochs 1 --backend cpu 2>/dev/null
"$min" node_modules/pointgen/dist/cli.js sample --model tiny-model -n 10 --out tiny-samples.csv --backend cpu 2>/dev/null
[ "$(wc -l <tiny-samples.csv)" -eq 11 ] || { echo "consumer: node $min_node: pointgen sample wrote $(wc -l <tiny-samples.csv) lines" >&2; exit 1; }
echo "consumer: node $min_node: pointgen fit saved a model, pointgen sample loaded it"
status=0
"$below" node_modules/pointgen/dist/cli.js fit --type realnvp --data tiny.csv --out refused --epochs 1 --backend cpu 2>refused.txt || status=$?
if [ "$status" -ne 2 ] || [ -e refused ] || ! grep -q 'needs Node.js 20.16 or newer' refused.txt; then
  echo "consumer: node $below_node: expected pointgen fit to refuse up front (exit 2), got exit $status:" >&2
  cat refused.txt >&2
  exit 1
fi
echo "consumer: node $below_node: $(cat refused.txt)"
echo "consumer: the Node $min_node / $below_node checks took $((SECONDS - node_started)) s"
echo "consumer: all checks passed in $((SECONDS - started)) s"
