import { strict as assert } from "node:assert";
import { describe, test } from "node:test";
import * as glue from "../glue";

function settings(over: Partial<glue.Settings> = {}): glue.Settings {
  return { ...glue.DEFAULTS, args: [], select: [], ignore: [], ...over };
}

function env(over: Partial<glue.Environment> = {}, files: string[] = []): glue.Environment {
  const set = new Set(files);
  return {
    platform: "linux",
    workspaceFolder: "/ws",
    home: "/home/u",
    trusted: true,
    exists: (f) => set.has(f),
    ...over,
  };
}

describe("readSettings", () => {
  test("defaults when nothing is set", () => {
    assert.deepEqual(
      glue.readSettings(() => undefined),
      settings(),
    );
  });

  test("values as set, trimmed; wrong types give the default", () => {
    const values: Record<string, unknown> = {
      path: " /opt/gipcheck ",
      python: 3,
      args: ["--config", "x.yaml", 7],
      lang: "en",
      failLevel: "error",
      documentGlob: "reports/**/*.txt",
      select: ["GIP2", " GIP3 ", "", 5],
      ignore: "GIP207",
    };
    assert.deepEqual(
      glue.readSettings((k) => values[k]),
      settings({
        path: "/opt/gipcheck",
        python: "",
        args: ["--config", "x.yaml"],
        lang: "en",
        failLevel: "error",
        documentGlob: "reports/**/*.txt",
        select: ["GIP2", "GIP3"],
        ignore: ["GIP207"],
      }),
    );
  });

  test("a wrong lang or failLevel string is passed on for the server to report", () => {
    const s = glue.readSettings((k) => ({ lang: "fr", failLevel: "fatal" })[k]);
    assert.equal(s.lang, "fr");
    assert.equal(s.failLevel, "fatal");
  });

  test("an empty lang or failLevel is the default; an empty glob stays empty", () => {
    const s = glue.readSettings((k) => ({ lang: "", failLevel: " ", documentGlob: "" })[k]);
    assert.equal(s.lang, "zh");
    assert.equal(s.failLevel, "warning");
    assert.equal(s.documentGlob, "");
  });
});

