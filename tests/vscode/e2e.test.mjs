// End-to-end test of the VS Code extension in a real VS Code (code-server), driven through
// Debian's Chromium by playwright-core. Started by tests/vscode/run.sh, which installs
// everything, packages and installs the .vsix, starts code-server and sets these variables:
//   E2E_URL         code-server's address (http://127.0.0.1:PORT)
//   E2E_WORKSPACE   the folder opened (a copy of tests/vscode/workspace)
//   E2E_ARTIFACTS   where screenshots go (target/vscode-e2e)
//   E2E_MODULES     the node_modules folder that holds playwright-core
// Every wait is on a condition in the page, with a deadline; nothing sleeps.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, afterEach, before, describe, test } from "node:test";

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    throw new Error(`${name} is not set: run tests/vscode/run.sh`);
  }
  return v;
};
const URL = env("E2E_URL");
const WORKSPACE = env("E2E_WORKSPACE");
const ARTIFACTS = env("E2E_ARTIFACTS");
const { chromium } = createRequire(join(env("E2E_MODULES"), "noop.js"))("playwright-core");

// The server may be slow to start the first time (cold disk); later steps are quick.
const FIRST = 90_000;
const STEP = 30_000;

// What the workspace's files contain (see tests/vscode/workspace/.aws), and what the server
// reports for them (`aws-config-lsp check --format json` gives the same).
const EXPECTED = {
  config: ["inline-comment", "missing-profile-prefix", "unknown-source-profile", "unknown-region"],
  credentials: ["quoted-value", "missing-session-token"],
};

let browser;
let page;

/** The text of the editor lines shown, with Monaco's non-breaking spaces made plain. */
async function visibleLines() {
  return page.$$eval(".editor-group-container.active .monaco-editor .view-lines .view-line", (lines) =>
    lines.map((l) => l.textContent.replace(/\u00a0/g, " ")),
  );
}

async function waitForLine(text, timeout = STEP) {
  await page.waitForFunction(
    (wanted) =>
      [...document.querySelectorAll(".editor-group-container.active .monaco-editor .view-lines .view-line")].some(
        (l) => l.textContent.replace(/\u00a0/g, " ") === wanted,
      ),
    text,
    { timeout },
  );
}

/** Opens the quick input with a key and runs the top entry for `text`. */
async function quickInput(key, text, rowText) {
  await page.keyboard.press(key);
  const input = page.locator(".quick-input-widget .quick-input-box input");
  await input.waitFor({ state: "visible", timeout: STEP });
  await input.fill(text);
  if (rowText) {
    // The focused row, not any row: until the list is filtered, the top row is from history.
    await page
      .locator(".quick-input-widget .quick-input-list .monaco-list-row.focused", { hasText: rowText })
      .first()
      .waitFor({ timeout: STEP });
  }
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: STEP });
}

async function runCommand(label) {
  await quickInput("F1", `>${label}`, label);
}

async function openFile(relative, name) {
  await quickInput("Control+P", relative, name);
  await page
    .locator(".editor-group-container.active .tab.active", { hasText: name })
    .waitFor({ timeout: STEP });
  await page.locator(".editor-group-container.active .monaco-editor .view-line").first().waitFor({ timeout: STEP });
}

async function goTo(line, column) {
  await quickInput("Control+G", `:${line}:${column}`);
  await page
    .locator(".statusbar-item", { hasText: `Ln ${line}, Col ${column}` })
    .first()
    .waitFor({ timeout: STEP });
}

async function problemsText() {
  return (await page.locator(".markers-panel").innerText()).replace(/\u00a0/g, " ");
}

async function screenshot(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, name);
  await page.screenshot({ path });
  return path;
}

