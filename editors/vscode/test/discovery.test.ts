import assert from "node:assert/strict";
import { test } from "node:test";
import { DiscoveryEnv, bundledPath, findServer } from "../src/discovery";

function env(overrides: Partial<DiscoveryEnv>, executables: string[]): DiscoveryEnv {
  return {
    platform: "linux",
    arch: "x64",
    extensionPath: "/ext",
    configuredPath: undefined,
    pathEnv: "/usr/local/bin:/usr/bin",
    home: "/home/me",
    isExecutable: (p) => executables.includes(p),
    ...overrides,
  };
}

test("the setting wins over the bundled binary and PATH", () => {
  const d = findServer(
    env({ configuredPath: "/opt/lsp/aws-config-lsp" }, [
      "/opt/lsp/aws-config-lsp",
      "/ext/server/linux-x64/aws-config-lsp",
      "/usr/bin/aws-config-lsp",
    ]),
  );
  assert.deepEqual(d, { found: true, path: "/opt/lsp/aws-config-lsp", source: "setting" });
});

test("a setting starting with ~ is under the home folder", () => {
  const d = findServer(env({ configuredPath: "~/bin/aws-config-lsp" }, ["/home/me/bin/aws-config-lsp"]));
  assert.deepEqual(d, { found: true, path: "/home/me/bin/aws-config-lsp", source: "setting" });
});

test("a setting that points nowhere is an error, with no fallback", () => {
  const d = findServer(env({ configuredPath: "/nope" }, ["/ext/server/linux-x64/aws-config-lsp"]));
  assert.equal(d.found, false);
  if (!d.found) {
    assert.match(d.message, /awsConfigLsp\.server\.path/);
    assert.match(d.message, /\/nope/);
    assert.deepEqual(d.tried, ["/nope"]);
  }
});

test("a blank setting counts as unset", () => {
  const d = findServer(env({ configuredPath: "  " }, ["/usr/bin/aws-config-lsp"]));
  assert.deepEqual(d, { found: true, path: "/usr/bin/aws-config-lsp", source: "path" });
});

test("the bundled binary for the platform comes before PATH", () => {
  const d = findServer(env({}, ["/ext/server/linux-x64/aws-config-lsp", "/usr/bin/aws-config-lsp"]));
  assert.deepEqual(d, { found: true, path: "/ext/server/linux-x64/aws-config-lsp", source: "bundled" });
});

test("a binary bundled for another platform is not used", () => {
  const d = findServer(env({ arch: "arm64" }, ["/ext/server/linux-x64/aws-config-lsp", "/usr/bin/aws-config-lsp"]));
  assert.deepEqual(d, { found: true, path: "/usr/bin/aws-config-lsp", source: "path" });
});

test("PATH is searched in order, skipping empty entries", () => {
  const d = findServer(
    env({ pathEnv: ":/a::/b" }, ["/b/aws-config-lsp", "/c/aws-config-lsp"]),
  );
  assert.deepEqual(d, { found: true, path: "/b/aws-config-lsp", source: "path" });
});

test("Windows: .exe, backslashes and ; in Path", () => {
  assert.equal(bundledPath("C:\\ext\\", "win32", "x64"), "C:\\ext\\server\\win32-x64\\aws-config-lsp.exe");
  const d = findServer(
    env({ platform: "win32", extensionPath: "C:\\ext", pathEnv: "C:\\a;C:\\tools" }, ["C:\\tools\\aws-config-lsp.exe"]),
  );
  assert.deepEqual(d, { found: true, path: "C:\\tools\\aws-config-lsp.exe", source: "path" });
});

test("nothing found: the message says what to do and lists where it looked", () => {
  const d = findServer(env({ pathEnv: "/usr/bin" }, []));
  assert.equal(d.found, false);
  if (!d.found) {
    assert.match(d.message, /not found/);
    assert.match(d.message, /linux-x64/);
    assert.match(d.message, /awsConfigLsp\.server\.path/);
    assert.match(d.message, /cargo install/);
    assert.deepEqual(d.tried, ["/ext/server/linux-x64/aws-config-lsp", "/usr/bin/aws-config-lsp"]);
  }
});