describe("serverCommand", () => {
  test("gipcheck.path wins, with the extra args before server", () => {
    const cmd = glue.serverCommand(
      settings({ path: "/opt/bin/gipcheck", python: "python3", args: ["--no-plugins"] }),
      env({}, ["/ws/.venv/bin/gipcheck"]),
    );
    assert.deepEqual(cmd, {
      command: "/opt/bin/gipcheck",
      args: ["--no-plugins", "server"],
      cwd: "/ws",
      source: "path",
    });
  });

  test("gipcheck.path: variables, ~, and a relative path from the workspace folder", () => {
    const e = env();
    assert.equal(glue.serverCommand(settings({ path: "${workspaceFolder}/env/bin/gipcheck" }), e).command, "/ws/env/bin/gipcheck");
    assert.equal(glue.serverCommand(settings({ path: "~/.local/bin/gipcheck" }), e).command, "/home/u/.local/bin/gipcheck");
    assert.equal(glue.serverCommand(settings({ path: "${userHome}/gipcheck" }), e).command, "/home/u/gipcheck");
    assert.equal(glue.serverCommand(settings({ path: "tools/gipcheck" }), e).command, "/ws/tools/gipcheck");
    assert.equal(glue.serverCommand(settings({ path: "gipcheck-dev" }), e).command, "gipcheck-dev");
    assert.equal(
      glue.serverCommand(settings({ path: "tools/gipcheck" }), env({ workspaceFolder: undefined })).command,
      "tools/gipcheck",
    );
  });

  test("gipcheck.python runs python -m gipcheck server", () => {
    const cmd = glue.serverCommand(
      settings({ python: "${workspaceFolder}/.venv/bin/python", args: ["--config", "${workspaceFolder}/g.yaml"] }),
      env(),
    );
    assert.equal(cmd.command, "/ws/.venv/bin/python");
    assert.deepEqual(cmd.args, ["-m", "gipcheck", "--config", "/ws/g.yaml", "server"]);
    assert.equal(cmd.source, "python");
  });

  test("the Python extension's interpreter, when its environment has gipcheck", () => {
    const cmd = glue.serverCommand(
      settings(),
      env({ interpreter: "/envs/py311/bin/python" }, ["/envs/py311/bin/gipcheck", "/ws/.venv/bin/gipcheck"]),
    );
    assert.equal(cmd.command, "/envs/py311/bin/gipcheck");
    assert.equal(cmd.source, "interpreter");
    // an environment folder rather than an interpreter
    assert.equal(
      glue.serverCommand(settings(), env({ interpreter: "/envs/conda1" }, ["/envs/conda1/bin/gipcheck"])).command,
      "/envs/conda1/bin/gipcheck",
    );
  });

  test("an interpreter without gipcheck falls through to the workspace's .venv", () => {
    const cmd = glue.serverCommand(settings(), env({ interpreter: "/usr/bin/python3" }, ["/ws/.venv/bin/gipcheck"]));
    assert.equal(cmd.command, "/ws/.venv/bin/gipcheck");
    assert.equal(cmd.source, "venv");
  });

  test("venv/ when there is no .venv/", () => {
    assert.equal(glue.serverCommand(settings(), env({}, ["/ws/venv/bin/gipcheck"])).command, "/ws/venv/bin/gipcheck");
  });

  test("else gipcheck on PATH, saying whether PATH has it", () => {
    assert.deepEqual(glue.serverCommand(settings(), env()), {
      command: "gipcheck",
      args: ["server"],
      cwd: "/ws",
      source: "PATH",
    });
    const found = glue.serverCommand(settings(), env({ pathEnv: "/usr/local/bin:/usr/bin" }, ["/usr/bin/gipcheck"]));
    assert.equal(found.onPath, true);
    const missing = glue.serverCommand(settings(), env({ pathEnv: "/usr/local/bin:/usr/bin" }));
    assert.equal(missing.onPath, false);
    assert.equal(missing.command, "gipcheck");
  });

  test("no workspace folder: no cwd, no venv", () => {
    const cmd = glue.serverCommand(settings(), env({ workspaceFolder: undefined }, ["/ws/.venv/bin/gipcheck"]));
    assert.equal(cmd.cwd, undefined);
    assert.equal(cmd.source, "PATH");
  });

  test("an untrusted workspace's own environments are not run", () => {
    const files = ["/ws/.venv/bin/gipcheck", "/ws/.venv/bin/python"];
    assert.equal(glue.serverCommand(settings(), env({ trusted: false }, files)).source, "PATH");
    assert.equal(
      glue.serverCommand(settings(), env({ trusted: false, interpreter: "/ws/.venv/bin/python" }, files)).source,
      "PATH",
    );
    // an interpreter outside the workspace is still used
    assert.equal(
      glue.serverCommand(settings(), env({ trusted: false, interpreter: "/opt/py/bin/python" }, ["/opt/py/bin/gipcheck"]))
        .source,
      "interpreter",
    );
  });

  test("Windows: Scripts\\gipcheck.exe, backslash paths", () => {
    const win = (files: string[], over: Partial<glue.Environment> = {}) =>
      env({ platform: "win32", workspaceFolder: "C:\\ws", home: "C:\\Users\\u", ...over }, files);
    assert.equal(
      glue.serverCommand(settings(), win(["C:\\ws\\.venv\\Scripts\\gipcheck.exe"])).command,
      "C:\\ws\\.venv\\Scripts\\gipcheck.exe",
    );
    assert.equal(
      glue.serverCommand(
        settings(),
        win(["C:\\Python311\\Scripts\\gipcheck.exe"], { interpreter: "C:\\Python311\\python.exe" }),
      ).command,
      "C:\\Python311\\Scripts\\gipcheck.exe",
    );
    assert.equal(
      glue.serverCommand(settings({ path: "tools\\gipcheck.exe" }), win([])).command,
      "C:\\ws\\tools\\gipcheck.exe",
    );
    assert.equal(glue.serverCommand(settings({ path: "~\\bin\\gipcheck.exe" }), win([])).command, "C:\\Users\\u\\bin\\gipcheck.exe");
    const onPath = glue.serverCommand(
      settings(),
      win(["C:\\Tools\\gipcheck.EXE"], { pathEnv: "C:\\Windows;\"C:\\Tools\"", pathExt: ".COM;.EXE" }),
    );
    assert.equal(onPath.onPath, true);
  });
});

describe("findOnPath", () => {
  test("the first match in PATH order", () => {
    const e = env({ pathEnv: "/a::/b:/c" }, ["/b/gipcheck", "/c/gipcheck"]);
    assert.equal(glue.findOnPath("gipcheck", e), "/b/gipcheck");
  });
  test("no PATH: undefined", () => {
    assert.equal(glue.findOnPath("gipcheck", env({}, ["/b/gipcheck"])), undefined);
  });
});

describe("commandLine", () => {
  test("quotes what a shell would split", () => {
    assert.equal(
      glue.commandLine({ command: "/opt/my env/bin/gipcheck", args: ["--config", "a b.yaml", "server"] }),
      '"/opt/my env/bin/gipcheck" --config "a b.yaml" server',
    );
    assert.equal(glue.commandLine({ command: "gipcheck", args: ["server"] }), "gipcheck server");
  });
});

describe("what the server is told", () => {
  const s = settings({ path: "/x", lang: "en", failLevel: "info", select: ["GIP2"], ignore: ["GIP207", "GIP3"] });

  test("initializationOptions: lang, failLevel, select, ignore, flat", () => {
    assert.deepEqual(glue.initializationOptions(s), {
      lang: "en",
      failLevel: "info",
      select: ["GIP2"],
      ignore: ["GIP207", "GIP3"],
    });
    assert.deepEqual(glue.initializationOptions(settings()), {
      lang: "zh",
      failLevel: "warning",
      select: [],
      ignore: [],
    });
  });

  test("didChangeConfiguration: the same under gipcheck", () => {
    assert.deepEqual(glue.didChangeConfigurationSettings(s), { gipcheck: glue.initializationOptions(s) });
  });

  test("the lists are copies", () => {
    const options = glue.initializationOptions(s);
    options.select.push("GIP9");
    assert.deepEqual(s.select, ["GIP2"]);
  });
});