describe("VS Code extension in code-server", { concurrency: false }, () => {
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.E2E_CHROMIUM ?? "/usr/bin/chromium",
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(STEP);
    await page.goto(`${URL}/?folder=${encodeURIComponent(WORKSPACE)}`);
    await page.locator(".monaco-workbench").waitFor({ timeout: FIRST });
    await page.locator(".explorer-folders-view .monaco-list-row").first().waitFor({ timeout: FIRST });
  });

  // A picture of the window after every step, to see what a failure looked like.
  let step = 0;
  afterEach(async (t) => {
    step += 1;
    const slug = t.name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
    await screenshot(`step-${step}-${slug}.png`).catch(() => {});
  });

  after(async () => {
    if (page) {
      await screenshot("last.png").catch(() => {});
    }
    await browser?.close();
  });

  test("the files open as AWS Credentials and AWS Config", async () => {
    await openFile(".aws/credentials", "credentials");
    await page.locator("#status\\.editor\\.mode", { hasText: "AWS Credentials" }).waitFor({ timeout: STEP });
    await openFile(".aws/config", "config");
    await page.locator("#status\\.editor\\.mode", { hasText: "AWS Config" }).waitFor({ timeout: STEP });
  });

  test(
    "a User-level awsConfigLsp.server.path is ignored in this remote window, and the extension says so",
    { skip: process.env.E2E_REMOTE_USER_PATH ? false : "E2E_SERVER_PATH sets the path in the Remote settings" },
    async () => {
      // run.sh put a path that does not exist in the User settings. The server runs all the same
      // (the Problems panel test below needs it): VS Code dropped the value. The warning may
      // have left its toast already: the notification centre keeps it.
      await runCommand("Notifications: Show Notifications");
      const center = page.locator(".notifications-center");
      await center.waitFor({ state: "visible", timeout: STEP });
      try {
        await page.waitForFunction(
          () =>
            /awsConfigLsp\.server\.path.*ignored in this remote window/s.test(
              document.querySelector(".notifications-center")?.textContent ?? "",
            ),
          null,
          { timeout: FIRST },
        );
      } catch (e) {
        assert.fail(`no warning about the ignored User setting; notifications:\n${await center.innerText()}\n${e.message}`);
      }
      assert.match(await center.innerText(), /\/nonexistent\/user-level\/aws-config-lsp/);
      // Cleared, the centre closes: the tests below see the window as before.
      await runCommand("Notifications: Clear All Notifications");
      await center.waitFor({ state: "hidden", timeout: STEP });
    },
  );

  test("highlighting applies: headers, keys and values get their own token classes", async () => {
    await waitForLine("[profile deploy]");
    const classes = await page.$$eval(
      ".editor-group-container.active .monaco-editor .view-lines .view-line",
      (lines) => {
        const tokens = {};
        for (const line of lines) {
          for (const span of line.querySelectorAll("span[class^='mtk'], span[class*=' mtk']")) {
            const text = span.textContent.replace(/\u00a0/g, " ").trim();
            const cls = [...span.classList].find((c) => /^mtk\d+$/.test(c));
            if (text && cls && !(text in tokens)) {
              tokens[text] = cls;
            }
          }
        }
        return tokens;
      },
    );
    // Without a grammar every token of the line would be one plain span (mtk1).
    for (const t of ["profile", "deploy", "role_arn", "us-east-1"]) {
      assert.ok(classes[t], `no token "${t}" in ${JSON.stringify(classes)}`);
    }
    assert.notEqual(classes["profile"], classes["deploy"], "section prefix and name look the same");
    assert.notEqual(classes["role_arn"], classes["us-east-1"], "key and value look the same");
    assert.notEqual(classes["deploy"], classes["role_arn"], "section name and key look the same");
  });

  test("the Problems panel lists the expected codes of both files", async () => {
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel").waitFor({ timeout: STEP });
    const all = [...EXPECTED.config, ...EXPECTED.credentials];
    try {
      await page.waitForFunction(
        (codes) => {
          const panel = document.querySelector(".markers-panel");
          const text = panel ? panel.textContent : "";
          return codes.every((c) => text.includes(c));
        },
        all,
        { timeout: FIRST },
      );
    } catch (e) {
      const text = await problemsText().catch(() => "");
      assert.fail(`the Problems panel does not list all of ${all.join(", ")}; it shows:\n${text}\n${e.message}`);
    }
    const text = await problemsText();
    for (const code of all) {
      assert.ok(text.includes(`aws-config-lsp(${code})`) || text.includes(code), code);
    }
    // The config file, problems underlined, the panel, the profile under the cursor in the
    // status bar: the README's screenshot.
    await goTo(12, 18);
    await page.locator(".statusbar-item", { hasText: "AWS: deploy" }).first().waitFor({ timeout: STEP });
    await page
      .locator(".editor-group-container.active .monaco-editor .view-overlays .squiggly-error")
      .first()
      .waitFor({ timeout: STEP });
    await page
      .locator(".editor-group-container.active .monaco-editor .view-overlays .squiggly-warning")
      .first()
      .waitFor({ timeout: STEP });
    await screenshot("screenshot.png");
  });

  test("a hover on a key shows its documentation", async () => {
    await openFile(".aws/config", "config");
    await goTo(4, 2); // `output = json`: no problem on it, so the hover is the key's alone
    await runCommand("Show or Focus Hover");
    const hover = page.locator(".monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents");
    await hover.first().waitFor({ timeout: STEP });
    await page.waitForFunction(
      () => {
        const h = document.querySelector(".monaco-hover:not(.hidden)");
        return h && [...h.querySelectorAll("code")].some((c) => c.textContent === "output");
      },
      null,
      { timeout: STEP },
    );
    const text = (await hover.first().innerText()).trim();
    assert.match(text, /^output\b/, `the hover starts with the key: ${text}`);
    assert.ok(text.length > "output".length + 20, `the hover has the key's documentation: ${text}`);
    await page.keyboard.press("Escape");
  });

  test("the status bar shows the profile under the cursor", async () => {
    await openFile(".aws/config", "config");
    await goTo(11, 1); // in [profile deploy]
    await page.locator(".statusbar-item", { hasText: "AWS: deploy" }).first().waitFor({ timeout: STEP });
    await goTo(7, 3); // [staging]: not a profile in the config file
    await page.locator(".statusbar-item", { hasText: "AWS: [staging]" }).first().waitFor({ timeout: STEP });
  });

  test("go to definition on a source_profile value opens its profile in the credentials file", async () => {
    await openFile(".aws/config", "config");
    await goTo(16, 19); // `source_profile = ops` in [profile analytics]; [ops] is in credentials
    await runCommand("Go to Definition");
    await page
      .locator(".editor-group-container.active .tab.active", { hasText: "credentials" })
      .waitFor({ timeout: STEP });
    await page.locator(".statusbar-item", { hasText: /Ln 5, Col \d+/ }).first().waitFor({ timeout: STEP });
  });

  test("secret values are dimmed", async () => {
    await openFile(".aws/credentials", "credentials");
    await waitForLine("[ops]");
    // The decoration sits on the value's span (or wraps it): look for a dimmed one.
    await page
      .waitForFunction(
      () =>
        [...document.querySelectorAll(".editor-group-container.active .monaco-editor .view-line span")].some(
          (s) =>
            s.children.length === 0 &&
            s.textContent.startsWith("wJalrXUtnFEMI") &&
            Number(getComputedStyle(s).opacity) < 1,
        ),
      null,
      { timeout: STEP },
    )
      .catch(async (e) => {
        const html = await page.$$eval(".editor-group-container.active .monaco-editor .view-line", (lines) =>
          lines.filter((l) => l.textContent.includes("EXAMPLEKEY")).map((l) => l.outerHTML),
        );
        assert.fail(`no dimmed secret value in:\n${html.join("\n")}\n${e.message}`);
      });
    // Keys are not secrets: they stay as they are.
    const keyOpacity = await page.$$eval(
      ".editor-group-container.active .monaco-editor .view-line span",
      (spans) =>
        spans
          .filter((s) => s.children.length === 0 && s.textContent.trim() === "aws_secret_access_key")
          .map((s) => getComputedStyle(s).opacity),
    );
    assert.ok(keyOpacity.length > 0 && keyOpacity.every((o) => o === "1"), JSON.stringify(keyOpacity));
  });

  test("a quick fix changes the text", async () => {
    await openFile(".aws/config", "config");
    await goTo(7, 3); // inside `staging` of `[staging]`: missing-profile-prefix
    // Through the command palette rather than Ctrl+.: the command runs on the active editor
    // wherever the keyboard focus is, and asks the server for the cursor's code actions.
    await runCommand("Quick Fix...");
    const action = page.locator(".action-widget .monaco-list-row", { hasText: /profile.*prefix/ }).first();
    try {
      await action.waitFor({ timeout: STEP });
    } catch (e) {
      const shown = await page.locator(".action-widget").innerText().catch(() => "(no action menu)");
      assert.fail(`no quick fix "Add the profile prefix"; the menu shows: ${shown}\n${e.message}`);
    }
    await action.click();
    await waitForLine("[profile staging]");
    assert.ok(!(await visibleLines()).includes("[staging]"));
    await page.locator(".statusbar-item", { hasText: "AWS: staging" }).first().waitFor({ timeout: STEP });
    // The server re-checks the edited text: the problem goes away.
    await page.waitForFunction(
      () => !(document.querySelector(".markers-panel")?.textContent ?? "").includes("missing-profile-prefix"),
      null,
      { timeout: STEP },
    );
  });

  test("a setting reaches the server: a disabled code leaves the Problems panel", async () => {
    // The workspace's settings file: VS Code watches it like any file of the workspace.
    const settingsFile = join(WORKSPACE, ".vscode", "settings.json");
    mkdirSync(join(WORKSPACE, ".vscode"), { recursive: true });
    const original = "{}";
    writeFileSync(settingsFile, original);
    const panelHas = (code, present) =>
      page.waitForFunction(
        ([c, p]) => (document.querySelector(".markers-panel")?.textContent ?? "").includes(c) === p,
        [code, present],
        { timeout: STEP },
      );
    await panelHas("unknown-region", true);
    // VS Code watches the settings file; the client forwards the change to the server.
    writeFileSync(settingsFile, JSON.stringify({ "awsConfigLsp.disable": ["unknown-region"] }, null, 2));
    try {
      await panelHas("unknown-region", false);
      assert.ok((await problemsText()).includes("inline-comment"), "the other problems stay");
    } finally {
      writeFileSync(settingsFile, original);
    }
    await panelHas("unknown-region", true);
  });

  test("Restart server: the problems come back from the new server", async () => {
    await runCommand("AWS Config: Restart server");
    // The old server's problems are cleared when it stops; the new one publishes them again.
    await page.waitForFunction(
      () => (document.querySelector(".markers-panel")?.textContent ?? "").includes("unknown-source-profile"),
      null,
      { timeout: FIRST },
    );
    await goTo(4, 2);
    await runCommand("Show or Focus Hover");
    await page.waitForFunction(
      () => {
        const h = document.querySelector(".monaco-hover:not(.hidden)");
        return h && [...h.querySelectorAll("code")].some((c) => c.textContent === "output");
      },
      null,
      { timeout: STEP },
    );
    await page.keyboard.press("Escape");
  });

  test(
    "Validate profile with AWS STS: a valid key and an unknown one (moto on loopback)",
    { skip: process.env.E2E_STS ? false : "no STS fixture (tests/sts)" },
    async () => {
      await openFile(".aws/credentials", "credentials");
      await waitForLine("[alice]");
      const validate = async (line, profile, pattern) => {
        await goTo(line, 2);
        await page.locator(".statusbar-item", { hasText: `AWS: ${profile}` }).first().waitFor({ timeout: STEP });
        await runCommand("AWS Config: Validate profile with AWS STS");
        // The outcome lands on the profile's header as a diagnostic with an sts-* code.
        await page
          .waitForFunction(
            (source) =>
              new RegExp(source).test(document.querySelector(".markers-panel")?.textContent ?? ""),
            pattern.source,
            { timeout: STEP },
          )
          .catch(async (e) => assert.fail(`no ${pattern} in the Problems panel:\n${await problemsText()}\n${e.message}`));
      };
      await validate(13, "alice", /\bsts-valid\b/);
      await validate(5, "ops", /\bsts-(?!valid\b)[a-z]+(?:-[a-z]+)*/);
    },
  );

  test("Show effective profile opens the server's description of the profile, rendered", async () => {
    await openFile(".aws/config", "config");
    await goTo(11, 1); // in [profile deploy]
    await runCommand("AWS Config: Show effective profile");
    await page
      .locator(".editor-group-container .tab", { hasText: "Preview Effective profile - deploy" })
      .first()
      .waitFor({ timeout: STEP });
    // The Markdown preview is a webview (nested frames): its text once a table is rendered.
    const rendered = async () => {
      for (const frame of page.frames()) {
        const text = await frame
          .evaluate(() => (document.querySelector("table") ? document.body.innerText : null))
          .catch(() => null);
        if (text) {
          return text;
        }
      }
      return null;
    };
    const deadline = Date.now() + STEP;
    let text = await rendered();
    while (!text && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200)); // poll interval, not a synchronisation
      text = await rendered();
    }
    assert.ok(text, "no rendered table in any frame of the window");
    assert.match(text, /Profile deploy/);
    assert.match(text, /role_arn/);
    assert.ok(!text.includes("|---|") && !text.includes("**"), `Markdown source, not rendered:\n${text}`);
  });

  test("semantic tokens: the server's token types and modifiers reach the editor", async () => {
    await openFile(".aws/config", "config");
    // VS Code's own inspector lists the semantic token under the cursor.
    const inspect = async (line, column, wanted) => {
      await goTo(line, column);
      await runCommand("Developer: Inspect Editor Tokens and Scopes");
      const widget = page.locator(".token-inspect-widget");
      await widget.waitFor({ state: "visible", timeout: STEP });
      try {
        await page.waitForFunction(
          (words) => {
            const text = document.querySelector(".token-inspect-widget")?.textContent ?? "";
            return text.includes("semantic token type") && words.every((w) => text.includes(w));
          },
          wanted,
          { timeout: STEP },
        );
      } catch (e) {
        assert.fail(`line ${line}: no ${wanted.join(", ")} in the inspector:\n${await widget.innerText()}\n${e.message}`);
      }
      await page.keyboard.press("Escape");
      await widget.waitFor({ state: "hidden", timeout: STEP });
    };
    await inspect(10, 12, ["namespace", "declaration"]); // `deploy` in [profile deploy]
    await inspect(11, 3, ["property", "defaultLibrary"]); // role_arn
    await inspect(27, 17, ["enumMember"]); // us-east-1 of sso_region: a known Region
  });

  /** Every text a line shows, inlay hints included (text or CSS content). */
  const shownText = () =>
    page.$$eval(".editor-group-container.active .monaco-editor .view-lines .view-line", (lines) =>
      lines
        .map((line) =>
          [...line.querySelectorAll("span")]
            .map((s) =>
              [getComputedStyle(s, "::before").content, s.children.length ? "" : s.textContent, getComputedStyle(s, "::after").content]
                .filter((t) => t && t !== "none" && t !== "normal")
                .join(""),
            )
            .join(""),
        )
        .join("\n")
        .replace(/\u00a0/g, " "),
    );

  const waitForShown = async (wanted) => {
    const deadline = Date.now() + STEP;
    let text = await shownText();
    while (!text.includes(wanted) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200)); // poll interval, not a synchronisation
      text = await shownText();
    }
    assert.ok(text.includes(wanted), `no "${wanted}" shown in:\n${text}`);
  };

  test("inlay hints: the account of an access key id, a Region's name, the SSO login", async () => {
    await openFile(".aws/credentials", "credentials");
    await goTo(5, 1);
    await waitForShown("account 581039954779");
    await openFile(".aws/config", "config");
    await goTo(27, 1);
    await waitForShown("US East (N. Virginia)");
    // This home has no SSO token cache: the profile using sso-session corp is not logged in.
    await goTo(31, 1);
    await waitForShown("not logged in");
  });

  test("document links: credential_process's program and the access portal, with the server's tooltips", async () => {
    await openFile(".aws/config", "config");
    await goTo(26, 1);
    const hoverLink = async (text, tooltip) => {
      const link = page
        .locator(".editor-group-container.active .monaco-editor .view-line span.detected-link")
        .filter({ hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`) })
        .first();
      await link.waitFor({ timeout: STEP });
      await link.hover();
      try {
        await page.waitForFunction(
          (t) => [...document.querySelectorAll(".monaco-hover:not(.hidden)")].some((h) => h.textContent.includes(t)),
          tooltip,
          { timeout: STEP },
        );
      } catch (e) {
        const shown = await page.locator(".monaco-hover:not(.hidden)").allInnerTexts();
        assert.fail(`no hover "${tooltip}" on ${text}; hovers: ${JSON.stringify(shown)}\n${e.message}`);
      }
      await page.mouse.move(0, 0);
      await page.keyboard.press("Escape");
    };
    // VS Code renders the tooltip as Markdown: no backquotes in the text.
    await hoverLink("cat", "Open the program credential_process runs (/");
    await hoverLink("https://example.awsapps.com/start", "Open the AWS access portal");
  });

  test("workspace symbols: Go to Symbol in Workspace finds a profile of the credentials file", async () => {
    await openFile(".aws/config", "config");
    await quickInput("F1", "#temp", "temp");
    await page
      .locator(".editor-group-container.active .tab.active", { hasText: "credentials" })
      .waitFor({ timeout: STEP });
    await page.locator(".statusbar-item", { hasText: "AWS: temp" }).first().waitFor({ timeout: STEP });
  });

  test("pull diagnostics: an edit of the credentials file changes the config file's problems", async () => {
    const panelHas = (text, present) =>
      page
        .waitForFunction(
          ([t, p]) => (document.querySelector(".markers-panel")?.textContent ?? "").includes(t) === p,
          [text, present],
          { timeout: STEP },
        )
        .catch(async (e) => assert.fail(`Problems panel ${present ? "without" : "with"} ${text}:\n${await problemsText()}\n${e.message}`));
    // The client pulls each document's diagnostics; the config file's change when its
    // partner does, and the server asks the client to pull again.
    await page.keyboard.press("Control+Shift+M");
    await page.locator(".markers-panel").waitFor({ timeout: STEP });
    await openFile(".aws/credentials", "credentials");
    await goTo(5, 5); // before `]` of [ops]
    await page.keyboard.press("Backspace");
    await page.keyboard.type("z");
    await waitForLine("[opz]");
    await panelHas("names `ops`", true);
    await page.keyboard.press("Control+Z");
    await page.keyboard.press("Control+Z");
    await waitForLine("[ops]");
    await panelHas("names `ops`", false);
  });

  test("Format Selection formats the selected line only", async () => {
    await openFile(".aws/config", "config");
    await goTo(22, 1); // output=text
    await page.keyboard.press("Shift+End");
    await runCommand("Format Selection");
    await waitForLine("output = text");
    assert.ok((await visibleLines()).includes("cli_pager=less"), "a line outside the selection was formatted");
  });
});
