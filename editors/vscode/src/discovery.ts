// Where the server binary is: the `awsConfigLsp.server.path` setting, then the binary shipped
// inside the extension for this platform, then `aws-config-lsp` on PATH. Pure: the file system
// and the environment come in through `DiscoveryEnv`, so the order is unit-tested.

export const SERVER_NAME = "aws-config-lsp";

export interface DiscoveryEnv {
  /** `process.platform`: linux, darwin, win32, ... */
  platform: string;
  /** `process.arch`: x64, arm64, ... */
  arch: string;
  /** The extension's install folder. */
  extensionPath: string;
  /** The `awsConfigLsp.server.path` setting, when set. */
  configuredPath: string | null | undefined;
  /** `process.env.PATH` (or `Path` on Windows). */
  pathEnv: string | undefined;
  /** The user's home folder, for a setting that starts with `~`. */
  home: string | undefined;
  /** Whether an executable file is at this path. */
  isExecutable(path: string): boolean;
}

export type ServerSource = "setting" | "bundled" | "path";

export type Discovery =
  | { found: true; path: string; source: ServerSource }
  | { found: false; message: string; tried: string[] };

/** The folder name of the binary shipped inside the extension, as vsce names targets. */
export function platformTarget(platform: string, arch: string): string {
  return `${platform}-${arch}`;
}

export function executableName(platform: string): string {
  return platform === "win32" ? `${SERVER_NAME}.exe` : SERVER_NAME;
}

function join(platform: string, ...parts: string[]): string {
  const sep = platform === "win32" ? "\\" : "/";
  return parts
    .filter((p) => p.length > 0)
    .map((p, i) => (i === 0 ? p.replace(/[\\/]+$/, "") : p.replace(/^[\\/]+|[\\/]+$/g, "")))
    .join(sep);
}

/** The path of the binary shipped inside the extension for this platform. */
export function bundledPath(extensionPath: string, platform: string, arch: string): string {
  return join(platform, extensionPath, "server", platformTarget(platform, arch), executableName(platform));
}

function expandHome(path: string, home: string | undefined): string {
  if (home && (path === "~" || path.startsWith("~/") || path.startsWith("~\\"))) {
    return home + path.slice(1);
  }
  return path;
}

export function findServer(env: DiscoveryEnv): Discovery {
  const tried: string[] = [];
  const configured = env.configuredPath?.trim();
  if (configured) {
    const path = expandHome(configured, env.home);
    if (env.isExecutable(path)) {
      return { found: true, path, source: "setting" };
    }
    // A setting that points nowhere is a mistake to show, not a reason to run another binary.
    return {
      found: false,
      tried: [path],
      message:
        `The setting awsConfigLsp.server.path is "${configured}", but there is no executable file there. ` +
        `Fix the path, or clear the setting to use the server shipped with the extension or ${SERVER_NAME} on PATH.`,
    };
  }

  const bundled = bundledPath(env.extensionPath, env.platform, env.arch);
  tried.push(bundled);
  if (env.isExecutable(bundled)) {
    return { found: true, path: bundled, source: "bundled" };
  }

  const delimiter = env.platform === "win32" ? ";" : ":";
  const name = executableName(env.platform);
  for (const dir of (env.pathEnv ?? "").split(delimiter)) {
    if (dir.length === 0) {
      continue;
    }
    const candidate = join(env.platform, dir, name);
    tried.push(candidate);
    if (env.isExecutable(candidate)) {
      return { found: true, path: candidate, source: "path" };
    }
  }

  return {
    found: false,
    tried,
    message:
      `The ${SERVER_NAME} language server was not found: this extension ships no binary for ` +
      `${platformTarget(env.platform, env.arch)}, and ${name} is not on PATH. ` +
      `Install it (pipx install aws-config-lsp, or cargo install --locked --path server in the ` +
      `aws-config-lsp repository) ` +
      `or set awsConfigLsp.server.path to the binary.`,
  };
}
