// Small, pure readings of the text that the client needs without asking the server: the section
// under the cursor (status bar, default argument of the commands), the profile names (quick
// pick), the sections' folding ranges, and where secret values are (dimming).
//
// These follow the SDKs' line rules loosely on purpose: the server is the judge of what is
// valid; this only has to point at the right section.

export type FileKind = "config" | "credentials";

export type SectionKind = "profile" | "sso-session" | "services" | "other";

export interface Section {
  kind: SectionKind;
  /** The profile, sso-session or services name; for "other", the text between the brackets. */
  name: string;
  /** 0-based line of the header. */
  line: number;
}

export function fileKindOf(languageId: string): FileKind | undefined {
  if (languageId === "aws-config") {
    return "config";
  }
  if (languageId === "aws-credentials") {
    return "credentials";
  }
  return undefined;
}

const HEADER = /^\s*\[([^\]]*)\]/;

/** The section a header line opens, or undefined when the line is not a header. */
export function parseHeader(text: string, kind: FileKind, line = 0): Section | undefined {
  const m = HEADER.exec(text);
  if (!m) {
    return undefined;
  }
  const inner = m[1].trim();
  if (kind === "credentials") {
    // Every section of the credentials file is a profile, named as written.
    return { kind: "profile", name: inner, line };
  }
  if (inner === "default") {
    return { kind: "profile", name: "default", line };
  }
  const prefixed = /^(profile|sso-session|services)\s+(.*)$/.exec(inner);
  if (prefixed) {
    const name = prefixed[2].trim();
    const sectionKind: SectionKind = prefixed[1] === "profile" ? "profile" : (prefixed[1] as SectionKind);
    return { kind: sectionKind, name, line };
  }
  // `[name]` in the config file: the SDKs ignore it (the server reports missing-profile-prefix).
  return { kind: "other", name: inner, line };
}

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The section that contains `line` (0-based): the nearest header at or above it. */
export function sectionAt(lines: readonly string[], line: number, kind: FileKind): Section | undefined {
  for (let i = Math.min(line, lines.length - 1); i >= 0; i--) {
    const section = parseHeader(lines[i], kind, i);
    if (section) {
      return section;
    }
  }
  return undefined;
}

/** The profile names the text defines, each once, in file order. */
export function profileNames(text: string, kind: FileKind): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  splitLines(text).forEach((lineText, i) => {
    const section = parseHeader(lineText, kind, i);
    if (section && section.kind === "profile" && section.name.length > 0 && !seen.has(section.name)) {
      seen.add(section.name);
      names.push(section.name);
    }
  });
  return names;
}

/** What the status bar shows for a section. */
export function statusText(section: Section | undefined): string | undefined {
  if (!section) {
    return undefined;
  }
  switch (section.kind) {
    case "profile":
      return `AWS: ${section.name}`;
    case "sso-session":
      return `AWS sso-session: ${section.name}`;
    case "services":
      return `AWS services: ${section.name}`;
    default:
      return `AWS: [${section.name}]`;
  }
}

export interface LineRange {
  start: number;
  end: number;
}

/**
 * One folding range per section: from its header to its last non-blank line. Comments just
 * above the next header stay with that header.
 */
export function sectionFoldingRanges(lines: readonly string[]): LineRange[] {
  const ranges: LineRange[] = [];
  const headers: number[] = [];
  lines.forEach((l, i) => {
    if (HEADER.test(l)) {
      headers.push(i);
    }
  });
  headers.forEach((start, index) => {
    let end = (index + 1 < headers.length ? headers[index + 1] : lines.length) - 1;
    // Blank lines and comments at the start of a line (an indented `#` line continues a value).
    while (end > start && /^(?:\s*|[#;].*)$/.test(lines[end])) {
      end--;
    }
    if (end > start) {
      ranges.push({ start, end });
    }
  });
  return ranges;
}

export const SECRET_KEYS = ["aws_secret_access_key", "aws_session_token", "aws_security_token"];

export interface TextRange {
  line: number;
  start: number;
  end: number;
}

const SECRET_LINE = new RegExp(`^(\\s*)(${SECRET_KEYS.join("|")})(\\s*=\\s*)(.*?)\\s*$`, "i");

/** Where the secret values are: the value of every secret key, without surrounding spaces. */
export function secretRanges(text: string): TextRange[] {
  const ranges: TextRange[] = [];
  splitLines(text).forEach((lineText, line) => {
    const m = SECRET_LINE.exec(lineText);
    if (m && m[4].length > 0) {
      const start = m[1].length + m[2].length + m[3].length;
      ranges.push({ line, start, end: start + m[4].length });
    }
  });
  return ranges;
}
