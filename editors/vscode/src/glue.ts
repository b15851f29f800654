/**
 * The client's glue that needs no `vscode` module: settings, the server's command line, the
 * initializationOptions and settings sent to the server, the document selector, and messages.
 * Every function here is pure (the file system and the environment come in as arguments), so
 * that `node --test` can check it without an editor (src/test/glue.test.ts).
 */

import * as path from "node:path";

/** The configuration section: `gipcheck.*` in settings.json. */
export const SECTION = "gipcheck";

export const DEFAULT_GLOB = "**/*.{txt,md}";

export interface Settings {
  /** The gipcheck executable; "" = find it (see {@link serverCommand}). */
  path: string;
  /** A Python interpreter to run `-m gipcheck server` with; "" = not used. */
  python: string;
  /** Extra command-line options put before `server`. */
  args: string[];
  /** "zh" or "en"; any other string is passed on and the server says what is wrong. */
  lang: string;
  /** "error", "warning" or "info"; any other string is passed on, as `lang`. */
  failLevel: string;
  /** Files linted besides plain-text and Markdown documents; "" = none. */
  documentGlob: string;
  select: string[];
  ignore: string[];
}

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  path: "",
  python: "",
  args: [],
  lang: "zh",
  failLevel: "warning",
  documentGlob: DEFAULT_GLOB,
  select: [],
  ignore: [],
});

function text(value: unknown, fallback: string): string {
  return typeof value === "string" ? value.trim() : fallback;
}

function strings(value: unknown): string[] {
  if (typeof value === "string") {
    value = [value];
  }
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((v): v is string => typeof v === "string").map((v) => v.trim()).filter((v) => v !== "");
}

/**
 * The settings, read through `get` (as `workspace.getConfiguration("gipcheck").get`): a value of
 * the wrong type is replaced by the default; a wrong `lang` or `failLevel` string is kept for the
 * server to report.
 */
export function readSettings(get: (key: string) => unknown): Settings {
  return {
    path: text(get("path"), DEFAULTS.path),
    python: text(get("python"), DEFAULTS.python),
    args: Array.isArray(get("args")) ? (get("args") as unknown[]).filter((v): v is string => typeof v === "string") : [],
    lang: text(get("lang"), DEFAULTS.lang) || DEFAULTS.lang,
    failLevel: text(get("failLevel"), DEFAULTS.failLevel) || DEFAULTS.failLevel,
    documentGlob: text(get("documentGlob"), DEFAULTS.documentGlob),
    select: strings(get("select")),
    ignore: strings(get("ignore")),
  };
}

// -- the server's command line ------------------------------------------------------------------

/** Where the command came from, for the output channel and the error messages. */
export type Source = "path" | "python" | "interpreter" | "venv" | "PATH";

export interface ServerCommand {
  command: string;
  args: string[];
  /** The working directory: the first workspace folder, if any. */
  cwd?: string;
  source: Source;
  /** For source "PATH": false when a search of PATH found no gipcheck (it is tried all the same). */
  onPath?: boolean;
}

export interface Environment {
  /** process.platform */
  platform: string;
  /** The first workspace folder's file-system path, if any. */
  workspaceFolder?: string;
  /** The user's home folder, for a leading "~" and ${userHome}. */
  home?: string;
  /** The Python extension's selected interpreter (or environment folder), if any. */
  interpreter?: string;
  /** Whether the workspace is trusted: an untrusted one's .venv is not run. */
  trusted: boolean;
  /** Whether a file exists (fs.statSync(p).isFile()). */
  exists: (file: string) => boolean;
  /** process.env.PATH (and PATHEXT on Windows), to tell whether gipcheck is on it. */
  pathEnv?: string;
  pathExt?: string;
}

function api(platform: string): path.PlatformPath {
  return platform === "win32" ? path.win32 : path.posix;
}

