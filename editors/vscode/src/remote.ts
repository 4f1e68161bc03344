// `awsConfigLsp.server.path` is machine-overridable: in a remote window (SSH, containers, WSL,
// code-server) VS Code reads it from the Remote settings and the workspace only, and drops the
// value of the User settings without a word (a path on one machine means nothing on another).
// VS Code hands the extension no trace of the dropped value, so where the User settings file
// can be read from here (code-server and other VS Code servers keep it beside the extension
// host), the extension reads it and says that the value is ignored. Pure: the caller reads the
// file and the settings.

export const SERVER_PATH_KEY = "awsConfigLsp.server.path";

/** What `WorkspaceConfiguration.inspect("server.path")` says, the levels VS Code applies. */
export interface ServerPathLevels {
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

function nonBlank(value: unknown): value is string {
  return typeof value === "string" && value.trim().length > 0;
}

/**
 * JSON with comments and trailing commas (the format of VS Code's settings files) to a value,
 * or `undefined` when it does not parse.
 */
export function parseJsonc(text: string): unknown {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // A string, escapes included, copied as it is.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        j += text[j] === "\\" ? 2 : 1;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") {
        i += 1;
      }
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i += 1;
    }
  }
  // Trailing commas: a comma followed (after blanks) by a closing bracket.
  out = out.replace(/,(\s*[}\]])/g, "$1");
  try {
    return JSON.parse(out.trim().length === 0 ? "{}" : out);
  } catch {
    return undefined;
  }
}

/** The `awsConfigLsp.server.path` a User settings file sets, if any. */
export function serverPathInUserSettings(text: string): string | undefined {
  const settings = parseJsonc(text);
  if (!settings || typeof settings !== "object" || Array.isArray(settings)) {
    return undefined;
  }
  const value = (settings as Record<string, unknown>)[SERVER_PATH_KEY];
  return nonBlank(value) ? value.trim() : undefined;
}

/**
 * The warning for a User-level `awsConfigLsp.server.path` that VS Code ignores in this remote
 * window, or `undefined`: not remote, no such value in the User settings, or a value that VS
 * Code does apply (from the Remote settings or the workspace, which then wins anyway).
 */
export function ignoredServerPathWarning(
  remoteName: string | undefined,
  applied: ServerPathLevels,
  userSettingsText: string | undefined,
): string | undefined {
  if (!remoteName || userSettingsText === undefined) {
    return undefined;
  }
  if ([applied.globalValue, applied.workspaceValue, applied.workspaceFolderValue].some(nonBlank)) {
    return undefined;
  }
  const ignored = serverPathInUserSettings(userSettingsText);
  if (!ignored) {
    return undefined;
  }
  return (
    `Your User setting ${SERVER_PATH_KEY} ("${ignored}") is ignored in this remote window ` +
    `(${remoteName}): VS Code reads this setting from the Remote settings or the workspace ` +
    `settings of a remote window. Set it there, or leave it unset to use the server shipped ` +
    `with the extension or aws-config-lsp on the remote PATH.`
  );
}

/** What a remote window adds to the "server not found" message. */
export function remoteNotFoundHint(remoteName: string | undefined, applied: ServerPathLevels): string {
  if (!remoteName || [applied.globalValue, applied.workspaceValue, applied.workspaceFolderValue].some(nonBlank)) {
    return "";
  }
  return (
    ` In this remote window (${remoteName}), VS Code ignores ${SERVER_PATH_KEY} in your User ` +
    `settings: set it in the Remote settings (Preferences: Open Remote Settings) or the workspace.`
  );
}

/**
 * Whether the server path VS Code hands the extension is the User settings' value that a
 * remote window drops. An extension activated early in a new remote window (on opening an AWS
 * file) may still be handed the User value, and no change event reaches it when VS Code drops
 * the value later: the e2e test in code-server met this in about one run of ten (no server
 * started, and no warning).
 */
export function isDroppedUserValue(
  remoteName: string | undefined,
  applied: string | null | undefined,
  userSettingsText: string | undefined,
): boolean {
  if (!remoteName || userSettingsText === undefined || !nonBlank(applied)) {
    return false;
  }
  return serverPathInUserSettings(userSettingsText) === applied.trim();
}
