// The server's settings, read from the `awsConfigLsp` section of the VS Code settings. The
// server gets them as `initializationOptions` and answers `workspace/configuration` for the
// same section with the same shape (the client library sends the section as it is).

export const SECTION = "awsConfigLsp";

export const SEVERITIES = ["error", "warning", "information", "hint", "off"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ServerSettings {
  configFile: string | null;
  credentialsFile: string | null;
  severity: Record<string, Severity>;
  disable: string[];
  sts: { timeoutSeconds?: number; connectTimeoutSeconds?: number };
}

/** Reads a setting by its key below `awsConfigLsp` (e.g. `configFile`, `server.path`). */
export type Getter = (key: string) => unknown;

function pathOrNull(value: unknown, home: string | undefined): string | null {
  if (typeof value !== "string" || value.trim().length === 0) {
    return null;
  }
  const path = value.trim();
  if (home && (path === "~" || path.startsWith("~/"))) {
    return home + path.slice(1);
  }
  return path;
}

/** The settings the server reads, cleaned: unknown severities and non-string codes are dropped. */
export function serverSettings(get: Getter, home?: string): ServerSettings {
  const severity: Record<string, Severity> = {};
  const rawSeverity = get("severity");
  if (rawSeverity && typeof rawSeverity === "object") {
    for (const [code, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof level === "string" && (SEVERITIES as readonly string[]).includes(level)) {
        severity[code] = level as Severity;
      }
    }
  }
  const rawDisable = get("disable");
  const disable = Array.isArray(rawDisable) ? rawDisable.filter((c): c is string => typeof c === "string") : [];
  const sts: ServerSettings["sts"] = {};
  for (const key of ["timeoutSeconds", "connectTimeoutSeconds"] as const) {
    const value = get(`sts.${key}`);
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) {
      sts[key] = value;
    }
  }
  return {
    configFile: pathOrNull(get("configFile"), home),
    credentialsFile: pathOrNull(get("credentialsFile"), home),
    severity,
    disable,
    sts,
  };
}

/** Settings whose change needs a new server process rather than a configuration notification. */
export const RESTART_KEYS = ["server.path", "server.extraEnv"];

/** The extra environment variables for the server, strings only. */
export function extraEnv(get: Getter): Record<string, string> {
  const raw = get("server.extraEnv");
  const env: Record<string, string> = {};
  if (raw && typeof raw === "object") {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (typeof v === "string") {
        env[k] = v;
      }
    }
  }
  return env;
}
