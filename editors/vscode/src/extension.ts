import * as fs from "fs";
import * as os from "os";
import * as vscode from "vscode";
import {
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";
import { findServer } from "./discovery";
import { ignoredServerPathWarning, isDroppedUserValue, remoteNotFoundHint } from "./remote";
import { RESTART_KEYS, SECTION, extraEnv, serverSettings } from "./settings";
import {
  fileKindOf,
  profileNames,
  secretRanges,
  sectionAt,
  sectionFoldingRanges,
  splitLines,
  statusText,
} from "./text";

const LANGUAGES = ["aws-config", "aws-credentials"];
const SELECTOR: vscode.DocumentSelector = LANGUAGES.map((language) => ({ language }));
const EFFECTIVE_PROFILE = "aws-config-lsp.effectiveProfile";
const VALIDATE_PROFILE = "aws-config-lsp.validateProfile";
const RESULT_SCHEME = "aws-config-lsp-result";

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
let remoteWarningShown = false;

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(SECTION);
}

function getter(): (key: string) => unknown {
  const c = config();
  return (key) => c.get(key);
}

function isExecutable(path: string): boolean {
  try {
    const stat = fs.statSync(path);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(path, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const remoteName = vscode.env.remoteName;
  const userSettings = remoteName ? await readUserSettings(context) : undefined;
  const levels = config().inspect("server.path") ?? {};
  const configuredPath = config().get<string | null>("server.path");
  const discover = (path: string | null | undefined) =>
    findServer({
      platform: process.platform,
      arch: process.arch,
      extensionPath: context.extensionPath,
      configuredPath: path,
      pathEnv: process.env.PATH ?? process.env.Path,
      home: os.homedir(),
      isExecutable,
    });
  let discovery = discover(configuredPath);
  let ignored = ignoredServerPathWarning(remoteName, levels, userSettings);
  if (!discovery.found && isDroppedUserValue(remoteName, configuredPath, userSettings)) {
    // The User value that this remote window drops, still handed over: drop it here too.
    output.appendLine(`VS Code still applied the User value of ${SECTION}.server.path; it is ignored here.`);
    discovery = discover(undefined);
    ignored = ignoredServerPathWarning(remoteName, {}, userSettings);
  }
  warnOnce(ignored);
  if (!discovery.found) {
    const message = discovery.message + remoteNotFoundHint(remoteName, levels);
    output.appendLine(`${message}\nLooked at:\n  ${discovery.tried.join("\n  ")}`);
    // Not awaited: the message stays until the user answers, activation must not wait for it.
    void vscode.window
      .showErrorMessage(`AWS Config: ${message}`, "Open Settings", "Show Details")
      .then((choice) => {
        if (choice === "Open Settings") {
          void vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.path`);
        } else if (choice === "Show Details") {
          output.show();
        }
      });
    return;
  }
  output.appendLine(`Starting ${discovery.path} (found by ${discovery.source}).`);

  const serverOptions: ServerOptions = {
    command: discovery.path,
    // No `transport`: the client would add `--stdio`; the server speaks stdio with `serve`.
    args: ["serve"],
    options: { env: { ...process.env, ...extraEnv(getter()) } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: serverSettings(getter(), os.homedir()),
    synchronize: { configurationSection: SECTION },
    outputChannel: output,
    middleware: {
      workspace: {
        // Answer `workspace/configuration` for our section with the cleaned settings the
        // server expects (paths with `~` expanded, only known severities).
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) {
            return result;
          }
          return params.items.map((item, i) =>
            item.section === SECTION ? serverSettings(getter(), os.homedir()) : result[i],
          );
        },
      },
    },
  };
  client = new LanguageClient("awsConfigLsp", "AWS Config", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    output.appendLine(`The server failed to start: ${message}`);
    void vscode.window.showErrorMessage(`AWS Config: the server ${discovery.path} failed to start: ${message}`);
  }
}

/**
 * The User settings file, where the extension host can read it (code-server and other VS Code
 * servers keep it two folders above the extension's global storage); `undefined` elsewhere (the
 * User settings are on the local machine).
 */
async function readUserSettings(context: vscode.ExtensionContext): Promise<string | undefined> {
  try {
    const file = vscode.Uri.joinPath(context.globalStorageUri, "..", "..", "settings.json");
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch {
    return undefined;
  }
}

/**
 * In a remote window VS Code drops a User-level `awsConfigLsp.server.path` (the setting is
 * machine-overridable) and tells the extension nothing: say so, once per session.
 */
function warnOnce(warning: string | undefined): void {
  if (!warning || remoteWarningShown) {
    return;
  }
  remoteWarningShown = true;
  output.appendLine(warning);
  void vscode.window
    .showWarningMessage(`AWS Config: ${warning}`, "Open Remote Settings", "Open User Settings")
    .then((choice) => {
      if (choice === "Open Remote Settings") {
        void vscode.commands.executeCommand("workbench.action.openRemoteSettings");
      } else if (choice === "Open User Settings") {
        void vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.path`);
      }
    });
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) {
    try {
      await c.stop();
    } catch (e) {
      output.appendLine(`Stopping the server: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** The profile under the cursor of the active AWS editor. */
function profileUnderCursor(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  const kind = editor && fileKindOf(editor.document.languageId);
  if (!editor || !kind) {
    return undefined;
  }
  const section = sectionAt(splitLines(editor.document.getText()), editor.selection.active.line, kind);
  return section?.kind === "profile" ? section.name : undefined;
}

/** The profile a command works on: its argument, the one under the cursor, or the user's pick. */
async function chooseProfile(arg: unknown, verb: string): Promise<string | undefined> {
  if (typeof arg === "string" && arg.length > 0) {
    return arg;
  }
  const underCursor = profileUnderCursor();
  if (underCursor) {
    return underCursor;
  }
  const names = new Set<string>();
  for (const doc of vscode.workspace.textDocuments) {
    const kind = fileKindOf(doc.languageId);
    if (kind) {
      profileNames(doc.getText(), kind).forEach((n) => names.add(n));
    }
  }
  if (names.size === 0) {
    return vscode.window.showInputBox({ prompt: `Profile to ${verb}` });
  }
  return vscode.window.showQuickPick([...names], { placeHolder: `Profile to ${verb}` });
}

/** Read-only documents that show a command's markdown result. */
class ResultProvider implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? "";
  }
}

async function runServerCommand(
  results: ResultProvider,
  command: string,
  profile: string,
  title: string,
): Promise<void> {
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage("AWS Config: the server is not running (see the AWS Config output).");
    return;
  }
  const c = client;
  let result: unknown;
  try {
    result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${title}: ${profile}` },
      () => c.sendRequest(ExecuteCommandRequest.type, { command, arguments: [profile] }),
    );
  } catch (e) {
    void vscode.window.showErrorMessage(`AWS Config: ${title} failed: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const text = typeof result === "string" ? result : JSON.stringify(result, null, 2);
  const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${title} - ${profile}.md` });
  results.set(uri, text);
  // Rendered, beside the file: the built-in Markdown preview reads the read-only document
  // (running its command activates the Markdown extension). Without that extension (disabled),
  // the Markdown source is the next best thing.
  try {
    await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
    return;
  } catch (e) {
    output.appendLine(`No Markdown preview (${e instanceof Error ? e.message : String(e)}): showing the source.`);
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, "markdown");
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

/**
 * The server answers at once and runs the check in the background: it shows the progress
 * (cancellable), then the outcome as a message and as a diagnostic on the profile's header.
 */
async function validateProfile(profile: string): Promise<void> {
  if (!client || !client.isRunning()) {
    void vscode.window.showErrorMessage("AWS Config: the server is not running (see the AWS Config output).");
    return;
  }
  try {
    const answer = await client.sendRequest(ExecuteCommandRequest.type, {
      command: VALIDATE_PROFILE,
      arguments: [profile],
    });
    if (typeof answer === "string" && answer.length > 0) {
      vscode.window.setStatusBarMessage(`$(sync~spin) ${answer}`, 3000);
    }
  } catch (e) {
    void vscode.window.showErrorMessage(
      `AWS Config: validating ${profile} failed: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function setupStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem("awsConfigLsp.profile", vscode.StatusBarAlignment.Left, 10);
  item.name = "AWS profile";
  item.command = "awsConfigLsp.showEffectiveProfile";
  item.tooltip = "The AWS profile under the cursor: click to show its effective settings";
  const update = (): void => {
    const editor = vscode.window.activeTextEditor;
    const kind = editor && fileKindOf(editor.document.languageId);
    const text =
      editor && kind && config().get<boolean>("statusBar", true)
        ? statusText(sectionAt(splitLines(editor.document.getText()), editor.selection.active.line, kind))
        : undefined;
    if (text) {
      item.text = `$(key) ${text}`;
      item.show();
    } else {
      item.hide();
    }
  };
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection(update),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) {
        update();
      }
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.statusBar`)) {
        update();
      }
    }),
  );
  update();
}

