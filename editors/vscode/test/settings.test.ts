import assert from "node:assert/strict";
import { test } from "node:test";
import { extraEnv, serverSettings } from "../src/settings";

function getter(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

test("defaults: nulls and empty collections, as the server expects", () => {
  assert.deepEqual(serverSettings(getter({})), {
    configFile: null,
    credentialsFile: null,
    severity: {},
    disable: [],
    sts: {},
  });
});

test("paths are trimmed, ~ expanded, blanks are null", () => {
  const s = serverSettings(getter({ configFile: " ~/work/aws-config ", credentialsFile: "" }), "/home/me");
  assert.equal(s.configFile, "/home/me/work/aws-config");
  assert.equal(s.credentialsFile, null);
});

test("only known severities and string codes pass", () => {
  const s = serverSettings(
    getter({
      severity: { "inline-comment": "error", "unknown-key": "loud", "quoted-value": "off", x: 3 },
      disable: ["unknown-region", 7, null],
    }),
  );
  assert.deepEqual(s.severity, { "inline-comment": "error", "quoted-value": "off" });
  assert.deepEqual(s.disable, ["unknown-region"]);
});

test("extra environment: strings only", () => {
  assert.deepEqual(extraEnv(getter({ "server.extraEnv": { AWS_CONFIG_LSP_LOG: "debug", N: 1 } })), {
    AWS_CONFIG_LSP_LOG: "debug",
  });
  assert.deepEqual(extraEnv(getter({})), {});
});

test("STS timeouts: non-negative numbers pass", () => {
  const s = serverSettings(getter({ "sts.timeoutSeconds": 20, "sts.connectTimeoutSeconds": -1 }));
  assert.deepEqual(s.sts, { timeoutSeconds: 20 });
});
