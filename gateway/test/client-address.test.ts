import type { IncomingMessage } from "node:http";
import { clientAddressOf } from "../src/limits";

const request = (forwardedFor?: string | string[]) =>
  ({
    socket: { remoteAddress: "10.0.0.2" },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  }) as unknown as IncomingMessage;

describe("the client address anonymous budgets are kept by", () => {
  it("is the connection's peer when no proxy is trusted, whatever the headers say", () => {
    expect(clientAddressOf(request("203.0.113.9"), 0)).toBe("10.0.0.2");
  });

  it("behind trusted proxies, is the entry that many from the right; what the client wrote further left is ignored", () => {
    expect(clientAddressOf(request("198.51.100.1, 203.0.113.9"), 1)).toBe("203.0.113.9");
    expect(clientAddressOf(request(["198.51.100.1", "203.0.113.9, 10.0.0.1"]), 2)).toBe("203.0.113.9");
    expect(clientAddressOf(request("2001:db8::1"), 1)).toBe("2001:db8::1");
  });

  it("falls back to the peer when the header is missing, too short or not an address", () => {
    expect(clientAddressOf(request(), 1)).toBe("10.0.0.2");
    expect(clientAddressOf(request("203.0.113.9"), 2)).toBe("10.0.0.2");
    expect(clientAddressOf(request("198.51.100.1, not-an-address"), 1)).toBe("10.0.0.2");
  });
});