/** `${workspaceFolder}`, `${userHome}` and a leading `~` expanded. */
export function expand(value: string, env: Pick<Environment, "workspaceFolder" | "home">): string {
  let out = value;
  if (env.workspaceFolder !== undefined) {
    out = out.split("${workspaceFolder}").join(env.workspaceFolder);
  }
  if (env.home !== undefined) {
    out = out.split("${userHome}").join(env.home);
    if (out === "~" || out.startsWith("~/") || out.startsWith("~\\")) {
      out = env.home + out.slice(1);
    }
  }
  return out;
}

/**
 * A setting naming a program: variables expanded; a relative path with a folder in it is taken
 * from the workspace folder; a bare name ("gipcheck", "python3") is left for PATH.
 */
export function programPath(value: string, env: Environment): string {
  const p = api(env.platform);
  const out = expand(value, env);
  const hasFolder = out.includes("/") || (env.platform === "win32" && out.includes("\\"));
  if (hasFolder && !p.isAbsolute(out) && env.workspaceFolder !== undefined) {
    return p.join(env.workspaceFolder, out);
  }
  return out;
}

/** Where a virtual environment keeps the gipcheck script. */
export function venvScript(venv: string, platform: string): string {
  return platform === "win32" ? path.win32.join(venv, "Scripts", "gipcheck.exe") : path.posix.join(venv, "bin", "gipcheck");
}

/**
 * Where the gipcheck script of an interpreter's environment may be: beside the interpreter (a
 * virtual environment's bin/ or Scripts\), in Scripts\ beside a Windows base interpreter, or
 * under the path itself when the Python extension names the environment's folder.
 */
export function scriptsBeside(interpreter: string, platform: string): string[] {
  const p = api(platform);
  const dir = p.dirname(interpreter);
  if (platform === "win32") {
    return [p.join(dir, "gipcheck.exe"), p.join(dir, "Scripts", "gipcheck.exe"), venvScript(interpreter, platform)];
  }
  return [p.join(dir, "gipcheck"), venvScript(interpreter, platform)];
}

function inside(folder: string | undefined, file: string, platform: string): boolean {
  if (folder === undefined) {
    return false;
  }
  const p = api(platform);
  const rel = p.relative(folder, file);
  return rel === "" || (!rel.startsWith("..") && !p.isAbsolute(rel));
}

/** The first file named `name` on `pathEnv` (with PATHEXT's suffixes on Windows), if any. */
export function findOnPath(name: string, env: Environment): string | undefined {
  if (env.pathEnv === undefined) {
    return undefined;
  }
  const p = api(env.platform);
  const win = env.platform === "win32";
  const suffixes = win ? ["", ...(env.pathExt ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((s) => s !== "")] : [""];
  for (const dir of env.pathEnv.split(win ? ";" : ":")) {
    if (dir === "") {
      continue;
    }
    for (const suffix of suffixes) {
      const file = p.join(dir.replace(/^"(.*)"$/, "$1"), name + suffix);
      if (env.exists(file)) {
        return file;
      }
    }
  }
  return undefined;
}

/**
 * The command that starts `gipcheck server`, first match wins:
 *
 * 1. `gipcheck.path`: that program;
 * 2. `gipcheck.python`: `python -m gipcheck server`;
 * 3. the gipcheck script of the Python extension's selected interpreter, if it exists;
 * 4. `.venv` or `venv` in the workspace folder, if it has a gipcheck script (trusted workspaces only);
 * 5. `gipcheck` on PATH.
 *
 * `gipcheck.args` go before `server` (`gipcheck [options] server`).
 */
export function serverCommand(settings: Settings, env: Environment): ServerCommand {
  const extra = settings.args.map((a) => expand(a, env));
  const base = { cwd: env.workspaceFolder };
  if (settings.path !== "") {
    return { ...base, command: programPath(settings.path, env), args: [...extra, "server"], source: "path" };
  }
  if (settings.python !== "") {
    return {
      ...base,
      command: programPath(settings.python, env),
      args: ["-m", "gipcheck", ...extra, "server"],
      source: "python",
    };
  }
  const interpreter = env.interpreter?.trim();
  if (interpreter && (env.trusted || !inside(env.workspaceFolder, interpreter, env.platform))) {
    const script = scriptsBeside(interpreter, env.platform).find((f) => env.exists(f));
    if (script !== undefined) {
      return { ...base, command: script, args: [...extra, "server"], source: "interpreter" };
    }
  }
  if (env.trusted && env.workspaceFolder !== undefined) {
    for (const name of [".venv", "venv"]) {
      const script = venvScript(api(env.platform).join(env.workspaceFolder, name), env.platform);
      if (env.exists(script)) {
        return { ...base, command: script, args: [...extra, "server"], source: "venv" };
      }
    }
  }
  const found = env.pathEnv === undefined ? undefined : findOnPath("gipcheck", env);
  return {
    ...base,
    command: "gipcheck",
    args: [...extra, "server"],
    source: "PATH",
    ...(env.pathEnv === undefined ? {} : { onPath: found !== undefined }),
  };
}

/** The command as one would type it in a shell (for the output channel). */
export function commandLine(cmd: Pick<ServerCommand, "command" | "args">): string {
  const quote = (s: string) => (/^[\w@%+=:,./\\-]+$/.test(s) ? s : `"${s.replace(/(["\\$`])/g, "\\$1")}"`);
  return [cmd.command, ...cmd.args].map(quote).join(" ");
}

