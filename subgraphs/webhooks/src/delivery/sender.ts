import { createHmac } from "node:crypto";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { RefusedAddressError, resolveEndpoint } from "../webhook/endpoint-policy";

export const SIGNATURE_HEADER = "PartnerGraph-Signature";
export const EVENT_ID_HEADER = "PartnerGraph-Event-Id";
export const EVENT_TYPE_HEADER = "PartnerGraph-Event-Type";
export const DELIVERY_ID_HEADER = "PartnerGraph-Delivery-Id";

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as the contract and the README's verifier say. */
export function signatureHeader(secret: string, body: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

export interface AttemptResult {
  /** The HTTP status; null when no answer came (refused, timed out, refused address). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** What an endpoint answers is read up to this much and dropped: it says nothing we keep. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * One POST to the endpoint: the addresses are resolved and checked first and the connection goes to one of
 * them (no second resolution an attacker's DNS could answer differently); no redirect is followed.
 */
export async function sendOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<AttemptResult> {
  const started = Date.now();
  const done = (status: number | null, error: string | null): AttemptResult => ({
    status,
    error: error?.slice(0, 300) ?? null,
    durationMs: Date.now() - started,
  });
  const target = new URL(url);
  let addresses: { address: string; family: number }[];
  try {
    addresses = await resolveEndpoint(target.hostname);
  } catch (error) {
    return done(null, error instanceof RefusedAddressError ? error.message : `cannot resolve ${target.hostname}`);
  }
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) (callback as (e: null, a: typeof addresses) => void)(null, addresses);
    else callback(null, addresses[0].address, addresses[0].family);
  };
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    const outgoing = request(
      target,
      {
        method: "POST",
        lookup,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "PartnerGraph-Webhooks/1",
        },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (response) => {
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on("close", () => {
          const status = response.statusCode ?? null;
          resolve(done(status, status !== null && status >= 200 && status < 300 ? null : `answered ${status}`));
        });
      },
    );
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      resolve(
        done(null, error.name === "AbortError" ? `no answer within ${timeoutMs} ms` : (error.code ?? error.message)),
      ),
    );
    outgoing.end(body);
  });
}
