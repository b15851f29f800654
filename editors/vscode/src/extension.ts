/**
 * The gipcheck extension: starts `gipcheck server` (the Python language server, lsp extra) over
 * standard input and output for plain-text and Markdown documents and the files matching
 * `gipcheck.documentGlob`, tells it the settings, and restarts it on demand. What needs no
 * `vscode` module (the command line, the options, the selector, the messages) is in ./glue.
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as vscode from "vscode";
import {
  CloseAction,
  CloseHandlerResult,
  DidChangeConfigurationNotification,
  ErrorAction,
  ErrorHandler,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
} from "vscode-languageclient/node";
import * as glue from "./glue";

/** The Python extension's API, as far as it is used here (all optional: older versions lack it). */
interface PythonApi {
  environments?: {
    getActiveEnvironmentPath?(resource?: vscode.Uri): { path?: string } | undefined;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
}

const PYTHON_EXTENSION = "ms-python.python";
const PYTHON_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 2_000;
const STDERR_WAIT_MS = 500;

/**
 * A language client that, until its server has started, leaves failures to {@link start}, which
 * says what to do about them in one notification (the client would show its own, generic, ones).
 */
class GipcheckClient extends LanguageClient {
  starting = true;

  override error(message: string, data?: unknown, showNotification?: boolean | "force"): void {
    super.error(message, data, this.starting ? false : showNotification);
  }
}

/**
 * The output channel, keeping what is written with `append` since `reset()`: the language client
 * writes the server's standard error that way (and its own lines with appendLine), so that a
 * failed start can show what gipcheck said.
 */
class Output implements vscode.OutputChannel {
  private stderr = "";

  constructor(private readonly channel: vscode.OutputChannel) {}

  get name(): string {
    return this.channel.name;
  }
  append(value: string): void {
    if (this.stderr.length < 64 * 1024) {
      this.stderr += value;
    }
    this.channel.append(value);
  }
  appendLine(value: string): void {
    this.channel.appendLine(value);
  }
  replace(value: string): void {
    this.channel.replace(value);
  }
  clear(): void {
    this.channel.clear();
  }
  show(columnOrPreserveFocus?: vscode.ViewColumn | boolean, preserveFocus?: boolean): void {
    if (typeof columnOrPreserveFocus === "boolean" || columnOrPreserveFocus === undefined) {
      this.channel.show(columnOrPreserveFocus);
    } else {
      this.channel.show(columnOrPreserveFocus, preserveFocus);
    }
  }
  hide(): void {
    this.channel.hide();
  }
  dispose(): void {
    this.channel.dispose();
  }
  /** What was appended since the last reset, and forget it. */
  reset(): string {
    const text = this.stderr;
    this.stderr = "";
    return text;
  }
}

let context: vscode.ExtensionContext;
let output: Output;
let client: GipcheckClient | undefined;
let queue: Promise<void> = Promise.resolve();
let pythonHooked = false;

/** Start, stop, restart and notify run one at a time, in the order asked. */
function enqueue(task: () => Promise<void>): Promise<void> {
  const next = queue.then(task).catch((error: unknown) => {
    output.appendLine(`gipcheck: ${describe(error)}`);
  });
  queue = next;
  return next;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function settings(): glue.Settings {
  const config = vscode.workspace.getConfiguration(glue.SECTION);
  return glue.readSettings((key) => config.get(key));
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The interpreter selected in the Python extension, if it is installed and says. */
async function pythonInterpreter(resource: vscode.Uri | undefined): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonApi>(PYTHON_EXTENSION);
  if (extension === undefined) {
    return undefined;
  }
  try {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), PYTHON_TIMEOUT_MS);
    });
    const api = extension.isActive ? extension.exports : await Promise.race([extension.activate(), timeout]);
    clearTimeout(timer);
    const environments = api?.environments;
    if (!pythonHooked && environments?.onDidChangeActiveEnvironmentPath !== undefined) {
      pythonHooked = true;
      context.subscriptions.push(
        environments.onDidChangeActiveEnvironmentPath(() => {
          const s = settings();
          if (s.path === "" && s.python === "") {
            void enqueue(restart);
          }
        }),
      );
    }
    const found = environments?.getActiveEnvironmentPath?.(resource)?.path;
    return typeof found === "string" && found !== "" ? found : undefined;
  } catch (error) {
    output.appendLine(`gipcheck: ${PYTHON_EXTENSION}: ${describe(error)}`);
    return undefined;
  }
}

