// The TextMate grammar, run by the same engine VS Code uses (vscode-textmate + oniguruma).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";

const root = join(__dirname, "..", "..");

async function registry(): Promise<textmate.Registry> {
  const wasm = readFileSync(join(root, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = { "source.aws-config": "aws-config", "source.aws-credentials": "aws-credentials" }[scopeName];
      if (!file) {
        return null;
      }
      const path = join(root, "syntaxes", `${file}.tmLanguage.json`);
      return textmate.parseRawGrammar(readFileSync(path, "utf8"), path);
    },
  });
}

let reg: Promise<textmate.Registry> | undefined;

/** Each token's text with its innermost scope, skipping whitespace-only tokens. */
async function tokenize(scope: string, text: string): Promise<[string, string][][]> {
  reg ??= registry();
  const grammar = await (await reg).loadGrammar(scope);
  assert.ok(grammar);
  let state = textmate.INITIAL;
  return text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens
      .map((t): [string, string] => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]])
      .filter(([s]) => s.trim().length > 0);
  });
}

test("headers: brackets, prefix and name", async () => {
  const [profile, dflt, plain, unclosed] = await tokenize(
    "source.aws-config",
    "[profile dev]\n[default]\n[staging] # c\n[profile oops",
  );
  assert.deepEqual(profile, [
    ["[", "punctuation.definition.section.begin.aws-config"],
    ["profile", "keyword.other.section-prefix.aws-config"],
    ["dev", "entity.name.type.section.aws-config"],
    ["]", "punctuation.definition.section.end.aws-config"],
  ]);
  assert.equal(dflt[1][1], "entity.name.type.section.profile.default.aws-config");
  assert.deepEqual(plain[3], ["# c", "comment.line.aws-config"]);
  assert.deepEqual(unclosed, [["[profile oops", "invalid.illegal.section-header.aws-config"]]);
});

test("properties: key, operator, values by shape, inline comments", async () => {
  const lines = await tokenize(
    "source.aws-config",
    [
      "region = us-east-1 # N. Virginia",
      "role_arn = arn:aws:iam::123456789012:role/Deploy",
      "sso_start_url = https://acme.awsapps.com/start",
      "duration_seconds = 3600",
      "use_fips_endpoint = true",
    ].join("\n"),
  );
  assert.deepEqual(lines[0], [
    ["region", "support.type.property-name.aws-config"],
    ["=", "keyword.operator.assignment.aws-config"],
    ["us-east-1", "string.unquoted.value.aws-config"],
    ["# N. Virginia", "comment.line.inline.aws-config"],
  ]);
  assert.ok(lines[1].some(([t, s]) => t === "arn" && s === "keyword.other.arn.aws-config"));
  assert.ok(lines[1].some(([t, s]) => t === "123456789012" && s === "constant.numeric.account-id.aws-config"));
  assert.deepEqual(lines[2][2], ["https://acme.awsapps.com/start", "markup.underline.link.aws-config"]);
  assert.deepEqual(lines[3][2], ["3600", "constant.numeric.aws-config"]);
  assert.deepEqual(lines[4][2], ["true", "constant.language.boolean.aws-config"]);
});

test("indented lines after a property continue it, even with #; sub-properties", async () => {
  const lines = await tokenize(
    "source.aws-config",
    ["note = first", "  # appended by the SDKs", "s3 =", "  max_concurrent_requests = 20", "# real comment", "  # indented, not in a property"].join("\n"),
  );
  assert.deepEqual(lines[1], [["# appended by the SDKs", "string.unquoted.continuation.aws-config"]]);
  assert.deepEqual(lines[3], [
    ["max_concurrent_requests", "support.type.property-name.sub-property.aws-config"],
    ["=", "keyword.operator.assignment.aws-config"],
    ["20", "constant.numeric.aws-config"],
  ]);
  assert.deepEqual(lines[4], [["#", "punctuation.definition.comment.aws-config"], [" real comment", "comment.line.aws-config"]]);
  assert.equal(lines[5][1][1], "comment.line.indented.aws-config");
});

test("credentials: secrets get their own scope; lines that are nothing are invalid", async () => {
  const lines = await tokenize(
    "source.aws-credentials",
    "[default]\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nnot a property",
  );
  assert.deepEqual(lines[1], [
    ["aws_secret_access_key", "support.type.property-name.secret.aws-config"],
    ["=", "keyword.operator.assignment.aws-config"],
    ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "string.unquoted.secret.aws-config"],
  ]);
  assert.deepEqual(lines[2], [["not a property", "invalid.illegal.line.aws-config"]]);
});
