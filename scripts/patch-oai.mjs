#!/usr/bin/env node
// Write patched copies of Twilio OpenAPI files for the Prism mock server.
//
// Usage: node scripts/patch-oai.mjs --out-dir <dir> <spec.yaml>...
//
// For every operation's requestBody with `application/x-www-form-urlencoded`
// content, every array-typed property of its schema gets an explicit
//   encoding: { <Prop>: { style: form, explode: true, allowReserved: true } }
// entry. This works around Prism bug stoplightio/prism#2473, where arrays sent
// as repeated keys (`MediaUrl=a&MediaUrl=b`, or a single `MediaUrl=a`) are
// rejected with 422 "must be array" unless the encoding is spelled out.
// `allowReserved` is needed because, once an encoding exists, Prism checks the
// raw urlencoded value and takes the `+` that encodes a space for a reserved
// character; the client percent-encodes reserved characters either way.
//
// Second, an array property given by `$ref` is inlined as a plain array (the reference kept
// under `x-patch-oai-ref`): Prism decodes repeated keys only for non-nullable arrays written
// in place.
//
// Third, every object-typed property of such a body becomes `type: string`
// (the original schema kept under `x-patch-oai-object`): Twilio's helper
// libraries send these fields as JSON text (twilio-python's `serialize.object`),
// while Prism only decodes a form field into an object from `deepObject` keys
// (`Configuration[key]=value`), so it rejects the wire format the API takes.
//
// Nothing else is changed (servers, paths, schemas, examples stay as they are);
// the script checks this by re-reading both files with the YAML parser that
// Prism itself uses and comparing them.
//
// Each output file has the same base name as its input. Dependencies come from
// <repo>/.tools/prism/node_modules (scripts/install-prism.sh), or from the
// directory given by $PRISM_TOOLS_DIR.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const toolsDir = process.env.PRISM_TOOLS_DIR
  ? path.resolve(process.env.PRISM_TOOLS_DIR)
  : path.resolve(scriptDir, '..', '.tools', 'prism');
const requireTools = createRequire(path.join(toolsDir, 'package.json'));

function usage(msg) {
  if (msg) console.error(`patch-oai: ${msg}`);
  console.error('usage: node scripts/patch-oai.mjs --out-dir <dir> <spec.yaml>...');
  process.exit(2);
}

function loadDep(name) {
  try {
    return requireTools(name);
  } catch (e) {
    console.error(`patch-oai: cannot load '${name}' from ${toolsDir}/node_modules ` +
      `(run scripts/install-prism.sh): ${e.message}`);
    process.exit(1);
  }
}

// ---- arguments -------------------------------------------------------------
let outDir = null;
const inputs = [];
let quiet = false;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--out-dir' || a === '-o') {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    outDir = argv[++i];
  } else if (a.startsWith('--out-dir=')) {
    outDir = a.slice('--out-dir='.length);
  } else if (a === '--quiet' || a === '-q') {
    quiet = true;
  } else if (a === '--help' || a === '-h') {
    usage();
  } else if (a.startsWith('-')) {
    usage(`unknown option ${a}`);
  } else {
    inputs.push(a);
  }
}
if (!outDir) usage('missing --out-dir');
if (inputs.length === 0) usage('no input spec given');

const yaml = loadDep('js-yaml');
let prismYaml = null; // @stoplight/yaml: Prism's own parser, for the check
try {
  prismYaml = requireTools('@stoplight/yaml');
} catch {
  console.error('patch-oai: warning: @stoplight/yaml not found, checking with js-yaml only');
}

// CORE_SCHEMA: no timestamps/merge keys, so e.g. `2010-04-01` stays a string
// and nothing gets rewritten as a date on output.
const YAML_SCHEMA = yaml.CORE_SCHEMA;
const FORM = 'application/x-www-form-urlencoded';
const JSON_TEXT = 'x-patch-oai-object';
const INLINED = 'x-patch-oai-ref';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

// ---- patching --------------------------------------------------------------
function resolveRef(doc, node, seen = new Set()) {
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) return node; // external or cyclic: leave
    seen.add(ref);
    let cur = doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      cur = cur == null ? undefined : cur[key];
    }
    if (cur === undefined) return node;
    node = cur;
  }
  return node;
}

function isArraySchema(doc, schema) {
  const s = resolveRef(doc, schema);
  if (!s || typeof s !== 'object') return false;
  if (s.type === 'array') return true;
  if (Array.isArray(s.type) && s.type.includes('array')) return true;
  // A property that is only a composition of array schemas.
  for (const k of ['allOf', 'oneOf', 'anyOf']) {
    if (Array.isArray(s[k]) && s[k].length > 0 && s[k].every((x) => isArraySchema(doc, x))) {
      return true;
    }
  }
  return false;
}

