// Validates Kubernetes manifests offline against the API schemas that kubernetes-models generates
// from the Kubernetes OpenAPI spec (types, required fields, formats such as int32 and
// int-or-string), as kubeconform does without -strict.
//
//   npm ci && node validate.mjs ../*.yaml
//
// Prints "FILE: KIND NAME: valid" or "FILE: ...: <error>" per document; exits 1 on any error, on
// a document whose apiVersion/kind has no schema, and on a file with no document.
import { readFileSync } from "node:fs";
import { loadAll } from "js-yaml";

let failures = 0;
for (const file of process.argv.slice(2)) {
  let documents;
  try {
    documents = loadAll(readFileSync(file, "utf8")).filter((d) => d != null);
  } catch (e) {
    fail(file, `not YAML: ${e.message}`);
    continue;
  }
  if (documents.length === 0) {
    fail(file, "no document");
  }
  for (const doc of documents) {
    await check(file, doc);
  }
}
process.exit(failures === 0 ? 0 : 1);

async function check(file, doc) {
  const { apiVersion, kind } = doc;
  const name = `${kind} ${doc.metadata?.name ?? "(no name)"}`;
  if (typeof apiVersion !== "string" || typeof kind !== "string") {
    return fail(file, `${name}: apiVersion and kind are required`);
  }
  // "v1" is the core group; "apps/v1" is group apps, version v1.
  const modulePath = `kubernetes-models/${apiVersion}/${kind}`;
  let model;
  try {
    model = (await import(modulePath))[kind];
  } catch (e) {
    return fail(file, `${name}: no schema for apiVersion ${apiVersion} kind ${kind}`);
  }
  try {
    new model(doc).validate();
    console.log(`${file}: ${name}: valid`);
  } catch (e) {
    fail(file, `${name}: ${e.message}`);
  }
}

function fail(file, message) {
  failures++;
  console.log(`${file}: ${message}`);
}