// -- what the server is told ---------------------------------------------------------------------

/** The settings the server understands (gipcheck/server.py parse_settings): flat. */
export interface ServerSettings {
  lang: string;
  failLevel: string;
  select: string[];
  ignore: string[];
}

/** initializationOptions: the server's settings, flat. An empty list means "as configured". */
export function initializationOptions(settings: Settings): ServerSettings {
  return {
    lang: settings.lang,
    failLevel: settings.failLevel,
    select: [...settings.select],
    ignore: [...settings.ignore],
  };
}

/** The `settings` of workspace/didChangeConfiguration: the same, under the section's name. */
export function didChangeConfigurationSettings(settings: Settings): { gipcheck: ServerSettings } {
  return { gipcheck: initializationOptions(settings) };
}

/** What a change of the configuration asks for (`affects` is ConfigurationChangeEvent.affectsConfiguration). */
export type ChangeAction = "restart" | "notify" | "none";

/** Settings that change the server's command line or the document selector: a new client. */
export const RESTART_KEYS: readonly string[] = ["path", "python", "args", "documentGlob"];
/** Settings the running server takes through workspace/didChangeConfiguration. */
export const NOTIFY_KEYS: readonly string[] = ["lang", "failLevel", "select", "ignore"];

export function changeAction(affects: (section: string) => boolean): ChangeAction {
  if (!affects(SECTION)) {
    return "none";
  }
  if (RESTART_KEYS.some((k) => affects(`${SECTION}.${k}`))) {
    return "restart";
  }
  if (NOTIFY_KEYS.some((k) => affects(`${SECTION}.${k}`))) {
    return "notify";
  }
  return "none"; // gipcheck.trace.server: the language client follows it by itself
}

// -- documents -------------------------------------------------------------------------------------

/** The two kinds of vscode DocumentFilter used (structurally: the language client's types accept them). */
export interface LanguageFilter {
  scheme: string;
  language: string;
}
export interface PatternFilter {
  scheme: string;
  pattern: string;
}
export type DocumentFilter = LanguageFilter | PatternFilter;

export const LANGUAGES: readonly string[] = ["plaintext", "markdown"];

/**
 * Plain-text and Markdown documents, saved or untitled (the server lints an untitled buffer with
 * the workspace's configuration), and files matching `glob` whatever their language.
 */
export function documentSelector(glob: string): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  for (const language of LANGUAGES) {
    filters.push({ scheme: "file", language }, { scheme: "untitled", language });
  }
  const pattern = glob.trim();
  if (pattern !== "") {
    filters.push({ scheme: "file", pattern });
  }
  return filters;
}

