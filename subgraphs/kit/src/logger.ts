import pino from "pino";
import { config, Config } from "./config";
import { currentScope } from "./observability/scope";

export type LogFields = Record<string, unknown>;
type Level = Exclude<Config["logLevel"], "silent">;

/** `log.info(message, fields)`: the one logging signature of the codebase, over pino. */
export interface Log {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(bindings: LogFields): Log;
}

const RANK: Record<Config["logLevel"], number> = { debug: 20, info: 30, warn: 40, error: 50, silent: Infinity };

/** Read per line rather than fixed at start, so setConfig({ logLevel }) applies at once (tests, bench). */
function enabled(level: Level): boolean {
  return RANK[level] >= RANK[config().logLevel];
}

/**
 * Never logged, whatever a call site passes: tokens, secrets, PINs, signed headers. pino's redact paths are
 * exact or one-level wildcards, so the common nestings are listed.
 */
export const REDACTED_PATHS = ["authorization", "cookie", "token", "password", "secret", "pin", "signature"]
  .flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`])
  .concat([
    'headers["x-partnergraph-context"]',
    'headers["x-partnergraph-signature"]',
    '*.headers["x-partnergraph-context"]',
    '*.headers["x-partnergraph-signature"]',
    "internalSecret",
    "jwtSecret",
    "*.internalSecret",
    "*.jwtSecret",
  ]);

function prettyWanted(): boolean {
  if (config().nodeEnv !== "development" || !process.stdout.isTTY) return false;
  try {
    require.resolve("pino-pretty"); // a devDependency: absent from production images
    return true;
  } catch {
    return false;
  }
}

/** JSON lines (info and below on stdout, warnings and errors on stderr); pretty on a developer's terminal. */
export function createPino(destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level: "debug", // lines are filtered before they reach pino (enabled), by the configured level
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  };
  if (destination) return pino(options, destination);
  if (prettyWanted()) return pino({ ...options, transport: { target: "pino-pretty", options: { destination: 1 } } });
  return pino(
    options,
    pino.multistream(
      [
        { level: "debug", stream: process.stdout },
        { level: "warn", stream: process.stderr },
      ],
      { dedupe: true },
    ),
  );
}

class PinoLog implements Log {
  constructor(private readonly target: pino.Logger) {}
  private write(level: Level, message: string, fields?: LogFields) {
    if (!enabled(level)) return;
    if (fields) this.target[level](fields, message);
    else this.target[level](message);
  }
  debug(message: string, fields?: LogFields) {
    this.write("debug", message, fields);
  }
  info(message: string, fields?: LogFields) {
    this.write("info", message, fields);
  }
  warn(message: string, fields?: LogFields) {
    this.write("warn", message, fields);
  }
  error(message: string, fields?: LogFields) {
    this.write("error", message, fields);
  }
  child(bindings: LogFields): Log {
    return new PinoLog(this.target.child(bindings));
  }
}

let root: Log | null = null;
const services = new Map<string, Log>();
/** The process's logger, outside any request. */
export function rootLog(): Log {
  return (root ??= new PinoLog(createPino()));
}
/** Tests: send every line to `destination` (e.g. to read them back). */
export function setLogDestination(destination: pino.DestinationStream): void {
  root = new PinoLog(createPino(destination));
  services.clear();
}

/** A service's logger: its lines carry `service` (several services share one process in `npm start`). */
export function serviceLog(service: string): Log {
  let log = services.get(service);
  if (!log) services.set(service, (log = rootLog().child({ service })));
  return log;
}

/** The current request's logger when there is one (its lines carry the request id), else the process's. */
function active(): Log {
  return currentScope()?.log ?? rootLog();
}

/** Logs through the current request's logger, so existing call sites carry the request id without change. */
export const logger: Log = {
  debug: (message, fields) => enabled("debug") && active().debug(message, fields),
  info: (message, fields) => enabled("info") && active().info(message, fields),
  warn: (message, fields) => enabled("warn") && active().warn(message, fields),
  error: (message, fields) => enabled("error") && active().error(message, fields),
  child: (bindings) => active().child(bindings),
};