function setupSecrets(context: vscode.ExtensionContext): void {
  const dim = vscode.window.createTextEditorDecorationType({ opacity: "0.4" });
  const decorate = (editor: vscode.TextEditor): void => {
    if (!fileKindOf(editor.document.languageId)) {
      return;
    }
    const ranges =
      config().get<string>("secrets", "dim") === "dim"
        ? secretRanges(editor.document.getText()).map((r) => new vscode.Range(r.line, r.start, r.line, r.end))
        : [];
    editor.setDecorations(dim, ranges);
  };
  const decorateAll = (): void => vscode.window.visibleTextEditors.forEach(decorate);
  context.subscriptions.push(
    dim,
    vscode.window.onDidChangeVisibleTextEditors(decorateAll),
    vscode.workspace.onDidChangeTextDocument((e) => {
      vscode.window.visibleTextEditors.filter((ed) => ed.document === e.document).forEach(decorate);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.secrets`)) {
        decorateAll();
      }
    }),
  );
  decorateAll();
}

/** Files matching the extra globs of the settings open as AWS config or credentials files. */
function setupExtraGlobs(context: vscode.ExtensionContext): void {
  const apply = (doc: vscode.TextDocument): void => {
    if (fileKindOf(doc.languageId)) {
      return;
    }
    for (const [setting, language] of [
      ["files.config", "aws-config"],
      ["files.credentials", "aws-credentials"],
    ] as const) {
      const globs = config().get<string[]>(setting, []);
      if (globs.some((pattern) => vscode.languages.match({ pattern }, doc) > 0)) {
        void vscode.languages.setTextDocumentLanguage(doc, language);
        return;
      }
    }
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(apply));
  vscode.workspace.textDocuments.forEach(apply);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("AWS Config");
  const results = new ResultProvider();
  context.subscriptions.push(
    output,
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, results),
    // Folding by section without the server; when the server folds, it alone does.
    vscode.languages.registerFoldingRangeProvider(SELECTOR, {
      provideFoldingRanges(doc) {
        if (client?.isRunning() && client.initializeResult?.capabilities.foldingRangeProvider) {
          return [];
        }
        return sectionFoldingRanges(splitLines(doc.getText())).map(
          (r) => new vscode.FoldingRange(r.start, r.end, vscode.FoldingRangeKind.Region),
        );
      },
    }),
    vscode.commands.registerCommand("awsConfigLsp.restartServer", () => restartClient(context)),
    vscode.commands.registerCommand("awsConfigLsp.showEffectiveProfile", async (arg?: unknown) => {
      const profile = await chooseProfile(arg, "show");
      if (profile) {
        await runServerCommand(results, EFFECTIVE_PROFILE, profile, "Effective profile");
      }
    }),
    vscode.commands.registerCommand("awsConfigLsp.validateProfile", async (arg?: unknown) => {
      const profile = await chooseProfile(arg, "validate with AWS STS");
      if (profile) {
        await validateProfile(profile);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (RESTART_KEYS.some((k) => e.affectsConfiguration(`${SECTION}.${k}`))) {
        await restartClient(context);
      }
    }),
  );
  setupExtraGlobs(context);
  setupSecrets(context);
  setupStatusBar(context);
  await restartClient(context);
}

export async function deactivate(): Promise<void> {
  await inTurn(stopClient);
}

/**
 * Starts and stops run one at a time, in the order asked. A stop while the client is still
 * starting fails in vscode-languageclient ("can't be stopped") and would leave that server
 * running beside the next one (a setting changed during activation did this).
 */
let lifecycle: Promise<void> = Promise.resolve();

function inTurn(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step).catch((e: unknown) => {
    output.appendLine(`Starting or stopping the server: ${e instanceof Error ? e.message : String(e)}`);
  });
  return lifecycle;
}

function restartClient(context: vscode.ExtensionContext): Promise<void> {
  return inTurn(async () => {
    await stopClient();
    await startClient(context);
  });
}
