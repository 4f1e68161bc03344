import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ignoredServerPathWarning,
  isDroppedUserValue,
  parseJsonc,
  remoteNotFoundHint,
  serverPathInUserSettings,
} from "../src/remote";

const USER = `{
  // VS Code writes comments and trailing commas into settings.json
  "editor.fontSize": 14, /* block */
  "awsConfigLsp.server.path": "/home/me/bin/aws-config-lsp",
  "url": "http://example.com/a//b", // a "//" inside a string is not a comment
}`;

test("settings files parse with comments and trailing commas", () => {
  assert.deepEqual(parseJsonc(USER), {
    "editor.fontSize": 14,
    "awsConfigLsp.server.path": "/home/me/bin/aws-config-lsp",
    url: "http://example.com/a//b",
  });
  assert.deepEqual(parseJsonc('{"a": "say \\"hi\\" // not a comment",}'), { a: 'say "hi" // not a comment' });
  assert.deepEqual(parseJsonc(""), {});
  assert.equal(parseJsonc("{ nope"), undefined);
});

test("the server path of a User settings file, if set and not blank", () => {
  assert.equal(serverPathInUserSettings(USER), "/home/me/bin/aws-config-lsp");
  assert.equal(serverPathInUserSettings('{"awsConfigLsp.server.path": "  "}'), undefined);
  assert.equal(serverPathInUserSettings('{"awsConfigLsp.server.path": null}'), undefined);
  assert.equal(serverPathInUserSettings("[1, 2]"), undefined);
  assert.equal(serverPathInUserSettings("not json"), undefined);
});

test("a remote window warns about a User-level server path it ignores", () => {
  const warning = ignoredServerPathWarning("ssh-remote", {}, USER);
  assert.ok(warning);
  assert.match(warning, /awsConfigLsp\.server\.path/);
  assert.match(warning, /\/home\/me\/bin\/aws-config-lsp/);
  assert.match(warning, /ignored in this remote window \(ssh-remote\)/);
  assert.match(warning, /Remote settings/);
});

test("no warning: a local window, no User value, or a value VS Code applies", () => {
  assert.equal(ignoredServerPathWarning(undefined, {}, USER), undefined);
  assert.equal(ignoredServerPathWarning("ssh-remote", {}, "{}"), undefined);
  assert.equal(ignoredServerPathWarning("ssh-remote", {}, undefined), undefined);
  // Set in the Remote settings (VS Code shows it as the global value) or the workspace.
  assert.equal(ignoredServerPathWarning("ssh-remote", { globalValue: "/opt/aws-config-lsp" }, USER), undefined);
  assert.equal(ignoredServerPathWarning("ssh-remote", { workspaceValue: "/opt/aws-config-lsp" }, USER), undefined);
  assert.equal(ignoredServerPathWarning("ssh-remote", { workspaceFolderValue: "/x" }, USER), undefined);
  // A blank applied value is no value.
  assert.ok(ignoredServerPathWarning("ssh-remote", { globalValue: " " }, USER));
});

test("server not found in a remote window: the hint names the Remote settings", () => {
  assert.match(remoteNotFoundHint("dev-container", {}), /remote window \(dev-container\).*Remote settings/);
  assert.equal(remoteNotFoundHint(undefined, {}), "");
  assert.equal(remoteNotFoundHint("dev-container", { globalValue: "/opt/x" }), "");
});

test("a User value still handed over in a remote window is recognised as the dropped one", () => {
  assert.equal(isDroppedUserValue("ssh-remote", "/home/me/bin/aws-config-lsp", USER), true);
  assert.equal(isDroppedUserValue("ssh-remote", " /home/me/bin/aws-config-lsp ", USER), true);
  // Another value (the Remote settings' or the workspace's), a local window, no file, no value.
  assert.equal(isDroppedUserValue("ssh-remote", "/opt/aws-config-lsp", USER), false);
  assert.equal(isDroppedUserValue(undefined, "/home/me/bin/aws-config-lsp", USER), false);
  assert.equal(isDroppedUserValue("ssh-remote", "/home/me/bin/aws-config-lsp", undefined), false);
  assert.equal(isDroppedUserValue("ssh-remote", null, USER), false);
  assert.equal(isDroppedUserValue("ssh-remote", "  ", '{"awsConfigLsp.server.path": "  "}'), false);
});