// -- messages ----------------------------------------------------------------------------------------

/** A message in the settings' language, as the server writes them: English, or Chinese (English). */
export function msg(lang: string, zh: string, en: string): string {
  return lang === "en" ? en : `${zh} (${en})`;
}

export function startingMessage(lang: string, cmd: ServerCommand): string {
  const line = commandLine(cmd);
  const where: Record<Source, [string, string]> = {
    path: ["设置 gipcheck.path", "setting gipcheck.path"],
    python: ["设置 gipcheck.python", "setting gipcheck.python"],
    interpreter: ["Python 扩展所选解释器", "the Python extension's interpreter"],
    venv: ["工作区虚拟环境", "the workspace's virtual environment"],
    PATH: ["PATH", "PATH"],
  };
  const [zh, en] = where[cmd.source];
  return msg(lang, `启动 gipcheck 服务（${zh}）：${line}`, `starting the gipcheck server (${en}): ${line}`);
}

/**
 * The last non-empty line of what the server wrote to standard error (gipcheck says there why it
 * cannot serve, e.g. without the lsp extra), at most `max` characters; undefined if none.
 */
export function lastLine(text: string, max = 300): string | undefined {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim()).filter((l) => l !== "");
  const last = lines[lines.length - 1];
  if (last === undefined) {
    return undefined;
  }
  return last.length > max ? `${last.slice(0, max - 1)}…` : last;
}

/**
 * The notification shown when the server could not be started: what gipcheck said on standard
 * error (`stderr`, its last line) if anything, else the client's error.
 */
export function startFailedMessage(lang: string, cmd: ServerCommand, error: string, stderr?: string): string {
  if (cmd.source === "PATH" && cmd.onPath === false) {
    return msg(
      lang,
      "找不到 gipcheck：请在所用的 Python 环境中运行 pip install 'gipcheck[lsp]'，或在设置 gipcheck.path 中指定 gipcheck 的位置",
      "gipcheck was not found: run pip install 'gipcheck[lsp]' in your Python environment, or set gipcheck.path",
    );
  }
  const said = stderr === undefined ? undefined : lastLine(stderr);
  if (said !== undefined) {
    return msg(
      lang,
      `gipcheck 服务未能启动：${said}；详见输出面板 “gipcheck”`,
      `the gipcheck server did not start: ${said}; see the "gipcheck" output`,
    );
  }
  return msg(
    lang,
    `gipcheck 服务未能启动：${error}。需要 pip install 'gipcheck[lsp]'；详见输出面板 “gipcheck”`,
    `the gipcheck server did not start: ${error}. It needs pip install 'gipcheck[lsp]'; see the "gipcheck" output`,
  );
}

// -- when the server stops by itself ---------------------------------------------------------------

export const MAX_RESTARTS = 4;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * Whether to restart a server whose connection closed, and the restarts to remember: never when
 * it had not finished starting (gipcheck missing, or without the lsp extra, exits at once: the
 * user is told instead of the same failure five times); else, as the language client's default,
 * at most MAX_RESTARTS times in RESTART_WINDOW_MS.
 */
export function restartAfterClose(
  history: readonly number[],
  now: number,
  wasRunning: boolean,
): { restart: boolean; history: number[] } {
  if (!wasRunning) {
    return { restart: false, history: [...history] };
  }
  const recent = [...history.filter((t) => now - t <= RESTART_WINDOW_MS), now];
  return { restart: recent.length <= MAX_RESTARTS, history: recent };
}

export function crashedMessage(lang: string): string {
  return msg(
    lang,
    `gipcheck 服务在 3 分钟内意外退出 ${MAX_RESTARTS + 1} 次，不再自动重启；详见输出面板 “gipcheck”，修正后运行命令“重启 gipcheck 服务”`,
    `the gipcheck server stopped ${MAX_RESTARTS + 1} times in 3 minutes and is not restarted again; see the "gipcheck" output, then run "Restart gipcheck server"`,
  );
}