describe("changeAction", () => {
  const affecting = (...keys: string[]) => (section: string) =>
    section === "gipcheck" ? keys.length > 0 : keys.some((k) => section === `gipcheck.${k}`);

  test("command line or selector: restart", () => {
    for (const key of ["path", "python", "args", "documentGlob"]) {
      assert.equal(glue.changeAction(affecting(key)), "restart", key);
    }
    assert.equal(glue.changeAction(affecting("lang", "path")), "restart");
  });

  test("the server's settings: notify", () => {
    for (const key of ["lang", "failLevel", "select", "ignore"]) {
      assert.equal(glue.changeAction(affecting(key)), "notify", key);
    }
  });

  test("anything else: nothing", () => {
    assert.equal(glue.changeAction(affecting()), "none");
    assert.equal(glue.changeAction(affecting("trace.server")), "none");
  });
});

describe("documentSelector", () => {
  test("plain text and Markdown, saved or untitled, and the glob's files", () => {
    assert.deepEqual(glue.documentSelector("**/*.{txt,md}"), [
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "plaintext" },
      { scheme: "file", language: "markdown" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "file", pattern: "**/*.{txt,md}" },
    ]);
  });

  test("an empty glob adds no pattern", () => {
    const filters = glue.documentSelector("  ");
    assert.equal(filters.length, 4);
    assert.ok(filters.every((f) => !("pattern" in f)));
  });

  test("the default glob is the setting's default", () => {
    assert.equal(glue.DEFAULTS.documentGlob, "**/*.{txt,md}");
  });
});

describe("restartAfterClose", () => {
  test("never before the server has started", () => {
    assert.deepEqual(glue.restartAfterClose([], 1000, false), { restart: false, history: [] });
  });

  test(`at most ${glue.MAX_RESTARTS} restarts in three minutes`, () => {
    let history: number[] = [];
    const decisions: boolean[] = [];
    for (let i = 0; i < glue.MAX_RESTARTS + 1; i++) {
      const d = glue.restartAfterClose(history, 1000 + i, true);
      history = d.history;
      decisions.push(d.restart);
    }
    assert.deepEqual(decisions, [true, true, true, true, false]);
    // once the old ones are out of the window, it restarts again
    assert.equal(glue.restartAfterClose(history, 1000 + glue.RESTART_WINDOW_MS + 10, true).restart, true);
  });
});

describe("messages", () => {
  const cmd: glue.ServerCommand = { command: "gipcheck", args: ["server"], source: "PATH", onPath: false };

  test("Chinese with English by default, English alone for en", () => {
    assert.equal(glue.msg("zh", "重启", "restart"), "重启 (restart)");
    assert.equal(glue.msg("en", "重启", "restart"), "restart");
    assert.equal(glue.msg("fr", "重启", "restart"), "重启 (restart)");
  });

  test("gipcheck not found says how to install it", () => {
    const zh = glue.startFailedMessage("zh", cmd, "spawn gipcheck ENOENT");
    assert.match(zh, /pip install 'gipcheck\[lsp\]'/);
    assert.match(zh, /gipcheck\.path/);
    assert.match(glue.startFailedMessage("en", cmd, "x"), /^gipcheck was not found/);
  });

  test("another failure gives the error and the lsp extra", () => {
    const m = glue.startFailedMessage("en", { ...cmd, onPath: true }, "Connection closed");
    assert.match(m, /Connection closed/);
    assert.match(m, /gipcheck\[lsp\]/);
  });

  test("what gipcheck said on standard error comes first", () => {
    const stderr = "gipcheck: 编辑器服务需要 pygls：pip install 'gipcheck[lsp]' (the language server needs the lsp extra)\n\n";
    const m = glue.startFailedMessage("zh", { ...cmd, onPath: true }, "write EPIPE", stderr);
    assert.match(m, /^gipcheck 服务未能启动：gipcheck: 编辑器服务需要 pygls/);
    assert.doesNotMatch(m, /EPIPE/);
    // nothing said: the client's error
    assert.match(glue.startFailedMessage("en", { ...cmd, onPath: true }, "write EPIPE", " \n"), /write EPIPE/);
  });

  test("lastLine: the last non-empty line, shortened", () => {
    assert.equal(glue.lastLine("a\r\nb  \n\n"), "b");
    assert.equal(glue.lastLine(""), undefined);
    assert.equal(glue.lastLine("x".repeat(10), 5), "xxxx…");
  });

  test("the starting line names the source and the command", () => {
    assert.equal(
      glue.startingMessage("en", { command: "/ws/.venv/bin/gipcheck", args: ["server"], source: "venv" }),
      "starting the gipcheck server (the workspace's virtual environment): /ws/.venv/bin/gipcheck server",
    );
    assert.match(glue.startingMessage("zh", cmd), /^启动 gipcheck 服务（PATH）：gipcheck server/);
  });

  test("crashed", () => {
    assert.match(glue.crashedMessage("en"), /5 times in 3 minutes/);
  });
});