function errorHandler(owner: () => GipcheckClient | undefined, lang: string): ErrorHandler {
  let history: number[] = [];
  return {
    error(_error, _message, count): ErrorHandlerResult {
      return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
    },
    closed(): CloseHandlerResult {
      const starting = owner()?.starting ?? true;
      const decision = glue.restartAfterClose(history, Date.now(), !starting);
      history = decision.history;
      if (decision.restart) {
        return { action: CloseAction.Restart, handled: true };
      }
      // while starting, start() tells the user; after that, this message does
      return starting
        ? { action: CloseAction.DoNotRestart, handled: true }
        : { action: CloseAction.DoNotRestart, message: glue.crashedMessage(lang) };
    },
  };
}

async function report(lang: string, message: string): Promise<void> {
  const openSettings = glue.msg(lang, "打开设置", "Open Settings");
  const showOutput = glue.msg(lang, "查看输出", "Show Output");
  const choice = await vscode.window.showErrorMessage(message, openSettings, showOutput);
  if (choice === openSettings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", `@ext:${context.extension.id}`);
  } else if (choice === showOutput) {
    output.show(true);
  }
}

async function start(): Promise<void> {
  const s = settings();
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === "file");
  const cmd = glue.serverCommand(s, {
    platform: process.platform,
    workspaceFolder: folder?.uri.fsPath,
    home: os.homedir(),
    interpreter: s.path === "" && s.python === "" ? await pythonInterpreter(folder?.uri) : undefined,
    trusted: vscode.workspace.isTrusted,
    exists: isFile,
    pathEnv: process.env.PATH,
    pathExt: process.env.PATHEXT,
  });
  output.appendLine(glue.startingMessage(s.lang, cmd));
  output.reset();

  const serverOptions: ServerOptions = { command: cmd.command, args: cmd.args, options: { cwd: cmd.cwd } };
  let created: GipcheckClient | undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: glue.documentSelector(s.documentGlob),
    initializationOptions: glue.initializationOptions(s),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: errorHandler(() => created, s.lang),
    initializationFailedHandler: (error) => {
      output.appendLine(`gipcheck: initialize: ${describe(error)}`);
      return false; // no retry: start() reports it
    },
  };
  created = new GipcheckClient(glue.SECTION, "gipcheck", serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
    created.starting = false;
    output.reset();
  } catch (error) {
    output.appendLine(`gipcheck: ${describe(error)}`);
    if (client === created) {
      client = undefined;
    }
    await created.dispose(STOP_TIMEOUT_MS).catch(() => undefined);
    // a server that exits at once has its standard error read a moment after the client gives up
    await new Promise((resolve) => setTimeout(resolve, STDERR_WAIT_MS));
    void report(s.lang, glue.startFailedMessage(s.lang, cmd, describe(error), output.reset()));
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current !== undefined) {
    try {
      await current.dispose(STOP_TIMEOUT_MS);
    } catch (error) {
      output.appendLine(`gipcheck: stop: ${describe(error)}`);
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

/** The running server takes lang, failLevel, select and ignore without a restart. */
async function notify(): Promise<void> {
  const current = client;
  if (current === undefined || !current.isRunning()) {
    return;
  }
  await current.sendNotification(DidChangeConfigurationNotification.type, {
    settings: glue.didChangeConfigurationSettings(settings()),
  });
}

export function activate(ctx: vscode.ExtensionContext): void {
  context = ctx;
  output = new Output(vscode.window.createOutputChannel("gipcheck"));
  ctx.subscriptions.push(
    output,
    vscode.commands.registerCommand("gipcheck.restart", () => enqueue(restart)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const action = glue.changeAction((section) => event.affectsConfiguration(section));
      if (action === "restart") {
        void enqueue(restart);
      } else if (action === "notify") {
        void enqueue(notify);
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => enqueue(restart)),
  );
  void enqueue(start);
}

export function deactivate(): Promise<void> {
  return stop();
}