// Collect the property schemas of an object schema (following local $refs
// and allOf), name -> schema.
function collectProperties(doc, schema, out = new Map(), depth = 0) {
  const s = resolveRef(doc, schema);
  if (!s || typeof s !== 'object' || depth > 20) return out;
  if (s.properties && typeof s.properties === 'object') {
    for (const [name, prop] of Object.entries(s.properties)) {
      if (!out.has(name)) out.set(name, prop);
    }
  }
  if (Array.isArray(s.allOf)) {
    for (const sub of s.allOf) collectProperties(doc, sub, out, depth + 1);
  }
  return out;
}

// Returns a list of { where, prop } for every patched property.
function patchDoc(doc) {
  const changes = [];
  const seenMediaObjects = new Set();
  const patchRequestBody = (rbNode, where) => {
    const rb = resolveRef(doc, rbNode);
    if (!rb || typeof rb !== 'object' || !rb.content) return;
    const media = rb.content[FORM];
    if (!media || typeof media !== 'object' || seenMediaObjects.has(media)) return;
    seenMediaObjects.add(media);
    const direct = resolveRef(doc, media.schema);
    for (const [name, propSchema] of Object.entries(direct?.properties || {})) {
      if (propSchema && propSchema.type === 'object' && !propSchema[JSON_TEXT]) {
        direct.properties[name] = { type: 'string', [JSON_TEXT]: propSchema };
        changes.push({ where, prop: name });
      } else if (propSchema && typeof propSchema.$ref === 'string' && isArraySchema(doc, propSchema)) {
        // Prism decodes repeated keys only for a property that is an array in place, not one
        // behind a $ref (Messaging's `UseCaseCategories`), and not one that is also nullable
        // (its type becomes [array, null]). The reference is kept as text: Prism's bundler
        // would follow a `$ref` object.
        const target = resolveRef(doc, propSchema);
        direct.properties[name] = { type: 'array', items: target.items, [INLINED]: propSchema.$ref };
        changes.push({ where, prop: name });
      }
    }
    for (const [name, propSchema] of collectProperties(doc, media.schema)) {
      if (!isArraySchema(doc, propSchema)) continue;
      if (media.encoding == null) media.encoding = {};
      const existing = media.encoding[name];
      if (existing && existing.style === 'form' && existing.explode === true && existing.allowReserved === true) continue;
      media.encoding[name] = { ...(existing || {}), style: 'form', explode: true, allowReserved: true };
      changes.push({ where, prop: name });
    }
  };
  for (const [p, item] of Object.entries(doc.paths || {})) {
    if (!item || typeof item !== 'object') continue;
    for (const m of METHODS) {
      const op = item[m];
      if (op && op.requestBody) patchRequestBody(op.requestBody, `${m.toUpperCase()} ${p}`);
    }
  }
  const rbs = doc.components && doc.components.requestBodies;
  for (const [n, rb] of Object.entries(rbs || {})) {
    patchRequestBody(rb, `#/components/requestBodies/${n}`);
  }
  return changes;
}

// Remove exactly what patchDoc added, so the result can be compared with the
// original. `origDoc` tells which encodings existed before.
function unpatch(doc, origDoc) {
  const strip = (media, origMedia) => {
    if (!media || !media.encoding) return;
    for (const name of Object.keys(media.encoding)) {
      const before = origMedia && origMedia.encoding && origMedia.encoding[name];
      if (before === undefined) delete media.encoding[name];
      else media.encoding[name] = before;
    }
    if (Object.keys(media.encoding).length === 0 && !(origMedia && 'encoding' in origMedia)) {
      delete media.encoding;
    }
  };
  const restoreObjects = (media) => {
    const properties = resolveRef(doc, media.schema)?.properties || {};
    for (const [name, prop] of Object.entries(properties)) {
      if (prop && prop[JSON_TEXT]) properties[name] = prop[JSON_TEXT];
      if (prop && prop[INLINED]) properties[name] = { $ref: prop[INLINED] };
    }
  };
  const visit = (rb, origRb) => {
    if (rb && rb.content && rb.content[FORM]) {
      strip(rb.content[FORM], origRb && origRb.content && origRb.content[FORM]);
      restoreObjects(rb.content[FORM]);
    }
  };
  for (const [p, item] of Object.entries(doc.paths || {})) {
    for (const m of METHODS) {
      if (item && item[m] && item[m].requestBody) {
        visit(item[m].requestBody, origDoc.paths?.[p]?.[m]?.requestBody);
      }
    }
  }
  for (const [n, rb] of Object.entries(doc.components?.requestBodies || {})) {
    visit(rb, origDoc.components?.requestBodies?.[n]);
  }
}

