#!/usr/bin/env bash
# Size comparison: lines of Rust that OpenAPI Generator (generator `rust`, default options) emits
# for the official Twilio files, full api v2010 and cut down to the operations our spec/ covers.
#
# usage: scripts/compare-openapi-generator.sh [openapi_generator_cli-7.26.0-py3-none-any.whl]
#   without a wheel it runs `pip download` for it.  Needs java (>= 11), python3 + PyYAML.
#   OAI_DIR: official yaml files (default: $REPO/../shared/twilio-oai/yaml).
# Writes only into a fresh temp dir under /tmp (printed at the end).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OAI_DIR=$(cd "${OAI_DIR:-$REPO/../shared/twilio-oai/yaml}" && pwd)
VERSION=7.26.0
TMP=$(mktemp -d /tmp/oag-compare.XXXXXX)
cd "$TMP"

# 1. the generator jar, from the PyPI wheel (a zip)
WHL=${1:-}
if [ -z "$WHL" ]; then
  pip download -q --no-deps "openapi-generator-cli==$VERSION" -d whl
  WHL=$(ls whl/*.whl)
fi
python3 -m zipfile -e "$WHL" wheel
JAR=$(find wheel -name '*.jar' | head -1)

# 2. filtered inputs: per spec/<product>/<version>.yaml, the official twilio_<product>_<version>.yaml
#    with only our (path, method) pairs; *.all.json keeps every component, *.pruned.json only the
#    components reachable by $ref from the kept operations.  Rules as in spec/README.md.
python3 - "$REPO" "$OAI_DIR" <<'PY'
import glob, json, os, re, sys, yaml
repo, oai = sys.argv[1:]
class L(yaml.SafeLoader): pass   # dates stay strings
L.yaml_implicit_resolvers = {k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
                             for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
VERBS = {"get", "post", "put", "patch", "delete"}
DEFAULT = {"create": ("post", "list"), "fetch": ("get", "instance"), "update": ("post", "instance"),
           "delete": ("delete", "instance"), "list": ("get", "list")}
norm = lambda p: re.sub(r"\{[^}]*\}", "{}", p)
def ours(rs, base, out):
    for r in (rs or {}).values():
        where_path = {"list": r.get("list_path"), "instance": r.get("instance_path")}
        for name, m in (r.get("methods") or {}).items():
            verb, where = DEFAULT.get(name, ("post", None))
            verb, where = ((m or {}).get("http") or verb).lower(), (m or {}).get("path", where)
            p = where_path.get(where) if where in where_path else where
            if p: out.add((verb, norm(base + p)))
        ours(r.get("resources"), base, out)
    return out
def refs(node, out):
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str): out.add(node["$ref"])
        for v in node.values(): refs(v, out)
    elif isinstance(node, list):
        for v in node: refs(v, out)
    return out
for f in sorted(glob.glob(f"{repo}/spec/*/*.yaml")):
    s = yaml.load(open(f), Loader=L)
    if not isinstance(s, dict) or "resources" not in s: continue
    name = f"{s['product']}_{s['version']}"
    want = ours(s["resources"], s.get("base_path", ""), set())
    d = yaml.load(open(f"{oai}/twilio_{name}.yaml"), Loader=L)
    paths = {}
    for p, item in d["paths"].items():
        keep = {k: v for k, v in item.items() if k not in VERBS or (k, norm(p)) in want}
        if VERBS & keep.keys(): paths[p] = keep
    d["paths"] = paths
    json.dump(d, open(f"{name}.all.json", "w"))
    seen, todo = set(), refs(paths, set())          # $ref closure over components
    while todo - seen:
        r = (todo - seen).pop(); seen.add(r)
        _, _, kind, key = r.split("/", 3)
        refs(d["components"][kind][key], todo)
    comps = d["components"]
    for kind in comps:
        if kind != "securitySchemes":
            comps[kind] = {k: v for k, v in comps[kind].items() if f"#/components/{kind}/{k}" in seen}
    json.dump(d, open(f"{name}.pruned.json", "w"))
PY

# 3. generate and count; ops = path+method pairs of the input
ops() { python3 -c 'import sys,yaml; d=yaml.safe_load(open(sys.argv[1]))
print(sum(k in ("get","post","put","patch","delete") for i in d["paths"].values() for k in i))' "$1"; }
lines() { find "$1" -name '*.rs' -exec cat {} + 2>/dev/null | wc -l; }
row() { printf '%-24s %5d %7d %7d %7d %8.0f\n' "$1" "$2" "$3" "$4" "$5" "$(echo "$3 / $2" | bc -l)"; }
gen() {  # gen NAME INPUT -> prints a row, accumulates totals per variant
  local out="out/$1"
  if ! java -jar "$JAR" generate -g rust -i "$2" -o "$out" >"$1.log" 2>&1; then
    echo "$1: generation FAILED, see $TMP/$1.log"; tail -3 "$1.log"; return; fi
  local o t m a; o=$(ops "$2"); t=$(lines "$out/src"); m=$(lines "$out/src/models"); a=$(lines "$out/src/apis")
  row "$1" "$o" "$t" "$m" "$a"; SUM="$o $t $m $a"
}
echo "OpenAPI Generator $(java -jar "$JAR" version), command: java -jar openapi-generator-cli.jar generate -g rust -i IN -o OUT"
printf '%-24s %5s %7s %7s %7s %8s\n' input ops rs_lines models apis lines/op
gen full_api_v2010 "$OAI_DIR/twilio_api_v2010.yaml"
for variant in all pruned; do
  T=(0 0 0 0)
  for f in *."$variant".json; do
    SUM="0 0 0 0"; gen "${f%.json}" "$f"; read -r o t m a <<<"$SUM"
    T=($((T[0] + o)) $((T[1] + t)) $((T[2] + m)) $((T[3] + a)))
  done
  row "covered.$variant (sum)" "${T[@]}"
done
echo "work dir: $TMP"
