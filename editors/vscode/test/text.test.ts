import assert from "node:assert/strict";
import { test } from "node:test";
import {
  fileKindOf,
  parseHeader,
  profileNames,
  secretRanges,
  sectionAt,
  sectionFoldingRanges,
  splitLines,
  statusText,
} from "../src/text";

const CONFIG = [
  "# top comment", // 0
  "[default]", // 1
  "region = us-east-1", // 2
  "", // 3
  "[profile dev]", // 4
  "role_arn = arn:aws:iam::123456789012:role/Dev", // 5
  "source_profile = default", // 6
  "", // 7
  "# about the session", // 8
  "[sso-session acme]", // 9
  "sso_region = us-east-1", // 10
  "[ profile  spaced  ] # comment", // 11
  "s3 =", // 12
  "  max_concurrent_requests = 20", // 13
  "  # appended to s3 by the SDKs", // 14
  "", // 15
  "[staging]", // 16
  "[services local]", // 17
].join("\n");

test("language ids map to file kinds", () => {
  assert.equal(fileKindOf("aws-config"), "config");
  assert.equal(fileKindOf("aws-credentials"), "credentials");
  assert.equal(fileKindOf("ini"), undefined);
});

test("headers: config prefixes, default, and credentials names as written", () => {
  assert.deepEqual(parseHeader("[default]", "config"), { kind: "profile", name: "default", line: 0 });
  assert.deepEqual(parseHeader("[profile dev]", "config", 3), { kind: "profile", name: "dev", line: 3 });
  assert.deepEqual(parseHeader("[sso-session acme]", "config"), { kind: "sso-session", name: "acme", line: 0 });
  assert.deepEqual(parseHeader("[services local]", "config"), { kind: "services", name: "local", line: 0 });
  assert.deepEqual(parseHeader("[staging]", "config"), { kind: "other", name: "staging", line: 0 });
  assert.deepEqual(parseHeader("[staging]", "credentials"), { kind: "profile", name: "staging", line: 0 });
  assert.deepEqual(parseHeader("[profile dev]", "credentials"), { kind: "profile", name: "profile dev", line: 0 });
  assert.equal(parseHeader("region = [x]", "config"), undefined);
  assert.equal(parseHeader("# [profile x]", "config"), undefined);
});

test("the section under the cursor is the nearest header at or above the line", () => {
  const lines = splitLines(CONFIG);
  assert.equal(sectionAt(lines, 0, "config"), undefined);
  assert.deepEqual(sectionAt(lines, 1, "config"), { kind: "profile", name: "default", line: 1 });
  assert.deepEqual(sectionAt(lines, 3, "config"), { kind: "profile", name: "default", line: 1 });
  assert.deepEqual(sectionAt(lines, 6, "config"), { kind: "profile", name: "dev", line: 4 });
  assert.deepEqual(sectionAt(lines, 10, "config"), { kind: "sso-session", name: "acme", line: 9 });
  assert.deepEqual(sectionAt(lines, 14, "config"), { kind: "profile", name: "spaced", line: 11 });
  assert.deepEqual(sectionAt(lines, 16, "config"), { kind: "other", name: "staging", line: 16 });
  // Past the end: the last section.
  assert.deepEqual(sectionAt(lines, 99, "config"), { kind: "services", name: "local", line: 17 });
});

test("status bar text", () => {
  assert.equal(statusText(undefined), undefined);
  assert.equal(statusText({ kind: "profile", name: "dev", line: 0 }), "AWS: dev");
  assert.equal(statusText({ kind: "sso-session", name: "acme", line: 0 }), "AWS sso-session: acme");
  assert.equal(statusText({ kind: "services", name: "local", line: 0 }), "AWS services: local");
  assert.equal(statusText({ kind: "other", name: "staging", line: 0 }), "AWS: [staging]");
});

test("profile names: once each, in file order, profiles only", () => {
  assert.deepEqual(profileNames(CONFIG + "\n[profile dev]\n", "config"), ["default", "dev", "spaced"]);
  assert.deepEqual(profileNames("[a]\nx=1\r\n[b]\r\n[a]\n", "credentials"), ["a", "b"]);
});

test("folding: one range per section, without trailing blanks and the next header's comments", () => {
  assert.deepEqual(sectionFoldingRanges(splitLines(CONFIG)), [
    { start: 1, end: 2 },
    { start: 4, end: 6 },
    { start: 9, end: 10 },
    // The indented comment continues the s3 value: it stays in the section.
    { start: 11, end: 14 },
  ]);
});

test("secret values: secret access keys and session tokens, trimmed", () => {
  const text = [
    "[default]",
    "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY  ",
    "aws_session_token=FAKETOKEN",
    "AWS_SECURITY_TOKEN =  legacy",
    "aws_session_token =",
    "# aws_secret_access_key = commented",
  ].join("\n");
  assert.deepEqual(secretRanges(text), [
    { line: 2, start: 24, end: 64 },
    { line: 3, start: 18, end: 27 },
    { line: 4, start: 22, end: 28 },
  ]);
});