// Paths (JSON-pointer-like) where `a` and `b` differ; empty when equal.
function compare(a, b, p = '', out = []) {
  if (out.length >= 20) return out;
  const ao = a !== null && typeof a === 'object';
  const bo = b !== null && typeof b === 'object';
  if (ao && bo && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      if (!(k in a) || !(k in b)) out.push(`${p}/${k}`);
      else compare(a[k], b[k], `${p}/${k}`, out);
    }
    const ka = Object.keys(a).join('\0');
    const kb = Object.keys(b).join('\0');
    if (keys.size === Object.keys(a).length && ka !== kb) out.push(`${p} (key order)`);
  } else if (!isDeepStrictEqual(a, b)) {
    out.push(p || '/');
  }
  return out;
}

function parseLikePrism(text, file) {
  if (!prismYaml) return yaml.load(text, { schema: YAML_SCHEMA, filename: file });
  const parsed = prismYaml.parseWithPointers(text, { ignoreDuplicateKeys: true, mergeKeys: false });
  const fatal = parsed.diagnostics.filter((d) => d.severity === 0);
  if (fatal.length > 0) throw new Error(`${file}: YAML error: ${fatal[0].message}`);
  return parsed.data;
}

// ---- main ------------------------------------------------------------------
fs.mkdirSync(outDir, { recursive: true });
const outputs = new Set();
for (const input of inputs) {
  const base = path.basename(input);
  if (outputs.has(base)) {
    console.error(`patch-oai: two inputs have the same file name ${base}`);
    process.exit(1);
  }
  outputs.add(base);
  const outPath = path.join(outDir, base);
  if (path.resolve(outPath) === path.resolve(input)) {
    console.error(`patch-oai: refusing to overwrite the input ${input}`);
    process.exit(1);
  }

  const text = fs.readFileSync(input, 'utf8');
  const doc = yaml.load(text, { schema: YAML_SCHEMA, filename: input });
  if (!doc || typeof doc !== 'object' || !doc.paths) {
    console.error(`patch-oai: ${input} does not look like an OpenAPI document`);
    process.exit(1);
  }
  const changes = patchDoc(doc);
  const out = yaml.dump(doc, {
    schema: YAML_SCHEMA,
    lineWidth: -1,   // never fold long strings
    noRefs: true,    // no anchors/aliases in the output
    sortKeys: false, // keep key order
  });

  // Check 1: the output, re-read with js-yaml, equals the input except for
  // the added encoding entries.
  const origJs = yaml.load(text, { schema: YAML_SCHEMA, filename: input });
  const reread = yaml.load(out, { schema: YAML_SCHEMA, filename: outPath });
  unpatch(reread, origJs);
  const diffs1 = compare(origJs, reread);
  if (diffs1.length > 0) {
    console.error(`patch-oai: internal error: ${input} changed beyond the patched properties, ` +
      `first at ${diffs1[0]}`);
    process.exit(1);
  }
  // Check 2: the same, read the way Prism reads it (@stoplight/yaml). That
  // parser mis-reads a few quoted multi-line strings in the originals (it drops
  // a `'` from an escaped `''` at a line fold), so differences in `description`
  // and `summary` texts are tolerated here; anything else is an error.
  if (prismYaml) {
    const before = parseLikePrism(text, input);
    const after = parseLikePrism(out, outPath);
    unpatch(after, before);
    const diffs2 = compare(before, after);
    const bad = diffs2.filter((d) => !/\/(description|summary)$/.test(d));
    if (bad.length > 0) {
      console.error(`patch-oai: internal error: as Prism reads it, ${input} changed at ${bad[0]}`);
      process.exit(1);
    }
    if (diffs2.length > 0 && !quiet) {
      console.log(`patch-oai: note: ${diffs2.length} description text(s) in ${base} are read ` +
        `differently by Prism's YAML parser in the original (e.g. ${diffs2[0]}); harmless`);
    }
  }

  // Write atomically so a concurrent reader never sees half a file.
  const tmp = `${outPath}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, out);
  fs.renameSync(tmp, outPath);
  if (!quiet) {
    const ops = new Set(changes.map((c) => c.where)).size;
    console.log(`patch-oai: ${input} -> ${outPath}: ${changes.length} array or object ` +
      `properties in ${ops} form request bodies patched`);
  }
}
