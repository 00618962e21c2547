import {
  formatError,
  logger,
  operationLabel,
  RequestScope,
  requestIdFrom,
  rootLog,
  runInScope,
  setConfig,
  setLogDestination,
} from "@partnergraph/kit";
import { GraphQLError } from "graphql";

const lines: Record<string, any>[] = [];
const raw: string[] = [];
beforeAll(() => {
  setConfig({ logLevel: "info" });
  setLogDestination({
    write: (line: string) => {
      raw.push(line);
      lines.push(JSON.parse(line));
    },
  });
});
beforeEach(() => {
  lines.length = 0;
  raw.length = 0;
});

describe("request ids", () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

  it("takes the client's x-request-id when it is short and of a safe charset", () => {
    expect(requestIdFrom({ "x-request-id": "abc-123" })).toBe("abc-123");
    expect(requestIdFrom({ "x-request-id": "7f3c2b1a-0000-4e5f-9a8b-123456789abc" })).toBe(
      "7f3c2b1a-0000-4e5f-9a8b-123456789abc",
    );
  });

  it.each([
    ["too long", "a".repeat(129)],
    ["a space", "abc 123"],
    ["a quote", 'abc"}'],
    ["a control character", "abc\u0007"],
    ["an empty value", "  "],
  ])("makes a new one for an id with %s", (_why, given) => {
    expect(requestIdFrom({ "x-request-id": given })).toMatch(uuid);
  });

  it("takes the trace id of a valid W3C traceparent, and nothing from an invalid one", () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    expect(requestIdFrom({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` })).toBe(traceId);
    expect(requestIdFrom({ traceparent: `00-${"0".repeat(32)}-00f067aa0ba902b7-01` })).toMatch(uuid);
    expect(requestIdFrom({ traceparent: "00-xyz-00f067aa0ba902b7-01" })).toMatch(uuid);
    expect(requestIdFrom({ "x-request-id": "mine", traceparent: `00-${traceId}-00f067aa0ba902b7-01` })).toBe("mine");
  });

  it("makes a new one when the client sends none", () => {
    expect(requestIdFrom({})).toMatch(uuid);
    expect(requestIdFrom({})).not.toBe(requestIdFrom({}));
  });
});

describe("logs", () => {
  it("are JSON lines with level, time and message, and the fields given", () => {
    rootLog().info("hello", { answer: 42 });
    expect(lines).toEqual([
      expect.objectContaining({ level: "info", msg: "hello", answer: 42, time: expect.any(String) }),
    ]);
  });

  it("carry the request id and service of the request they are written in, through the kit's logger", () => {
    const scope = new RequestScope("req-1", "identity");
    runInScope(scope, () => logger.info("inside"));
    logger.info("outside");
    expect(lines[0]).toMatchObject({ msg: "inside", requestId: "req-1", service: "identity" });
    expect(raw[0].match(/"service"/g)).toHaveLength(1);
    expect(lines[1].requestId).toBeUndefined();
  });

  it("never hold tokens, PINs or secrets, wherever a call site puts them", () => {
    logger.info("careless", {
      authorization: "Bearer eyJhbGciOi.secret.token",
      headers: { authorization: "Bearer x", "x-partnergraph-context": "signed", "content-type": "application/json" },
      token: "t0ken",
      variables: { input: { pin: "12345678", userId: "USR-1" } },
      config: { internalSecret: "s3cret", jwtSecret: "j" },
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ["eyJhbGciOi", "Bearer x", "signed", "t0ken", "12345678", "s3cret"])
      expect(text).not.toContain(secret);
    expect(lines[0].variables.input).toEqual({ pin: "[redacted]", userId: "USR-1" });
    expect(lines[0].headers["content-type"]).toBe("application/json");
  });

  it("follow the configured level", () => {
    setConfig({ logLevel: "warn" });
    try {
      logger.info("dropped");
      logger.warn("kept");
    } finally {
      setConfig({ logLevel: "info" });
    }
    expect(lines.map((line) => line.msg)).toEqual(["kept"]);
  });

  it("log a masked INTERNAL_SERVER_ERROR with the request id and the stack", () => {
    const scope = new RequestScope("req-boom", "support");
    const original = new Error("database on fire");
    const formatted = runInScope(scope, () =>
      formatError({ message: "database on fire" }, new GraphQLError("database on fire", { originalError: original })),
    );
    expect(formatted).toMatchObject({
      message: "Internal server error",
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: "error",
        requestId: "req-boom",
        error: expect.stringContaining("database on fire\n    at "),
      }),
    ]);
  });
});

describe("operation labels", () => {
  it("keep the contract's names, name subgraph parts after their operation, and fold the rest", () => {
    expect(operationLabel("PartnerDashboard")).toBe("PartnerDashboard");
    expect(operationLabel("PartnerDashboard__connections__0")).toBe("PartnerDashboard");
    expect(operationLabel("SomethingAClientMadeUp")).toBe("other");
    expect(operationLabel(null)).toBe("anonymous");
  });
});
